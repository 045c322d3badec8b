import AttestText

/// The words of a text as the matcher needs them: UTF-8 offsets and ids in the automaton's word
/// table, found in one pass over the bytes with no `String` per word. An ASCII word is lowercased
/// and hashed byte by byte as it is read and looked up with that hash; a word with any other
/// character is folded as `WordTokenizer.fold` does. The words are exactly those of
/// `WordTokenizer.tokens` (a property test checks it), invisible characters inside a word skipped
/// as it skips them.
struct WordScan {
    let starts: [Int]
    let ends: [Int]
    let ids: [Int32]

    /// Bytes that are ASCII letters or digits.
    static let asciiWord: [Bool] = (0..<256).map { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// The spaces, dashes and quotes of typeset text (U+00A0 and U+202F no-break spaces, the thin
    /// space, U+2010–U+2015 hyphens and dashes, ‘ ’ ‚ ‛ “ ” „ ‟, « », the bullet and …): none is
    /// a word character (`WordTokenizer.isWordScalar` is false for each; a test checks it), and
    /// in UN texts they are most of the non-ASCII characters, so they are told without looking up
    /// Unicode properties.
    @inline(__always) static func isTypographicSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0, 0xAB, 0xBB, 0x2009, 0x2010...0x2015, 0x2018...0x201F, 0x2022, 0x2026, 0x202F: true
        default: false
        }
    }

    init(_ b: UnsafeBufferPointer<UInt8>, table: WordTable) {
        // a word is at least one byte and words are separated: at most (n + 1) / 2 words
        let capacity = (b.count + 1) / 2
        // the three arrays are filled in one pass, uninitialised until then
        var count = 0
        var ends: [Int] = [], ids: [Int32] = []
        starts = [Int](unsafeUninitializedCapacity: max(capacity, 1)) { s, sCount in
            ends = [Int](unsafeUninitializedCapacity: max(capacity, 1)) { e, eCount in
                ids = [Int32](unsafeUninitializedCapacity: max(capacity, 1)) { d, dCount in
                    count = Self.scan(b, table, s.baseAddress!, e.baseAddress!, d.baseAddress!, capacity: max(capacity, 1))
                    dCount = count
                }
                eCount = count
            }
            sCount = count
        }
        self.ends = ends
        self.ids = ids
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>, _ table: WordTable,
                             _ starts: UnsafeMutablePointer<Int>, _ ends: UnsafeMutablePointer<Int>, _ ids: UnsafeMutablePointer<Int32>,
                             capacity: Int) -> Int {
        guard let p = b.baseAddress else { return 0 }
        let n = b.count
        var count = 0
        return asciiWord.withUnsafeBufferPointer { isWordTable in
            let isWord = isWordTable.baseAddress!
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratchBuffer in
                let scratch = scratchBuffer.baseAddress!
                var i = 0
                while i < n {
                    let c = p[i]
                    if c < 0x80 {
                        guard isWord[Int(c)] else { i += 1; continue }
                    } else {
                        let (scalar, w) = WordTokenizer.decode(b, i)
                        guard !Self.isTypographicSeparator(scalar.value), WordTokenizer.isWordScalar(scalar) else { i += w; continue }
                    }
                    // a word starts at i: read it, lowercasing and hashing while it is ASCII; an
                    // invisible character inside it (a soft hyphen, a zero-width space) is skipped
                    let start = i
                    var end = i
                    var ascii = true
                    var invisible = false
                    var length = 0
                    var h = WordTable.offsetBasis
                    while i < n {
                        let d = p[i]
                        if d < 0x80 {
                            guard isWord[Int(d)] else { break }
                            let lower = d &- 0x41 < 26 ? d | 0x20 : d
                            // SAFETY: scratch holds 64 bytes; longer words are hashed but not copied
                            if length < 64 { scratch[length] = lower }
                            length += 1
                            h = WordTable.step(h, lower)
                            i += 1
                            end = i
                        } else {
                            let (scalar, w) = WordTokenizer.decode(b, i)
                            if WordTokenizer.isInvisible(scalar) {
                                invisible = true
                                i += w
                                continue
                            }
                            guard !Self.isTypographicSeparator(scalar.value), WordTokenizer.isWordScalar(scalar) else { break }
                            ascii = false
                            i += w
                            end = i
                        }
                    }
                    // SAFETY: count < capacity = (n + 1) / 2: every word is at least one byte and is
                    // followed by a separator or the end of the text; checked in debug builds
                    assert(count < capacity, "WordScan: more words than the buffers hold")
                    if ascii, length <= 64 {
                        ids[count] = table.find(UnsafeBufferPointer(start: scratch, count: length), hash: h)
                    } else {
                        var word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
                        if invisible {
                            var visible = String.UnicodeScalarView()
                            visible.append(contentsOf: word.unicodeScalars.lazy.filter { !WordTokenizer.isInvisible($0) })
                            word = String(visible)
                        }
                        var folded = WordTokenizer.fold(word)
                        ids[count] = folded.withUTF8 { table.find($0) }
                    }
                    starts[count] = start
                    ends[count] = end
                    count += 1
                }
                return count
            }
        }
    }
}

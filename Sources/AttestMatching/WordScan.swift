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

    /// Per byte: the byte lowercased when it is an ASCII letter or digit, 0 for any other byte
    /// (one load tells a byte of a word and gives its folded form; bytes from 0x80 are 0).
    static let asciiFold: [UInt8] = (0..<256).map { c in
        switch c {
        case 0x30...0x39, 0x61...0x7A: UInt8(c)
        case 0x41...0x5A: UInt8(c) | 0x20
        default: 0
        }
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
        return asciiFold.withUnsafeBufferPointer { foldTable in
            let fold = foldTable.baseAddress!
            // 64 bytes of the word and 8 more, so that `WordTable.find(padded:)` may read 8 bytes at the start
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { scratchBuffer in
                let scratch = scratchBuffer.baseAddress!
                // (a prefix load reads past a short word: bytes of earlier words or these zeros, masked off)
                scratch.initialize(repeating: 0, count: 72)
                var i = 0
                while i < n {
                    let c = p[i]
                    if c < 0x80 {
                        guard fold[Int(c)] != 0 else { i += 1; continue }
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
                    while true {
                        // a run of ASCII letters and digits, in a loop of its own (one table load per
                        // byte; the hash and length stay in registers)
                        let run = i
                        while i < n {
                            let lower = fold[Int(p[i])]
                            if lower == 0 { break }
                            // SAFETY: scratch holds 64 bytes (and 8 of padding); a word longer than 64
                            // bytes wraps around in it, but is then looked up from the text instead
                            scratch[length & 63] = lower
                            length += 1
                            h = WordTable.step(h, lower)
                            i += 1
                        }
                        if i > run { end = i }
                        guard i < n, p[i] >= 0x80 else { break }
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
                    // SAFETY: count < capacity = (n + 1) / 2: every word is at least one byte and is
                    // followed by a separator or the end of the text; checked in debug builds
                    assert(count < capacity, "WordScan: more words than the buffers hold")
                    if ascii, length <= 64 {
                        ids[count] = table.find(padded: UnsafeBufferPointer(start: scratch, count: length), hash: h)
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

import AttestText

/// The words of a text as the matcher needs them: UTF-8 offsets and ids in the automaton's word
/// table, found in one pass over the bytes with no `String` per word. An ASCII word is lowercased
/// and hashed byte by byte as it is read and looked up with that hash; a word with any other
/// character is folded as `WordTokenizer.fold` does. The words are exactly those of
/// `WordTokenizer.tokens` (a property test checks it).
struct WordScan {
    var starts: [Int] = []
    var ends: [Int] = []
    var ids: [Int32] = []

    /// Bytes that are ASCII letters or digits.
    static let asciiWord: [Bool] = (0..<256).map { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    init(_ b: UnsafeBufferPointer<UInt8>, table: WordTable) {
        let capacity = b.count / 2 + 1
        starts.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        let n = b.count
        Self.asciiWord.withUnsafeBufferPointer { isWord in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
                var i = 0
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        guard isWord[Int(c)] else { i += 1; continue }
                    } else {
                        let (scalar, w) = WordTokenizer.decode(b, i)
                        guard WordTokenizer.isWordScalar(scalar) else { i += w; continue }
                    }
                    // a word starts at i: read it, lowercasing and hashing while it is ASCII
                    let start = i
                    var ascii = true
                    var h = WordTable.offsetBasis
                    while i < n {
                        let d = b[i]
                        if d < 0x80 {
                            guard isWord[Int(d)] else { break }
                            let lower = d >= 0x41 && d <= 0x5A ? d | 0x20 : d
                            let k = i - start
                            if k < 64 { scratch[k] = lower }
                            h = WordTable.step(h, lower)
                            i += 1
                        } else {
                            let (scalar, w) = WordTokenizer.decode(b, i)
                            guard WordTokenizer.isWordScalar(scalar) else { break }
                            ascii = false
                            i += w
                        }
                    }
                    let length = i - start
                    let id: Int32
                    if ascii, length <= 64 {
                        id = table.find(UnsafeBufferPointer(rebasing: scratch[0..<length]), hash: h)
                    } else {
                        var folded = WordTokenizer.fold(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                        id = folded.withUTF8 { table.find($0) }
                    }
                    starts.append(start)
                    ends.append(i)
                    ids.append(id)
                }
            }
        }
    }
}

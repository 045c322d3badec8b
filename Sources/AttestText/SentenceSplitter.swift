/// Splits text into sentences, deterministically and without ICU.
///
/// A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets after it) when
/// whitespace follows and the next word starts with an uppercase letter, a digit, an opening
/// quote or bracket — unless the word before the full stop is a title or an initial
/// ("Mr.", "Ms.", "Dr.", "No.", "L.P.", "U.S."). Offsets are UTF-8 byte offsets, half-open,
/// with surrounding whitespace trimmed.
///
/// The text's bytes are read in place, eight at a time between marks, and an abbreviation is
/// looked up as the eight bytes of its lowercased word: no String is made but for a non-ASCII
/// letter after a mark (is "É" a capital?).
public enum SentenceSplitter {
    /// Words after which a full stop does not end a sentence (compared lowercased).
    public static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "no", "nos", "para", "paras", "art", "arts", "vol", "p", "pp",
        "sr", "jr", "prof", "gen", "col", "lt", "rev", "hon", "mt", "fig", "e.g", "i.e", "cf", "vs", "approx",
        "ste", "msgr", "amb", "h.e", "u.s", "u.n", "u.k", "a.m", "p.m",
    ]

    /// `abbreviations` as `key`s; all are at most eight bytes.
    static let packedAbbreviations: Set<UInt64> = Set(abbreviations.map { word -> UInt64 in
        precondition(word.utf8.count <= 8, "an abbreviation of more than eight bytes: \(word)")
        return key(word.utf8)
    })

    /// A word of eight bytes or fewer as one number: its bytes, ASCII capitals lowercased, packed
    /// first byte lowest.
    static func key<C: Collection<UInt8>>(_ word: C) -> UInt64 {
        var key: UInt64 = 0
        for (k, c) in word.enumerated() {
            key |= UInt64(c &- UInt8(ascii: "A") < 26 ? c | 0x20 : c) << (8 * UInt64(k))
        }
        return key
    }

    /// Sentence ranges of `text`.
    public static func sentences<S: StringProtocol>(_ text: S) -> [Range<Int>] {
        if let found = text.utf8.withContiguousStorageIfAvailable({ sentences(bytes: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { sentences(bytes: $0) }
    }

    /// Sentence ranges of UTF-8 `bytes`.
    static func sentences(bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var sentenceStart = 0
        var i = 0
        let n = bytes.count
        while true {
            i = nextMark(bytes, from: i)
            guard i < n else { break }
            let b = bytes[i]
            var j = i + 1
            // closing quotes and brackets belong to the sentence
            while j < n, let w = closerWidth(bytes, j) { j += w }
            if j >= n {
                break
            }
            if isSpace(bytes, j), startsSentence(bytes, skipSpaces(bytes, j)), !(b == UInt8(ascii: ".") && endsWithAbbreviation(bytes, i)) {
                let sentence = trim(bytes, sentenceStart..<j)
                if !sentence.isEmpty { result.append(sentence) }
                sentenceStart = j
            }
            i = j
        }
        if sentenceStart < n {
            let last = trim(bytes, sentenceStart..<n)
            if !last.isEmpty { result.append(last) }
        }
        return result
    }

    /// The place of the first `.`, `!` or `?` at or after `from`, or the end. Eight bytes at a
    /// time: a byte equal to the mark is a zero byte of their exclusive or, and a word's zero bytes
    /// are the bytes whose low seven bits plus 0x7F leave the top bit clear, top bit clear too.
    @inline(__always)
    static func nextMark(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        let n = b.count
        if let base = b.baseAddress {
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while i + 8 <= n {
                let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                func zeros(_ y: UInt64) -> UInt64 { ~(((y & low) &+ low) | y | low) }
                let hits = zeros(x ^ 0x2E2E_2E2E_2E2E_2E2E) | zeros(x ^ 0x2121_2121_2121_2121) | zeros(x ^ 0x3F3F_3F3F_3F3F_3F3F)
                if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < n, b[i] != UInt8(ascii: "."), b[i] != UInt8(ascii: "!"), b[i] != UInt8(ascii: "?") { i += 1 }
        return i
    }

    static func closerWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        switch b[i] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return 1
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x9D || b[i + 2] == 0x99): return 3 // ” ’
        default: return nil
        }
    }

    static func isSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return true
        default: return false
        }
    }

    static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i
        while j < b.count, isSpace(b, j) { j += b[j] == 0xC2 ? 2 : 1 }
        return j
    }

    static func startsSentence(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < b.count else { return false }
        let c = b[i]
        if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { return true }
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { return true }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "'") { return true }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x9C || b[i + 2] == 0x98 { return true } // “ ‘
        if c >= 0xC3 && c < 0xE0, i + 1 < b.count {
            // Latin-1 and Latin Extended capitals (É, Ö, Ž ...): decode and test
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + 2)]), as: UTF8.self)
            return s.first?.isUppercase ?? false
        }
        return false
    }

    /// True when the word ending at the full stop `dot` is an abbreviation or an initial.
    static func endsWithAbbreviation(_ b: UnsafeBufferPointer<UInt8>, _ dot: Int) -> Bool {
        func isUpper(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
        var k = dot
        while k > 0 {
            let c = b[k - 1]
            let letter = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || isUpper(c)
            if !letter && c != UInt8(ascii: ".") { break }
            k -= 1
        }
        if k == dot { return false }
        // a single capital, or a run of initials ("L.P", "U.S"): the word's parts between full
        // stops (empty ones left out) are each one capital, and there is one at least (the
        // full stop at `dot` ends the last part)
        var parts = 0, initials = true, run = 0
        for x in k...dot {
            guard b[x] == UInt8(ascii: ".") else { run += 1; continue }
            if run > 0 {
                parts += 1
                if run != 1 || !isUpper(b[x - 1]) { initials = false }
            }
            run = 0
        }
        if parts > 0, initials { return true }
        return dot - k <= 8 && packedAbbreviations.contains(key(UnsafeBufferPointer(rebasing: b[k..<dot])))
    }

    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isSpace(b, lo) { lo += b[lo] == 0xC2 ? 2 : 1 }
        while hi > lo {
            if b[hi - 1] == 0x20 || b[hi - 1] == 0x0A || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
            else if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2 }
            else { break }
        }
        return lo..<hi
    }
}

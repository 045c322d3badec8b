import Foundation

/// A word of a text, folded for comparison, with its place in the original text.
///
/// Folding lowercases, removes diacritics ("Côte" → "cote") and treats every kind of
/// punctuation, hyphen, dash, quote and space (including U+00A0 and U+2011) as a separator,
/// so that "Counter-Terrorism", "counter‑terrorism" and "counter terrorism" give the same words.
/// Invisible characters (`WordTokenizer.isInvisible`: soft hyphen, zero-width spaces and joiners,
/// word joiner, byte order mark, bidirectional controls) are not there at all: "hu\u{00AD}man" is
/// the word "human", its offsets spanning the soft hyphen.
public struct WordToken: Sendable, Equatable {
    /// The folded form of the word.
    public var folded: String
    /// UTF-8 byte offsets of the word in the original text, half-open.
    public var start: Int
    public var end: Int
    /// True when the word is joined to the previous one by a hyphen or an apostrophe with no space
    /// ("Guinea-Bissau", "d’Ivoire"): a name match may not start on such a word.
    public var joinedToPrevious: Bool
    /// True when the word has two or more letters, all uppercase ("UNODC", "US").
    public var isAllCaps: Bool

    public init(folded: String, start: Int, end: Int, joinedToPrevious: Bool, isAllCaps: Bool = false) {
        self.folded = folded
        self.start = start
        self.end = end
        self.joinedToPrevious = joinedToPrevious
        self.isAllCaps = isAllCaps
    }
}

/// Splits text into folded words, keeping UTF-8 offsets into the original.
public enum WordTokenizer {
    /// The words of `text`.
    /// - Parameters:
    ///   - text: the text to split.
    ///   - base: added to every offset, for a slice of a larger text.
    public static func tokens<S: StringProtocol>(_ text: S, base: Int = 0) -> [WordToken] {
        if let words = text.utf8.withContiguousStorageIfAvailable({ tokens(utf8: $0, base: base) }) { return words }
        var copy = String(text)
        return copy.withUTF8 { tokens(utf8: $0, base: base) }
    }

    /// The words of the valid UTF-8 `b`: one pass over its bytes, each word's bytes gathered (its
    /// invisible characters left out) and folded when it ends — an all-ASCII word by lowercasing
    /// its bytes, any other by `fold`.
    static func tokens(utf8 b: UnsafeBufferPointer<UInt8>, base: Int) -> [WordToken] {
        var result: [WordToken] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var ascii = true            // the word's bytes are all ASCII
        var start = 0
        var joiner = false          // a hyphen or apostrophe directly after the previous word
        var sawSeparatorOnly = true // nothing but joiners since the previous word
        var pendingJoin = false
        // counted while the word is read: letters, and whether any letter is not uppercase
        var letters = 0
        var hasNonUpper = false
        // the end of the word's last visible scalar (an invisible one after it is not part of it)
        var wordEnd = base
        func flush(end: Int) {
            guard !word.isEmpty else { return }
            let folded: String
            if ascii {
                for k in word.indices where word[k] >= 0x41 && word[k] <= 0x5A { word[k] |= 0x20 }
                folded = String(decoding: word, as: UTF8.self)
            } else {
                folded = fold(String(decoding: word, as: UTF8.self))
            }
            let caps = letters >= 2 && !hasNonUpper
            result.append(WordToken(folded: folded, start: start, end: end, joinedToPrevious: pendingJoin, isAllCaps: caps))
            word.removeAll(keepingCapacity: true)
            ascii = true
            letters = 0
            hasNonUpper = false
        }
        let n = b.count
        var i = 0
        while i < n {
            let offset = base + i
            let c = b[i]
            if c < 0x80 {
                // ASCII: a letter or digit is a word byte; anything else a separator
                let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                if letter || (c >= 0x30 && c <= 0x39) {
                    if word.isEmpty {
                        start = offset
                        pendingJoin = !result.isEmpty && joiner && sawSeparatorOnly
                    }
                    word.append(c)
                    wordEnd = offset + 1
                    if letter {
                        letters += 1
                        if c >= 0x61 { hasNonUpper = true }
                    }
                } else {
                    if !word.isEmpty {
                        flush(end: wordEnd)
                        joiner = false
                        sawSeparatorOnly = true
                    }
                    if c == 0x2D || c == 0x27 { joiner = true } else { sawSeparatorOnly = false }
                }
                i += 1
                continue
            }
            let (scalar, width) = decode(b, i)
            defer { i += width }
            if isInvisible(scalar) { continue }  // neither letter nor separator: a word goes on through it
            if isWordScalar(scalar) {
                if word.isEmpty {
                    start = offset
                    pendingJoin = !result.isEmpty && joiner && sawSeparatorOnly
                }
                word.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + width)]))
                ascii = false
                wordEnd = offset + width
                if scalar.properties.isAlphabetic {
                    letters += 1
                    if !scalar.properties.isUppercase { hasNonUpper = true }
                }
            } else {
                if !word.isEmpty {
                    flush(end: wordEnd)
                    joiner = false
                    sawSeparatorOnly = true
                }
                if isJoiner(scalar) { joiner = true } else { sawSeparatorOnly = false }
            }
        }
        flush(end: wordEnd)
        return result
    }

    /// Lowercase, diacritic-free form of one word.
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    /// The folded words of `text` joined by single spaces: a key for comparing names.
    public static func key(_ text: String) -> String {
        tokens(text).map(\.folded).joined(separator: " ")
    }

    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }

    static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2D, 0x27, 0x2010, 0x2011, 0x2012, 0x2013, 0x2019, 0x02BC: true
        default: false
        }
    }

    /// The spaces, dashes and quotes of typeset text (U+00A0 and U+202F no-break spaces, the thin
    /// space, U+2010–U+2015 hyphens and dashes, ‘ ’ ‚ ‛ “ ” „ ‟, « », the bullet and …): none is
    /// a word character (`isWordScalar` is false for each; a test checks it) and none extends the
    /// character before it, in any version of Unicode's tables. The word scan tells them without
    /// looking up Unicode properties, and the byte searches of "on behalf of" (`asciiRange`)
    /// take a place before one as Foundation does without asking it.
    @inlinable @inline(__always) public static func isTypographicSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0, 0xAB, 0xBB, 0x2009, 0x2010...0x2015, 0x2018...0x201F, 0x2022, 0x2026, 0x202F: true
        default: false
        }
    }

    /// Characters that show nothing and that a word goes on through, so that they cannot hide a
    /// phrase ("hu\u{00AD}man rights"): the soft hyphen U+00AD (common in text extracted from
    /// PDFs), the Arabic letter mark U+061C, the Mongolian vowel separator U+180E, the zero-width
    /// space, non-joiner and joiner and the left-to-right and right-to-left marks U+200B–U+200F,
    /// the bidirectional embeddings and overrides U+202A–U+202E, the word joiner and invisible
    /// operators U+2060–U+2064, the bidirectional isolates U+2066–U+2069, and the byte order mark
    /// (zero-width no-break space) U+FEFF.
    @inline(__always) public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}

extension WordTokenizer {
    /// The scalar starting at `i` of valid UTF-8, and its width.
    @inline(__always) public static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let c = UInt32(b[i])
        let n = b.count
        if c < 0xE0, i + 1 < n { return (Unicode.Scalar((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)) ?? "\u{FFFD}", 2) }
        if c < 0xF0, i + 2 < n {
            return (Unicode.Scalar((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)) ?? "\u{FFFD}", 3)
        }
        if i + 3 < n {
            let v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", n - i)
    }
}

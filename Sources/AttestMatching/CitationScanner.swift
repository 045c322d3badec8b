import AttestText
import Foundation

/// A citation of a Security Council resolution found in a text.
public struct Citation: Sendable, Equatable {
    public var resolution: Int
    public var year: Int?
    /// UTF-8 offsets of the number (and its year) in the text.
    public var start: Int
    public var end: Int
}

/// A document symbol found in a text ("S/2020/754", "S/PRST/2020/5"), uppercased.
public struct DocumentSymbol: Sendable, Equatable {
    public var symbol: String
    public var start: Int
    public var end: Int
}

/// Finds resolution citations in every form the Council's documents use: "resolution 2482 (2019)",
/// "resolution 2482", "S/RES/2482 (2019)", and enumerations such as "resolutions 2462 (2019) and
/// 2482 (2019)" or "resolutions 1373 (2001), 2178 (2014) and 2482 (2019)".
///
/// A scan over UTF-8 bytes, no regular expressions. Spaces include U+00A0.
public enum CitationScanner {
    public static func citations<S: StringProtocol>(in text: S) -> [Citation] {
        citationsWithLead(in: text).map(\.citation)
    }

    /// False when the text has neither "resolution" nor "S/RES/" in any case, so no citation:
    /// each word looked for on its own (the reference the scan's one pass for both is tested
    /// against).
    static func mayCite(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer {
            ASCIISearch.first("resolution", in: $0, comparing: 4, 5) != nil || ASCIISearch.first("s/res/", in: $0, comparing: 1, 5) != nil
        }
    }

    /// The first "resolution" or "S/RES/" (in any case) at or after `from`: both words looked
    /// for in one pass (`ASCIISearch`: "lu" and the two "/" compared sixteen places at a time).
    static func citable(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        ASCIISearch.first("resolution", comparing: 4, 5, or: "s/res/", comparing: 1, 5, in: b, from: from)?.at
    }

    /// Citations with the offset of the word that introduces them ("resolutions" or "S/RES/"),
    /// where a negation in front of the citation is looked for.
    public static func citationsWithLead<S: StringProtocol>(in text: S) -> [(citation: Citation, lead: Int)] {
        // most texts cite nothing (four in five statements of the benchmark): asked of the text's
        // own bytes, before they are copied
        var first = text.utf8.withContiguousStorageIfAvailable { citable($0, from: 0) }
        if let f = first, f == nil { return [] }
        let b = text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
        if first == nil { first = b.withUnsafeBufferPointer { citable($0, from: 0) } }
        guard let start = first ?? nil else { return [] }
        return citationsWithLead(b, first: start)
    }

    /// The citations of `b`, going from one "resolution" or "S/RES/" to the next (`citable`, the
    /// first at `first`) and reading each as the scan of every byte does (`citations(at:in:)`):
    /// what `citationsWithLead(_:from:)` finds from byte 0, as a citation starts nowhere else.
    static func citationsWithLead(_ b: [UInt8], first: Int) -> [(citation: Citation, lead: Int)] {
        b.withUnsafeBufferPointer { p in
            var result: [(citation: Citation, lead: Int)] = []
            var next: Int? = first
            while let at = next {
                let i: Int
                if let (found, after) = citations(at: at, in: b) {
                    result += found
                    i = after
                } else {
                    i = at + 1
                }
                next = citable(p, from: i)
            }
            return result
        }
    }

    /// The citations of `b` that start at or after `start`, each byte looked at (the reference
    /// the scan that jumps from one "resolution" or "S/RES/" to the next is tested against).
    static func citationsWithLead(_ b: [UInt8], from start: Int) -> [(citation: Citation, lead: Int)] {
        var result: [(citation: Citation, lead: Int)] = []
        var i = start
        while i < b.count {
            if let (found, next) = citations(at: i, in: b) {
                result += found
                i = next
            } else {
                i += 1
            }
        }
        return result
    }

    /// The citations that a "resolution(s)" or "S/RES/" at `i` introduces, with `i` as their lead,
    /// and where the scan goes on; nil when none of them starts at `i` (the scan goes on at `i + 1`).
    static func citations(at i: Int, in b: [UInt8]) -> (found: [(citation: Citation, lead: Int)], next: Int)? {
        let c = b[i] | 0x20
        if c == UInt8(ascii: "r"), isWordStart(b, i), let after = matchWord(b, i, "resolution" as StaticString) {
            var j = after
            let plural = j < b.count && b[j] | 0x20 == UInt8(ascii: "s")
            if plural { j += 1 }
            if j < b.count, isLetter(b[j]) { return ([], j) }
            let (list, end) = numberList(b, j, plural: plural)
            return (list.map { ($0, i) }, max(end, i + 1))
        }
        if c == UInt8(ascii: "s"), isWordStart(b, i), i + 6 <= b.count,
           b[i + 1] == UInt8(ascii: "/"), b[i + 2] | 0x20 == UInt8(ascii: "r"), b[i + 3] | 0x20 == UInt8(ascii: "e"),
           b[i + 4] | 0x20 == UInt8(ascii: "s"), b[i + 5] == UInt8(ascii: "/") {
            if let (cite, end) = numberWithYear(b, i + 6, allowSpace: false) {
                return ([(cite, i)], end)
            }
        }
        return nil
    }

    /// Document symbols: capital letters, then one or more "/"-separated parts of letters, digits,
    /// "." or "-" ("S/2020/754", "S/PRST/2020/5", "A/RES/75/1"), as a whole token.
    public static func symbols<S: StringProtocol>(in text: S) -> [DocumentSymbol] {
        // every symbol has a "/": most texts have none, and are not read byte by byte
        let slash = text.utf8.withContiguousStorageIfAvailable { u in
            u.baseAddress.map { memchr($0, 0x2F, u.count) != nil } ?? false
        }
        if slash == false { return [] }
        let b = Array(text.utf8)
        var result: [DocumentSymbol] = []
        var i = 0
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isPart(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") }
        while i < b.count {
            guard isUpper(b[i] & 0xDF), isLetter(b[i]), i == 0 || !(isLetter(b[i - 1]) || isDigit(b[i - 1]) || b[i - 1] == UInt8(ascii: "/")) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, isLetter(b[j]) { j += 1 }
            var parts = 0
            var end = j
            while end < b.count, b[end] == UInt8(ascii: "/") {
                var k = end + 1
                while k < b.count, isPart(b[k]) { k += 1 }
                // a trailing full stop or hyphen ends the sentence, not the symbol
                while k > end + 1, b[k - 1] == UInt8(ascii: ".") || b[k - 1] == UInt8(ascii: "-") { k -= 1 }
                guard k > end + 1 else { break }
                parts += 1
                end = k
            }
            if parts >= 1, end < b.count ? !(isLetter(b[end]) || isDigit(b[end])) : true,
               b[i..<end].contains(where: isDigit) {
                let symbol = String(decoding: b[i..<end], as: UTF8.self).uppercased()
                result.append(DocumentSymbol(symbol: symbol, start: i, end: end))
                i = end
            } else {
                i = max(j, i + 1)
            }
        }
        return result
    }

    /// "2462 (2019), 2178 (2014) and 2482 (2019)" after the word "resolutions"; after the singular
    /// "resolution" only one number ("resolution 2482 (2019), 2020 saw progress" cites 2482 alone).
    static func numberList(_ b: [UInt8], _ start: Int, plural: Bool) -> ([Citation], Int) {
        var list: [Citation] = []
        var j = start
        while true {
            let k = skipSpaces(b, j)
            if list.isEmpty, k == j { return (list, j) } // "resolution" must be followed by a space
            guard let (cite, end) = numberWithYear(b, k, allowSpace: true) else { return (list, j) }
            list.append(cite)
            j = end
            guard plural else { return (list, j) }
            // separators: ",", "and", ", and", "as well as", "&"
            var s = skipSpaces(b, j)
            var separated = false
            if s < b.count, b[s] == UInt8(ascii: ",") || b[s] == UInt8(ascii: "&") || b[s] == UInt8(ascii: ";") { s = skipSpaces(b, s + 1); separated = true }
            if let e = matchWord(b, s, "and" as StaticString) { s = e; separated = true } else if let e = matchPhrase(b, s, "as well as") { s = e; separated = true }
            guard separated else { return (list, j) }
            j = s
        }
    }

    static func numberWithYear(_ b: [UInt8], _ start: Int, allowSpace: Bool) -> (Citation, Int)? {
        var j = start
        var n = 0
        while j < b.count, isDigit(b[j]), j - start < 5 { n = n * 10 + Int(b[j] - 48); j += 1 }
        guard j > start, j == b.count || !isDigit(b[j]) && !isLetter(b[j]) else { return nil }
        // "resolution 2482/2019" is not a form we know; "2482." ends a sentence and is fine
        var end = j
        var year: Int?
        let k = skipSpaces(b, j)
        if k < b.count, b[k] == UInt8(ascii: "("), k + 6 <= b.count, (4...4).contains(digits(b, k + 1)), b[k + 5] == UInt8(ascii: ")") {
            year = Int(String(decoding: b[(k + 1)..<(k + 5)], as: UTF8.self))
            end = k + 6
        }
        return (Citation(resolution: n, year: year, start: start, end: end), end)
    }

    static func digits(_ b: [UInt8], _ i: Int) -> Int {
        var k = i
        while k < b.count, isDigit(b[k]) { k += 1 }
        return k - i
    }

    static func skipSpaces(_ b: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < b.count {
            if b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x09 { j += 1 } else if b[j] == 0xC2, j + 1 < b.count, b[j + 1] == 0xA0 { j += 2 } else { break }
        }
        return j
    }

    /// `matchWord` of a literal, read in place (an array made of the word at every "r" that
    /// starts a word cost more than the rest of the scan).
    static func matchWord(_ b: [UInt8], _ i: Int, _ word: StaticString) -> Int? {
        let w = word.utf8Start, n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return nil }
        for k in 0..<n where b[i + k] | 0x20 != w[k] { return nil }
        return i + n
    }

    static func matchWord(_ b: [UInt8], _ i: Int, _ word: String) -> Int? {
        let w = Array(word.utf8)
        guard i + w.count <= b.count else { return nil }
        for k in 0..<w.count where b[i + k] | 0x20 != w[k] { return nil }
        return i + w.count
    }

    static func matchPhrase(_ b: [UInt8], _ i: Int, _ phrase: String) -> Int? {
        var j = i
        for (n, word) in phrase.split(separator: " ").enumerated() {
            if n > 0 { let k = skipSpaces(b, j); guard k > j else { return nil }; j = k }
            guard let e = matchWord(b, j, String(word)) else { return nil }
            j = e
        }
        return j < b.count && isLetter(b[j]) ? nil : j
    }

    static func isWordStart(_ b: [UInt8], _ i: Int) -> Bool { i == 0 || !isLetter(b[i - 1]) && !isDigit(b[i - 1]) }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

import AttestText

/// A literal that every match of a regular expression contains, found by reading the pattern,
/// so that the expression runs only on text that contains it (NSRegularExpression is the slowest
/// thing a rule can ask for).
///
/// Conservative by construction: only a run of ASCII letters, digits, spaces and escaped
/// punctuation at the top level of the pattern counts — not inside a group, a class, or before
/// `?`, `*` or `{` — and a pattern with an alternation, an inline option `(?`, or `\Q` has no
/// literal. Patterns are matched case-insensitively; ICU's case folding can match ASCII letters
/// with other characters ("ß" for "ss"), so the test says "cannot match" only for ASCII text.
public struct RegexPrefilter: Sendable, Equatable {
    /// The literal, lowercased ASCII, at least three bytes.
    public let literal: [UInt8]

    public init?(pattern: String) {
        guard let literal = Self.requiredLiteral(pattern) else { return nil }
        self.literal = literal
    }

    /// True unless the text is ASCII and does not contain the literal (in any case).
    public func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard JSONBytes.isASCII(text) else { return true }
        let n = literal.count
        guard text.count >= n else { return false }
        let first = literal[0]
        for i in 0...(text.count - n) {
            guard Self.lower(text[i]) == first else { continue }
            var k = 1
            while k < n, Self.lower(text[i + k]) == literal[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    static func requiredLiteral(_ pattern: String) -> [UInt8]? {
        if pattern.contains("|") || pattern.contains("(?") || pattern.contains("\\Q") { return nil }
        let p = Array(pattern.unicodeScalars)
        var best: [UInt8] = [], current: [UInt8] = []
        var depth = 0
        var i = 0
        func endRun() {
            if current.count > best.count { best = current }
            current = []
        }
        func isQuantifier(_ k: Int) -> Bool { k < p.count && (p[k] == "?" || p[k] == "*" || p[k] == "{") }
        while i < p.count {
            let c = p[i]
            var literal: Unicode.Scalar?
            var width = 1
            switch c {
            case "\\":
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                width = 2
                if e.isASCII, !e.properties.isAlphabetic, !("0"..."9").contains(e) { literal = e } else {
                    endRun()
                    if e == "p" || e == "P" || e == "x" || e == "u" || e == "N" {
                        // \p{...}, \x{...}, \N{...}: skip the braces
                        if i + 2 < p.count, p[i + 2] == "{", let close = p[(i + 2)...].firstIndex(of: "}") { width = close - i + 1 }
                    }
                }
            case "[":
                endRun()
                // to the closing bracket (a "]" first in the class is a member)
                var k = i + 1
                if k < p.count, p[k] == "^" { k += 1 }
                if k < p.count, p[k] == "]" { k += 1 }
                while k < p.count, p[k] != "]" { k += p[k] == "\\" ? 2 : 1 }
                width = k - i + 1
            case "(":
                endRun()
                depth += 1
            case ")":
                endRun()
                depth -= 1
            case ".", "^", "$", "?", "*", "+", "{", "}":
                endRun()
                if c == "{", let close = p[i...].firstIndex(of: "}") { width = close - i + 1 }
            default:
                literal = c
            }
            if let l = literal {
                if depth != 0 || !l.isASCII || isQuantifier(i + width) {
                    endRun()
                } else {
                    current.append(Self.lower(UInt8(l.value)))
                    // "a+" needs one "a" but the run cannot go on through it
                    if i + width < p.count, p[i + width] == "+" { endRun() }
                }
            }
            i += width
        }
        endRun()
        // trim spaces at the ends (a space may be a bounded repeat's neighbour); short literals help little
        while best.first == 0x20 { best.removeFirst() }
        while best.last == 0x20 { best.removeLast() }
        return best.count >= 3 ? best : nil
    }
}

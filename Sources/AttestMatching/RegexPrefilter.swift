import AttestFormats
import AttestText

/// A literal that every match of a regular expression contains, found by reading the pattern,
/// so that the expression runs only on text that contains it (NSRegularExpression is the slowest
/// thing a rule can ask for).
///
/// Conservative by construction: only a run of ASCII letters, digits, spaces and escaped
/// punctuation at the top level of a branch counts — not inside a group, a class, or before `?`,
/// `*` or `{`. A pattern that is an alternation (`a|b`, or `\b(?:a|b)\b`) needs one literal per
/// branch and passes text with any of them; a pattern with an inline option (`(?i)`, `(?-i:`) or
/// `\Q` has none. Patterns are matched case-insensitively; ICU's case folding can match ASCII
/// letters with other characters ("ß" for "ss"), so the test says "cannot match" only for ASCII text.
public struct RegexPrefilter: Sendable, Equatable {
    /// The literals, lowercased ASCII, at least three bytes each: every match contains one.
    public let literals: [[UInt8]]

    public init?(pattern: String) {
        guard let literals = Self.requiredLiterals(pattern) else { return nil }
        self.literals = literals
    }

    /// True unless the text is ASCII and contains none of the literals (in any case).
    public func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard JSONBytes.isASCII(text) else { return true }
        return literals.contains { Self.contains(text, $0) }
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ literal: [UInt8]) -> Bool {
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

    /// One literal per branch of the pattern, or nil when some branch has none.
    static func requiredLiterals(_ pattern: String) -> [[UInt8]]? {
        let p = Array(pattern.unicodeScalars)
        // an inline option changes case sensitivity or what "." means: no literal
        for i in p.indices where p[i] == "(" && i + 2 < p.count && p[i + 1] == "?" {
            if "imsxwuUd-^".unicodeScalars.contains(p[i + 2]) { return nil }
        }
        if pattern.contains("\\Q") { return nil }
        var body = p[...]
        // anchors and word boundaries around the whole consume nothing
        while body.starts(with: ["\\", "b"]) { body = body.dropFirst(2) }
        while body.first == "^" { body = body.dropFirst() }
        while body.count >= 2, body.suffix(2).elementsEqual(["\\", "b"]), !escaped(body, body.endIndex - 2) { body = body.dropLast(2) }
        while body.last == "$", !escaped(body, body.endIndex - 1) { body = body.dropLast() }
        // one group around the whole: its inside
        if body.first == "(", let close = closing(body, body.startIndex), close == body.endIndex - 1 {
            var inside = body[(body.startIndex + 1)..<close]
            if inside.starts(with: ["?", ":"]) { inside = inside.dropFirst(2) }
            if !inside.starts(with: ["?"]) { body = inside }
        }
        let branches = split(body)
        var literals: [[UInt8]] = []
        for b in branches {
            guard let l = requiredLiteral(b) else { return nil }
            literals.append(l)
        }
        return literals
    }

    /// True when the character at `i` is escaped by an odd number of backslashes before it.
    static func escaped(_ p: ArraySlice<Unicode.Scalar>, _ i: Int) -> Bool {
        var k = i, n = 0
        while k > p.startIndex, p[k - 1] == "\\" { k -= 1; n += 1 }
        return n % 2 == 1
    }

    /// The index of the ")" closing the group opened at `open`, or nil.
    static func closing(_ p: ArraySlice<Unicode.Scalar>, _ open: Int) -> Int? {
        var depth = 0, i = open
        while i < p.endIndex {
            switch p[i] {
            case "\\": i += 2; continue
            case "[": i = skipClass(p, i); continue
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The index after the class that starts at `i` (a "]" first in the class is a member).
    static func skipClass(_ p: ArraySlice<Unicode.Scalar>, _ i: Int) -> Int {
        var k = i + 1
        if k < p.endIndex, p[k] == "^" { k += 1 }
        if k < p.endIndex, p[k] == "]" { k += 1 }
        while k < p.endIndex, p[k] != "]" { k += p[k] == "\\" ? 2 : 1 }
        return min(k + 1, p.endIndex)
    }

    /// The branches of a pattern at its top level.
    static func split(_ p: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        var branches: [ArraySlice<Unicode.Scalar>] = []
        var depth = 0, start = p.startIndex, i = p.startIndex
        while i < p.endIndex {
            switch p[i] {
            case "\\": i += 2; continue
            case "[": i = skipClass(p, i); continue
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0:
                branches.append(p[start..<i])
                start = i + 1
            default: break
            }
            i += 1
        }
        branches.append(p[start..<min(i, p.endIndex)])
        return branches
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    /// The longest literal run a branch (no top-level "|") needs, or nil.
    static func requiredLiteral(_ p: ArraySlice<Unicode.Scalar>) -> [UInt8]? {
        let p = Array(p)
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
                width = skipClass(p[...], i) - i
            case "(":
                endRun()
                depth += 1
                // "(?:" and "(?<name>": the group's syntax, not its content
                if i + 1 < p.count, p[i + 1] == "?" {
                    if i + 2 < p.count, p[i + 2] == "<", let close = p[(i + 2)...].firstIndex(of: ">") { width = close - i + 1 } else { width = 3 }
                }
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

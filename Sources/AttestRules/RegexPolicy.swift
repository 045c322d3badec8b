import Foundation

/// Decides whether a rule author's regular expression is safe to run on untrusted text.
///
/// Attest refuses the shapes that make backtracking engines take exponential time instead of
/// running them under a budget: a backreference, a lookaround, a quantified group that contains a
/// quantifier or an alternation (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`), a pattern over 500 characters.
/// What remains is matched by ICU (`NSRegularExpression`), case-insensitively.
public enum RegexPolicy {
    public static let maxLength = 500

    /// Why the pattern is refused, or nil when it is acceptable.
    public static func problem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "regex is empty" }
        if pattern.count > maxLength { return "regex is \(pattern.count) characters; the limit is \(maxLength)" }
        let chars = Array(pattern)
        var i = 0
        var inClass = false
        // per open group: whether it contains a quantifier or an alternation
        var groups: [(quantified: Bool, alternation: Bool)] = []
        var lastClosed: (quantified: Bool, alternation: Bool)?
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { return "regex ends with a lone backslash" }
                let n = chars[i + 1]
                if n.isNumber && n != "0" || n == "k" { return "backreferences are not allowed in a regex" }
                i += 2
                lastClosed = nil
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                lastClosed = nil
            case "(":
                if i + 2 < chars.count, chars[i + 1] == "?" {
                    let n = chars[i + 2]
                    if n == "=" || n == "!" { return "lookahead is not allowed in a regex" }
                    if n == "<", i + 3 < chars.count, chars[i + 3] == "=" || chars[i + 3] == "!" { return "lookbehind is not allowed in a regex" }
                    // the group's kind: "(?:", "(?<name>", or inline flags "(?i)" / "(?i:"
                    var k = i + 2
                    if n == "<" {
                        while k < chars.count, chars[k] != ">" { k += 1 }
                        k += 1
                    } else {
                        var flags = ""
                        while k < chars.count, chars[k] != ":" && chars[k] != ")" {
                            flags.append(chars[k])
                            k += 1
                        }
                        if flags.contains("x") { return "free-spacing mode (?x) is not allowed in a regex" }
                        if k < chars.count, chars[k] == ")" {
                            // "(?i)": flags for the rest of the pattern, not a group
                            i = k + 1
                            lastClosed = nil
                            continue
                        }
                        k += 1 // past ":"
                    }
                    groups.append((false, false))
                    lastClosed = nil
                    i = k
                    continue
                }
                groups.append((false, false))
                lastClosed = nil
            case ")":
                guard let g = groups.popLast() else { return "unbalanced ')' in regex" }
                if !groups.isEmpty {
                    groups[groups.count - 1].quantified = groups[groups.count - 1].quantified || g.quantified
                    groups[groups.count - 1].alternation = groups[groups.count - 1].alternation || g.alternation
                }
                lastClosed = g
                i += 1
                continue
            case "|":
                if !groups.isEmpty { groups[groups.count - 1].alternation = true }
                lastClosed = nil
            case "*", "+", "?", "{":
                if c == "?" && i > 0 && (chars[i - 1] == "*" || chars[i - 1] == "+" || chars[i - 1] == "?" || chars[i - 1] == "}") {
                    break // lazy modifier of the previous quantifier
                }
                // an optional group ("(...)?") is not repeated, so it cannot backtrack exponentially
                if let g = lastClosed, c != "?" {
                    if g.quantified { return "a quantified group contains a quantifier (as in (a+)+): it can take exponential time" }
                    if g.alternation { return "a repeated group contains an alternation (as in (a|aa)*): it can take exponential time" }
                }
                if !groups.isEmpty { groups[groups.count - 1].quantified = true }
                lastClosed = nil
            default:
                lastClosed = nil
            }
            i += 1
        }
        if inClass { return "unterminated '[' in regex" }
        if !groups.isEmpty { return "unbalanced '(' in regex" }
        do {
            _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            return "invalid regex"
        }
        return nil
    }
}

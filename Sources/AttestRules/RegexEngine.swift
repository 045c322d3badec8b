import CAttestRegex
import Foundation

/// Attest's regular expressions run on RE2 (https://github.com/google/re2): an automaton engine
/// whose time is linear in the text for every pattern it accepts. RE2's own parser decides what
/// is accepted; what it cannot run in linear time (backreferences, lookaround, atomic groups,
/// repeats over 1,000) it refuses, and `validate` reports its reason at the rule.
///
/// Patterns are UTF-8 and case-insensitive (Unicode simple case folding). Before RE2 reads a
/// pattern, three ICU spellings it lacks are rewritten (`translated`), so that packs written for
/// ICU keep their meaning: `\uXXXX` and `\UXXXXXXXX`, `\s`/`\S` as ICU's white space
/// (`[\t\n\f\r\p{Z}]`, which includes U+00A0), and named groups `(?<name>…)`. `\w`, `\d` and `\b`
/// are RE2's, ASCII-only; `docs/rules.md` lists the differences from ICU.
public enum RegexEngine {
    /// Why the pattern is refused, or nil when RE2 accepts it.
    public static func problem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "regex is empty" }
        var p = translated(pattern)
        guard let reason = p.withUTF8({ b in b.withMemoryRebound(to: CChar.self) { attest_regex_check($0.baseAddress, $0.count) } }) else {
            return nil
        }
        defer { attest_regex_free_string(reason) }
        let why = String(cString: reason)
        return "regex refused by the linear-time engine (RE2): \(why)\(hint(why))"
    }

    /// What kind of construct RE2's message is about, when it is one that cannot run in linear time.
    static func hint(_ why: String) -> String {
        if why.contains("(?=") || why.contains("(?!") || why.contains("(?<") { return " (lookaround cannot run in linear time)" }
        if why.contains("(?>") { return " (atomic groups are not supported)" }
        if why.contains("(?#") { return " (comments are not supported)" }
        if why.hasPrefix("invalid escape sequence: \\"), let d = why.unicodeScalars.last, ("1"..."9").contains(d) || why.hasSuffix("\\k") {
            return " (backreferences cannot run in linear time)"
        }
        if why.hasPrefix("invalid repetition size") { return " (a repeat count is at most 1000)" }
        if why.hasPrefix("bad repetition operator") { return " (possessive quantifiers are not supported)" }
        if why.contains("(?x") { return " (free-spacing mode is not supported)" }
        return ""
    }

    /// ICU's white space, as an RE2 class body.
    static let space = #"\t\n\f\r\p{Z}"#

    /// The pattern with the ICU spellings RE2 lacks rewritten: `\uXXXX` → `\x{XXXX}`,
    /// `\UXXXXXXXX` → `\x{XXXXXXXX}`, `\s` → `[\t\n\f\r\p{Z}]` (in a class, its members),
    /// `\S` outside a class → `[^\t\n\f\r\p{Z}]`, `(?<name>` → `(?P<name>`. Everything else,
    /// `\Q…\E` included, is passed on as written, for RE2 to read.
    public static func translated(_ pattern: String) -> String {
        let p = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        func isHex(_ k: Int, _ n: Int) -> Bool {
            k + n <= p.count && p[k..<(k + n)].allSatisfy { $0.properties.isASCIIHexDigit }
        }
        func append(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        while i < p.count {
            let c = p[i]
            if c == "\\", i + 1 < p.count {
                let e = p[i + 1]
                switch e {
                case "Q":
                    // quoted up to \E: copied as it is
                    var k = i + 2
                    while k < p.count, !(p[k] == "\\" && k + 1 < p.count && p[k + 1] == "E") { k += 1 }
                    let end = min(k + 2, p.count)
                    out.append(contentsOf: p[i..<end])
                    i = end
                    continue
                case "u" where isHex(i + 2, 4), "U" where isHex(i + 2, 8):
                    let n = e == "u" ? 4 : 8
                    append("\\x{" + String(String.UnicodeScalarView(p[(i + 2)..<(i + 2 + n)])) + "}")
                    i += 2 + n
                    continue
                case "s":
                    append(inClass ? space : "[" + space + "]")
                    i += 2
                    continue
                case "S" where !inClass:
                    append("[^" + space + "]")
                    i += 2
                    continue
                default:
                    out.append(c)
                    out.append(e)
                    i += 2
                    continue
                }
            }
            if inClass {
                if c == "[", i + 1 < p.count, p[i + 1] == ":" {
                    // a POSIX class "[:alpha:]" inside a class
                    var k = i + 2
                    while k + 1 < p.count, !(p[k] == ":" && p[k + 1] == "]") { k += 1 }
                    let end = min(k + 2, p.count)
                    out.append(contentsOf: p[i..<end])
                    i = end
                    continue
                }
                if c == "]" { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            if c == "[" {
                inClass = true
                out.append(c)
                i += 1
                // "^" and a "]" first in the class are members, not its end
                if i < p.count, p[i] == "^" { out.append(p[i]); i += 1 }
                if i < p.count, p[i] == "]" { out.append(p[i]); i += 1 }
                continue
            }
            if c == "(", i + 3 < p.count, p[i + 1] == "?", p[i + 2] == "<", p[i + 3] != "=", p[i + 3] != "!" {
                append("(?P<")
                i += 3
                continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }
}

/// Patterns compiled once into one RE2 set: asked which of them occur in a text (one pass over
/// it), then where one pattern's matches are. Safe to use from several threads at once.
public final class RegexSet: @unchecked Sendable {
    public let count: Int
    private let handle: OpaquePointer

    /// The set of `patterns` (as written in rules; each translated), numbered in this order; nil
    /// when one of them is refused by `RegexEngine.problem`.
    public init?(_ patterns: [String]) {
        let translated = patterns.map { RegexEngine.translated($0) }
        let cStrings = translated.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let lengths = translated.map { $0.utf8.count }
        let pointers: [UnsafePointer<CChar>?] = cStrings.map { $0.map { UnsafePointer($0) } }
        guard let h = attest_regex_set_create(pointers, lengths, Int32(patterns.count)) else { return nil }
        handle = h
        count = patterns.count
    }

    deinit { attest_regex_set_destroy(handle) }

    /// The numbers of the patterns that match somewhere in `text`, ascending.
    public func matching(_ text: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard count > 0, !text.isEmpty else { return [] }
        // the C numbers in a temporary buffer, one array made only when some pattern occurs
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { ids in
            let n = text.withMemoryRebound(to: CChar.self) { t in
                Int(attest_regex_set_match(handle, t.baseAddress!, t.count, ids.baseAddress!))
            }
            return n == 0 ? [] : ids[0..<n].map(Int.init)
        }
    }

    /// The patterns that may match somewhere in `text`, ascending, each with the first and the
    /// last offsets where one of its matches may end: every pattern `matching` gives is among
    /// them, and each of its matches ends at or after the first and at or before the last
    /// (`attest_regex_set_candidates`). One pass of the set's automaton (`usesAutomaton`) when it
    /// has one, else RE2's set, 0 and the text's end.
    public func candidates(_ text: UnsafeBufferPointer<UInt8>) -> [(id: Int, firstEnd: Int, lastEnd: Int)] {
        guard count > 0, !text.isEmpty else { return [] }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { ids in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * count) { ends in
                let n = text.withMemoryRebound(to: CChar.self) { t in
                    Int(attest_regex_set_candidates(handle, t.baseAddress!, t.count, ids.baseAddress!, ends.baseAddress!, ends.baseAddress! + count))
                }
                return (0..<n).map { (Int(ids[$0]), ends[$0], ends[count + $0]) }
            }
        }
    }

    /// Whether `candidates` answers through the set's automaton (false when a pattern uses syntax
    /// it does not read: then RE2's set answers).
    public var usesAutomaton: Bool { attest_regex_set_has_automaton(handle) != 0 }

    /// The states the automaton has built so far, as texts needed them; at its limit
    /// (`automatonStateLimit`), RE2's set answers for a text that needs one more.
    public var automatonStates: Int { Int(attest_regex_set_automaton_states(handle)) }

    public static let automatonStateLimit = 9_999

    /// The most matches of one pattern listed in one text (one scope unit): `matches(of:in:)`
    /// stops after this many. Each search for the next match reads ahead as far as RE2 needs to
    /// confirm it, at most to the end of the text, so listing k matches costs at most k × the
    /// text's length: with the cap, linear in the text whatever the pattern (`a(?:.*b)?` on a run
    /// of "a" without "b" confirms each one-letter match only at the end of the text). A rule
    /// still fires on a unit with more matches; its evidence lists the first ones. A pattern that
    /// can match the empty text is searched until it has matched empty this many times.
    public static let maxMatchesPerText = 100

    /// The non-empty matches of pattern `id` in `text`, leftmost-first and not overlapping (as
    /// ICU's `matches(in:)` gives them), as byte offsets into `text`: the first `limit` of them
    /// (`maxMatchesPerText`). The text is the whole context: `^` is its start, `$` its end, and
    /// `\b` sees nothing outside it.
    public func matches(of id: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int = RegexSet.maxMatchesPerText) -> [Range<Int>] {
        matches(of: id, in: text, limit: limit, find: attest_regex_find)
    }

    /// `matches(of:in:)` with every search RE2's own, without the check for the pattern's
    /// required bytes (`requiredLiteral(of:)`): what that check must never change.
    public func matchesUnfiltered(of id: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int = RegexSet.maxMatchesPerText) -> [Range<Int>] {
        matches(of: id, in: text, limit: limit, find: attest_regex_find_unfiltered)
    }

    /// The bytes every match of pattern `id` holds, drawn from RE2's prefilter (lower case; an
    /// ASCII letter among them matches either case in the text), or "" when none is known. A
    /// search for the next match returns at once when the rest of the text lacks them.
    public func requiredLiteral(of id: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let n = attest_regex_required_literal(handle, Int32(id), &buffer, buffer.count)
        return String(decoding: buffer.prefix(min(n, buffer.count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where every match of pattern `id` starts at the earliest (`attest_regex_anchor`): its bytes
    /// (lower case; an ASCII letter among them matches either case) or, when `digit`, an ASCII
    /// digit, at most `offset` bytes after the match's start; nil when the pattern's top level
    /// does not tell. A search for the next match begins there.
    public func anchor(of id: Int) -> (literal: String, digit: Bool, offset: Int)? {
        var buffer = [CChar](repeating: 0, count: 256)
        var length = 0, offset = 0
        let kind = attest_regex_anchor(handle, Int32(id), &buffer, buffer.count, &length, &offset)
        guard kind != 0 else { return nil }
        let literal = String(decoding: buffer.prefix(min(length, buffer.count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (literal, kind == 2, offset)
    }

    /// `matches(of:in:)` appended to `out`, each shifted by `shift` (the unit's offset in its
    /// text): no array of their own per unit. With a candidate's `ends` (from `candidates`), the
    /// search stops where no match can end any more instead of reading to the end of the text,
    /// and begins no earlier than where a match ending at or after the first end can start.
    public func appendMatches(of id: Int, in text: UnsafeBufferPointer<UInt8>, between ends: (first: Int, last: Int)? = nil, shiftedBy shift: Int,
                              to out: inout [Range<Int>], limit: Int = RegexSet.maxMatchesPerText) {
        guard let ends else {
            collect(of: id, in: text, limit: limit, shift: shift, into: &out, find: attest_regex_find)
            return
        }
        collect(of: id, in: text, limit: limit, shift: shift, into: &out) { set, id, text, length, from, start, end in
            attest_regex_find_between(set, id, text, length, from, ends.first, ends.last, start, end)
        }
    }

    /// `matches(of:in:)` with each search bounded by a candidate's first and last ends (for
    /// tests: the same matches).
    public func matches(of id: Int, in text: UnsafeBufferPointer<UInt8>, between firstEnd: Int, and lastEnd: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        appendMatches(of: id, in: text, between: (firstEnd, lastEnd), shiftedBy: 0, to: &out)
        return out
    }

    @inline(__always)
    private func matches(of id: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int,
                         find: (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int, Int, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?) -> Int32) -> [Range<Int>] {
        var out: [Range<Int>] = []
        collect(of: id, in: text, limit: limit, shift: 0, into: &out, find: find)
        return out
    }

    @inline(__always)
    private func collect(of id: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int, shift: Int, into out: inout [Range<Int>],
                         find: (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int, Int, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?) -> Int32) {
        guard !text.isEmpty, limit > 0 else { return }
        text.withMemoryRebound(to: CChar.self) { t in
            let base = t.baseAddress!
            var from = 0
            var start = 0, end = 0
            var empty = 0
            var count = 0
            while count < limit, empty < limit, from <= t.count,
                  find(handle, Int32(id), base, t.count, from, &start, &end) != 0 {
                if end > start {
                    out.append((start + shift)..<(end + shift))
                    count += 1
                    from = end
                } else {
                    // an empty match: go on from the next character. These count against the
                    // limit too (`(?:a*b)?` matches empty at every "a", after reading to the end
                    // of the run each time).
                    empty += 1
                    from = start + 1
                    while from < t.count, UInt8(bitPattern: t[from]) & 0xC0 == 0x80 { from += 1 }
                }
            }
        }
    }
}

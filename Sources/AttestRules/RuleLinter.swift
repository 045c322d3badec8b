import AttestModel
import Foundation

/// Warnings about packs that load but are probably not what their author meant: a rule with no
/// examples, a vocabulary no rule uses, a rule that matches every sentence, phrases that end
/// alike in such numbers that one word of a text can be a hit for each of them. One lint is an
/// error: a regex holding a control character, which YAML made from an escape such as `"\b"` in
/// double quotes (a backspace) and which can never match what was written.
public enum RuleLinter {
    /// More phrases than this ending with the same words is warned about (see `phrasesEndingAlike`).
    public static let maxPhrasesEndingAlike = 64

    public static func warnings(_ packs: [RulePack]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func warn(_ l: SourceLocation, _ message: String) {
            result.append(Diagnostic(path: l.path, line: l.line, column: l.column, severity: .warning, message: message))
        }
        for pack in packs {
            var used: Set<String> = []
            for rule in pack.rules {
                collectVocabularies(rule.match, into: &used)
                if let u = rule.unless { collectVocabularies(u, into: &used) }
                if rule.examples.match.isEmpty && rule.examples.noMatch.isEmpty {
                    warn(rule.location, "rule '\(rule.id)' has no examples; 'attest test' cannot check it")
                } else if rule.examples.match.isEmpty {
                    warn(rule.location, "rule '\(rule.id)' has no 'match' examples")
                } else if rule.examples.noMatch.isEmpty {
                    warn(rule.location, "rule '\(rule.id)' has no 'no_match' examples")
                }
                if matchesWithoutEvidence(rule.match) {
                    warn(rule.match.location, "rule '\(rule.id)' can match a sentence without finding anything in it (a 'not' outside an 'all')")
                }
            }
            for v in pack.vocabularies where !used.contains(v.name) {
                warn(v.location, "vocabulary '\(v.name)' is not used by any rule")
            }
            var regexes: [(String, SourceLocation)] = []
            for rule in pack.rules {
                collectRegexes(rule.match, into: &regexes)
                if let u = rule.unless { collectRegexes(u, into: &regexes) }
            }
            for v in pack.vocabularies { v.terms.forEach { collectRegexes($0, into: &regexes) } }
            var seen: Set<SourceLocation> = []
            for (pattern, l) in regexes where seen.insert(l).inserted {
                guard let message = controlCharacterProblem(pattern) else { continue }
                result.append(Diagnostic(path: l.path, line: l.line, column: l.column, severity: .error, message: message))
            }
        }
        if let (location, count, phrase) = phrasesEndingAlike(packs), count > maxPhrasesEndingAlike {
            let shown = phrase.count > 80 ? phrase.prefix(80).trimmingCharacters(in: .whitespaces) + "…" : phrase
            warn(location, "\(count) phrases of the loaded packs end with the last words of \"\(shown)\" (each is also a "
                 + "phrase of its own): a text that repeats them is a hit for every one of them on every word; keep it to "
                 + "\(maxPhrasesEndingAlike) or fewer")
        }
        return result.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
    }

    /// The single-quote advice given wherever YAML has eaten a regex's backslashes.
    public static let singleQuoteHint = "write regexes in single quotes (regex: '\\bschool\\b'), where YAML keeps every backslash"

    /// Why a regex holding a control character is wrong, or nil. `"\b"`, `"\t"`, `"\a"`, `"\e"`,
    /// `"\f"`, `"\v"`, `"\0"` in a double-quoted YAML string are control characters, not regex escapes.
    public static func controlCharacterProblem(_ pattern: String) -> String? {
        guard let c = pattern.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return nil }
        let names: [UInt32: String] = [0x08: "a backspace, which \"\\b\" becomes in double quotes", 0x09: "a tab (\"\\t\")",
                                       0x07: "a bell (\"\\a\")", 0x1B: "an escape (\"\\e\")", 0x0C: "a form feed (\"\\f\")",
                                       0x0B: "a vertical tab (\"\\v\")", 0x00: "a NUL (\"\\0\")", 0x0A: "a line feed (\"\\n\")",
                                       0x0D: "a carriage return (\"\\r\")"]
        let what = names[c.value] ?? "a control character"
        let code = String(c.value, radix: 16, uppercase: true)
        return "regex holds U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) (\(what)), so it cannot match what was written; "
            + singleQuoteHint
    }

    /// The hint for a YAML error that a double-quoted regex causes ("found unknown escape
    /// character" for `"\d"`, `"\s"`, `"\w"` ...), or "".
    public static func yamlEscapeHint(_ problem: String) -> String {
        problem.contains("unknown escape character") ? "; a regex in double quotes? " + singleQuoteHint : ""
    }

    static func collectRegexes(_ e: MatchExpression, into found: inout [(String, SourceLocation)]) {
        if case .regex(let pattern, let l) = e { found.append((pattern, l)) }
        for c in e.children { collectRegexes(c, into: &found) }
    }

    /// The phrase that the most phrases of `packs` are suffixes of (itself included): its place,
    /// that number, and the phrase. The matcher reports every phrase that ends on a word, so "a",
    /// "a a", …, "a" × k make every word of a text of "a"s k hits: the number bounds the hits per
    /// word. Words are compared lowercased and without diacritics, split at anything that is not
    /// a letter or a digit (close to the matcher's folding; a vocabulary's terms are counted once).
    static func phrasesEndingAlike(_ packs: [RulePack]) -> (SourceLocation, Int, String)? {
        var phrases: [String: SourceLocation] = [:]
        func collect(_ e: MatchExpression) {
            switch e {
            case .phrase(let p, let l), .lemma(let p, let l): if phrases[p] == nil { phrases[p] = l }
            case .vocabulary: return
            default: for c in e.children { collect(c) }
            }
        }
        for pack in packs {
            for v in pack.vocabularies { v.terms.forEach(collect) }
            for rule in pack.rules {
                collect(rule.match)
                if let u = rule.unless { collect(u) }
            }
        }
        // the phrases' words, last word first, in a trie whose nodes count the phrases ending there
        var children: [[String: Int]] = [[:]]
        var ends: [Int] = [0]
        var written: [(words: [String], text: String, at: SourceLocation)] = []
        for (text, at) in phrases.sorted(by: { ($0.value.path, $0.value.line, $0.value.column, $0.key) < ($1.value.path, $1.value.line, $1.value.column, $1.key) }) {
            let words = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !($0.isLetter || $0.isNumber) }.map(String.init).reversed().map { $0 }
            guard !words.isEmpty else { continue }
            var node = 0
            for w in words {
                if let next = children[node][w] { node = next } else {
                    children.append([:])
                    ends.append(0)
                    children[node][w] = children.count - 1
                    node = children.count - 1
                }
            }
            // the same words written twice are one phrase to the matcher
            if ends[node] == 0 { written.append((words, text, at)) }
            ends[node] = 1
        }
        var best: (SourceLocation, Int, String)?
        for p in written {
            var node = 0, count = 0
            for w in p.words {
                node = children[node][w]!
                count += ends[node]
            }
            if count > (best?.1 ?? 0) { best = (p.at, count, p.text) }
        }
        return best
    }

    static func collectVocabularies(_ e: MatchExpression, into used: inout Set<String>) {
        // a vocabulary's terms refer to no vocabulary: not visited (they are repeated in every rule
        // that refers to it)
        if case .vocabulary(let name, _, _) = e {
            used.insert(name)
            return
        }
        for c in e.children { collectVocabularies(c, into: &used) }
    }

    /// True when the expression can be satisfied by a unit that contains none of its literals.
    static func matchesWithoutEvidence(_ e: MatchExpression) -> Bool {
        switch e {
        case .not: true
        case .any(let xs, _), .vocabulary(_, let xs, _): xs.contains(where: matchesWithoutEvidence)
        case .all(let xs, _): xs.allSatisfy(matchesWithoutEvidence)
        case .near: false
        case .phrase, .citation, .symbol, .lemma, .regex: false
        }
    }
}

/// Warnings about packs that load but are probably not what their author meant: a rule with no
/// examples, a vocabulary no rule uses, a rule that matches every sentence.
public enum RuleLinter {
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
        }
        return result.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
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

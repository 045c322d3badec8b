import AttestCorpus
import AttestMatching
import AttestRules

/// Runs compiled rules over statements and collects the findings.
public struct Auditor: Sendable {
    public let ruleSet: RuleSet

    public init(rules: [Rule]) {
        ruleSet = RuleSet(rules)
    }

    public var ruleIDs: [String] { ruleSet.rules.map(\.rule.id) }

    /// Findings for every statement with text, in statement order, then rule order, then position.
    public func findings(_ statements: [Statement]) -> [Finding] {
        statements.flatMap { s in
            ruleSet.matches(in: s.text).map { Finding(statement: s, match: $0) }
        }
    }
}

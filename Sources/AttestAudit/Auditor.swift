import AttestCorpus
import AttestMatching
import AttestModel
import AttestRules
import Foundation

/// Runs compiled rules over statements and collects the findings.
public struct Auditor: Sendable {
    public let ruleSet: RuleSet

    public init(rules: [Rule]) {
        ruleSet = RuleSet(rules)
    }

    public var ruleIDs: [String] { ruleSet.rules.map(\.rule.id) }

    /// Findings for every statement with text, in statement order, then rule order, then position.
    /// A rule with `speakers:` runs only on statements of those kinds.
    /// Batches of statements are matched on every core; the findings keep that order.
    public func findings(_ statements: [Statement]) -> [Finding] {
        concurrentBatches(statements) { findings($0) }
    }

    private func findings(_ statements: ArraySlice<Statement>) -> [Finding] {
        statements.flatMap { s in
            ruleSet.matches(in: s.text, speakerKind: s.kind)
                .map { Finding(statement: s, match: $0) }
        }
    }

    /// Rules that matched no statement at all, in load order.
    public func silentRules(_ findings: [Finding]) -> [String] {
        let fired = Set(findings.map(\.ruleID))
        return ruleIDs.filter { !fired.contains($0) }
    }
}

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
        let batch = 64
        let batches = (statements.count + batch - 1) / batch
        guard batches > 1 else { return findings(statements[...]) }
        let results = Batches(count: batches)
        DispatchQueue.concurrentPerform(iterations: batches) { b in
            results.set(b, findings(statements[(b * batch)..<min(statements.count, (b + 1) * batch)]))
        }
        return results.values.flatMap { $0 }
    }

    private func findings(_ statements: ArraySlice<Statement>) -> [Finding] {
        statements.flatMap { s in
            ruleSet.matches(in: s.text, speakerKind: s.kind)
                .map { Finding(statement: s, match: $0) }
        }
    }

    /// Each batch's findings, written by the thread that matched it.
    private final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [[Finding]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ k: Int, _ v: [Finding]) { lock.lock(); values[k] = v; lock.unlock() }
    }

    /// Rules that matched no statement at all, in load order.
    public func silentRules(_ findings: [Finding]) -> [String] {
        let fired = Set(findings.map(\.ruleID))
        return ruleIDs.filter { !fired.contains($0) }
    }
}

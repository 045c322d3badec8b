import AttestCorpus
import AttestFacts
import AttestModel
import AttestRules

/// Runs the examples of claim rules (`attest test`): each example is a one-statement document
/// spoken by its `speaker` on its `date`; a `claim: true` example must give a claim of the rule
/// with the expected verdict (and reason, object and subject when given); a `claim: false`
/// example must give no claim of the rule.
public struct ClaimExampleRunner: Sendable {
    let checker: ClaimChecker
    let gazetteer: Gazetteer

    public init(packs: [RulePack], facts: ClaimFacts, gazetteer: Gazetteer = .standard) {
        checker = ClaimChecker(packs: packs, facts: facts, gazetteer: gazetteer)
        self.gazetteer = gazetteer
    }

    public func run() -> [ExampleReport] {
        checker.detector.rules.map { rule in
            ExampleReport(ruleID: rule.id, location: rule.location, pack: rule.pack, outcomes: rule.examples.map { outcome(rule, $0) })
        }
    }

    func outcome(_ rule: ClaimRule, _ example: ClaimExample) -> ExampleReport.Outcome {
        let delegation = example.speaker.map { gazetteer.lookup($0)?.name ?? $0 }
        let document = example.record.map { $0.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-") + ".txt" } ?? "example"
        let statement = Statement(document: document, index: 0, speaker: nil, delegation: delegation, kind: delegation == nil ? .unknown : .state,
                                  date: example.date, text: example.text, start: 0, end: example.text.utf8.count, line: 1)
        let found = checker.check([statement]).filter { $0.claim.rule == rule.id }
        let expectation: ExampleReport.Outcome.Expectation = example.claim ? .match : .noMatch
        func describe(_ c: CheckedClaim) -> String {
            "\(c.claim.subject ?? "?") \(c.claim.predicate.rawValue) \(c.claim.object) → \(c.verdict.rawValue)/\(c.reason)"
        }
        guard example.claim else {
            return .init(ruleID: rule.id, expectation: expectation, text: example.text, location: example.location, passed: found.isEmpty,
                         detail: found.isEmpty ? "no claim" : "found " + found.map(describe).joined(separator: "; "))
        }
        let good = found.first { c in
            c.verdict.rawValue == example.verdict && (example.reason.map { $0 == c.reason } ?? true)
                && (example.objectID.map { $0 == c.claim.object } ?? true)
                && (example.subject.map { (gazetteer.lookup($0)?.name ?? $0) == c.claim.subject } ?? true)
        }
        let expected = "expected \(example.subject ?? "") \(example.objectID ?? "") \(example.verdict ?? "")/\(example.reason ?? "any")"
        return .init(ruleID: rule.id, expectation: expectation, text: example.text, location: example.location, passed: good != nil,
                     detail: good.map(describe) ?? (found.isEmpty ? "no claim; \(expected)" : "found " + found.map(describe).joined(separator: "; ") + "; \(expected)"))
    }
}

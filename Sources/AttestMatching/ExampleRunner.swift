import AttestModel
import AttestRules

/// Runs the examples every rule carries: `match` texts must match (inside the `[[...]]` marker
/// when there is one), `no_match` texts must not. Never stops at the first failure.
public struct ExampleRunner: Sendable {
    public let ruleSet: RuleSet

    public init(rules: [Rule]) {
        ruleSet = RuleSet(rules)
    }

    public typealias Outcome = ExampleReport.Outcome

    public func run() -> [ExampleReport] {
        ruleSet.rules.map { compiled in
            let rule = compiled.rule
            var outcomes: [Outcome] = []
            for example in rule.examples.match {
                let spans = compiled.matches(in: ruleSet.analyse(example.text)).flatMap(\.spans)
                var passed = !spans.isEmpty
                var detail = passed ? "matched " + describe(spans, in: example.text) : "nothing matched"
                if passed, let marked = example.marked {
                    passed = spans.contains { $0.start >= marked.lowerBound && $0.end <= marked.upperBound }
                    if !passed { detail += ", but nothing inside [[\(slice(example.text, marked))]]" }
                }
                outcomes.append(Outcome(ruleID: rule.id, expectation: .match, text: example.text, location: example.location, passed: passed, detail: detail))
            }
            for example in rule.examples.noMatch {
                let spans = compiled.matches(in: ruleSet.analyse(example.text)).flatMap(\.spans)
                outcomes.append(Outcome(ruleID: rule.id, expectation: .noMatch, text: example.text, location: example.location, passed: spans.isEmpty,
                                        detail: spans.isEmpty ? "nothing matched" : "matched " + describe(spans, in: example.text)))
            }
            return ExampleReport(ruleID: rule.id, location: rule.location, pack: rule.pack, outcomes: outcomes)
        }
    }

    func describe(_ spans: [MatchedSpan], in text: String) -> String {
        spans.map { "\"\(slice(text, $0.start..<$0.end))\" (\($0.by) at \($0.at))" }.joined(separator: ", ")
    }

    func slice(_ text: String, _ r: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[r], as: UTF8.self)
    }
}

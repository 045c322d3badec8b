import Foundation
import XCTest
import AttestRules
@testable import AttestMatching

/// Runs every `examples.match` and `examples.no_match` of every rule in the shipped `Rules/` directory.
final class RulePackExamplesTests: XCTestCase {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules").path

    /// One line per misbehaving example, naming the rule and where the example is written.
    static func exampleFailures(_ rules: [Rule]) -> [String] {
        var failures: [String] = []
        for rule in rules {
            let set = RuleSet([rule])
            for example in rule.examples.match where set.matches(in: example.text).isEmpty {
                failures.append("rule '\(rule.id)': example at \(example.location) should match but does not: \(example.text)")
            }
            for example in rule.examples.noMatch {
                let found = set.matches(in: example.text)
                if !found.isEmpty {
                    let spans = found.flatMap(\.spans).map(\.by)
                    failures.append("rule '\(rule.id)': example at \(example.location) should not match but does (\(spans.joined(separator: ", "))): \(example.text)")
                }
            }
        }
        return failures
    }

    func testEveryShippedExampleBehaves() {
        let outcome = RuleLoader().load(path: Self.rulesDirectory)
        XCTAssertEqual(outcome.diagnostics.map(\.description), [])
        XCTAssertFalse(outcome.rules.isEmpty, "no rules in \(Self.rulesDirectory)")
        for rule in outcome.rules {
            XCTAssertFalse(rule.examples.match.isEmpty, "rule '\(rule.id)' at \(rule.location) has no examples that must match")
            XCTAssertFalse(rule.examples.noMatch.isEmpty, "rule '\(rule.id)' at \(rule.location) has no examples that must not match")
        }
        for failure in Self.exampleFailures(outcome.rules) {
            XCTFail(failure)
        }
    }

    func testMisbehavingExamplesAreNamedWithRuleAndPlace() {
        let at = { (line: Int) in SourceLocation(path: "t.yaml", line: line, column: 11) }
        let rule = Rule(id: "cites-2482", title: "T", match: .citation(resolution: 2482, year: nil, at(4)),
                        examples: Rule.Examples(match: [Rule.Example(text: "We recall resolution 2462.", location: at(8)),
                                                        Rule.Example(text: "We recall resolution 2482.", location: at(9))],
                                                noMatch: [Rule.Example(text: "Resolution 2482 (2019) is old.", location: at(11))]),
                        location: at(1), pack: "p")
        XCTAssertEqual(Self.exampleFailures([rule]), [
            "rule 'cites-2482': example at t.yaml:8:11 should match but does not: We recall resolution 2462.",
            "rule 'cites-2482': example at t.yaml:11:11 should not match but does (citation 2482): Resolution 2482 (2019) is old.",
        ])
    }
}

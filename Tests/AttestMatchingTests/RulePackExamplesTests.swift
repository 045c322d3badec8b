import Foundation
import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel

/// Runs every `examples.match` and `examples.no_match` of every rule in the shipped `Rules/` directory.
final class RulePackExamplesTests: XCTestCase {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules").path

    /// One line per misbehaving example, naming the rule and where the example is written: the
    /// example runner of `attest test`, so `[[markers]]` are honoured here too.
    static func exampleFailures(_ rules: [Rule]) -> [String] {
        ExampleRunner(rules: rules).run().flatMap { report in
            report.failures.map { o in
                "rule '\(report.ruleID)': example at \(o.location) should \(o.expectation == .match ? "match but does not" : "not match but does") (\(o.detail)): \(o.text)"
            }
        }
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

    /// A `[[marker]]` example whose match falls outside the marker fails (the old test ignored markers).
    func testAMatchOutsideTheMarkerIsAFailure() {
        let at = { (line: Int) in SourceLocation(path: "t.yaml", line: line, column: 11) }
        let text = "We recall resolution 2482 and welcome the report."
        let marked = text.utf8.count - "welcome the report.".utf8.count ..< text.utf8.count - 1
        let rule = Rule(id: "cites-2482", title: "T", match: .citation(resolution: 2482, year: nil, at(4)),
                        examples: Rule.Examples(match: [Rule.Example(text: text, location: at(8), marked: marked)], noMatch: []),
                        location: at(1), pack: "p")
        let failures = Self.exampleFailures([rule])
        XCTAssertEqual(failures.count, 1, "\(failures)")
        XCTAssertTrue(failures.first?.contains("but nothing inside [[welcome the report]]") ?? false, "\(failures)")
    }

    func testMisbehavingExamplesAreNamedWithRuleAndPlace() {
        let at = { (line: Int) in SourceLocation(path: "t.yaml", line: line, column: 11) }
        let rule = Rule(id: "cites-2482", title: "T", match: .citation(resolution: 2482, year: nil, at(4)),
                        examples: Rule.Examples(match: [Rule.Example(text: "We recall resolution 2462.", location: at(8)),
                                                        Rule.Example(text: "We recall resolution 2482.", location: at(9))],
                                                noMatch: [Rule.Example(text: "Resolution 2482 (2019) is old.", location: at(11))]),
                        location: at(1), pack: "p")
        XCTAssertEqual(Self.exampleFailures([rule]), [
            "rule 'cites-2482': example at t.yaml:8:11 should match but does not (nothing matched): We recall resolution 2462.",
            "rule 'cites-2482': example at t.yaml:11:11 should not match but does (matched \"2482 (2019)\" (citation 2482 at t.yaml:4:11)): Resolution 2482 (2019) is old.",
        ])
    }
}

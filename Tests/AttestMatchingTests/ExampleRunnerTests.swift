import Foundation
import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// `examples:` run by `ExampleRunner` (docs/rules.md, "Examples").
final class ExampleRunnerTests: XCTestCase, OneRulePackTesting {
    /// A one-rule pack matching "human rights" (the phrase is at 8:12); `examples` starts on line 9.
    private func report(_ examples: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExampleReport {
        let yaml = pack(body: "    match: \"human rights\"\n" + examples)
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "x.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [], file: file, line: line)
        let reports = ExampleRunner(rules: try XCTUnwrap(pack, file: file, line: line).rules).run()
        XCTAssertEqual(reports.count, 1, file: file, line: line)
        return try XCTUnwrap(reports.first, file: file, line: line)
    }

    /// Each outcome as `expectation line:col passed|FAILED: detail`.
    private func lines(_ report: ExampleReport) -> [String] {
        report.outcomes.map { o in
            "\(o.expectation.rawValue) \(o.location.line):\(o.location.column) \(o.passed ? "passed" : "FAILED"): \(o.detail)"
        }
    }

    func testPassingRule() throws {
        let r = try report("""
                examples:
                  match: ["We defend [[human rights]]."]
                  no_match: ["We defend the Charter."]
            """)
        XCTAssertTrue(r.passed)
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.ruleID, "r")
        XCTAssertEqual(lines(r), [
            #"match 10:15 passed: matched "human rights" (phrase "human rights" at x.yaml:8:12)"#,
            "no_match 11:18 passed: nothing matched",
        ])
    }

    func testMatchExampleThatDoesNotMatchFails() throws {
        let r = try report("""
                examples:
                  match:
                    - "We defend human rights."
                    - "We defend the Charter."
            """)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(lines(r), [
            #"match 11:11 passed: matched "human rights" (phrase "human rights" at x.yaml:8:12)"#,
            "match 12:11 FAILED: nothing matched",
        ])
        XCTAssertEqual(r.failures.map(\.text), ["We defend the Charter."])
    }

    func testNoMatchExampleThatMatchesNamesTheWordsTheExpressionAndItsPlace() throws {
        let r = try report("""
                examples:
                  no_match:
                    - "Human rights, and again human rights."
            """)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(lines(r), [
            #"no_match 11:11 FAILED: matched "Human rights" (phrase "human rights" at x.yaml:8:12), "#
                + #""human rights" (phrase "human rights" at x.yaml:8:12)"#,
        ])
    }

    func testMarkedExampleThatMatchesOutsideTheMarkerFails() throws {
        let r = try report("""
                examples:
                  match:
                    - "[[We defend]] human rights."
            """)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(lines(r), [
            #"match 11:11 FAILED: matched "human rights" (phrase "human rights" at x.yaml:8:12), but nothing inside [[We defend]]"#,
        ])
    }

    func testMarkedExampleAfterMultiByteTextPassesWhenTheSpanIsInside() throws {
        let r = try report("""
                examples:
                  match:
                    - "Señor Núñez (Côte d’Ivoire): [[human rights]] first."
            """)
        XCTAssertEqual(lines(r), [#"match 11:11 passed: matched "human rights" (phrase "human rights" at x.yaml:8:12)"#])
    }

    func testEveryExampleRunsAfterAFailure() throws {
        let r = try report("""
                examples:
                  match: ["Nothing here.", "Human rights."]
                  no_match: ["human rights", "Nothing."]
            """)
        XCTAssertEqual(r.outcomes.map(\.passed), [false, true, false, true])
        XCTAssertEqual(r.failures.map(\.expectation), [.match, .noMatch])
    }

    // MARK: Rule.Example(written:location:)

    private let here = SourceLocation(path: "x.yaml", line: 3, column: 11)

    func testMarkerOffsetsAreUTF8AfterMultiByteText() {
        // "Côte d’Ivoire " is 17 bytes (ô is 2, ’ is 3); "respects" is 8
        let e = Rule.Example(written: "Côte d’Ivoire [[respects]] law.", location: here)
        XCTAssertEqual(e.text, "Côte d’Ivoire respects law.")
        XCTAssertEqual(e.marked, 17..<25)
        XCTAssertEqual(e.location, here)
    }

    func testMarkerAroundMultiByteText() {
        let e = Rule.Example(written: "[[Núñez]] spoke.", location: here)
        XCTAssertEqual(e.text, "Núñez spoke.")
        XCTAssertEqual(e.marked, 0..<7)
    }

    func testExampleWithoutAMarker() {
        let e = Rule.Example(written: "We defend human rights.", location: here)
        XCTAssertEqual(e.text, "We defend human rights.")
        XCTAssertNil(e.marked)
    }

    func testUnclosedMarkerIsKeptAsWritten() {
        let e = Rule.Example(written: "We [[defend human rights.", location: here)
        XCTAssertEqual(e.text, "We [[defend human rights.")
        XCTAssertNil(e.marked)
    }
}

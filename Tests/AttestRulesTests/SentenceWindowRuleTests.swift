import AttestModel
@testable import AttestRules
import AttestTestSupport
import XCTest

/// `window: N` on a rule: read, and refused at its place when it cannot mean a number of sentences.
final class SentenceWindowRuleTests: XCTestCase, OneRulePackTesting {
    func testAWindowIsReadWithSentenceScope() throws {
        XCTAssertEqual(try rule(body: "    window: 2\n    match: x").window, 2)
        XCTAssertEqual(try rule(body: "    scope: sentence\n    window: 5\n    match: x").window, 5)
        XCTAssertEqual(try rule(body: "    window: 1\n    match: x").window, 1)
    }

    func testNoWindowMeansOneSentence() throws {
        let r = try rule("x")
        XCTAssertEqual(r.window, 1)
        XCTAssertEqual(r.scope, .sentence)
    }

    func testAWindowOutsideOneToFiveIsAnErrorAtItsValue() {
        for value in ["0", "6", "-2", "100"] {
            let (rule, diagnostics) = parse(body: "    window: \(value)\n    match: x")
            XCTAssertNil(rule, value)
            XCTAssertEqual(diagnostics, ["x.yaml:8:13: error: 'window' must be a whole number of sentences from 1 to 5"], value)
        }
    }

    func testAWindowThatIsNotAWholeNumberIsAnError() {
        for value in ["2.5", "two", "\"2\"", "[2]", "{n: 2}", "true"] {
            let (rule, diagnostics) = parse(body: "    window: \(value)\n    match: x")
            XCTAssertNil(rule, value)
            XCTAssertEqual(diagnostics, ["x.yaml:8:13: error: 'window' must be a whole number of sentences from 1 to 5"], value)
        }
    }

    func testAWindowWithParagraphOrStatementScopeIsAnError() {
        for scope in ["paragraph", "statement"] {
            let (rule, diagnostics) = parse(body: "    scope: \(scope)\n    window: 2\n    match: x")
            XCTAssertNil(rule, scope)
            XCTAssertEqual(diagnostics, ["x.yaml:9:13: error: 'window' counts sentences: it needs 'scope: sentence' (the default), not 'scope: \(scope)'"], scope)
        }
    }

    func testEveryProblemOfAFileIsReportedWithTheWindowsOne() {
        // a bad window does not hide the other mistakes of the rule
        let (_, diagnostics) = parse(body: "    window: 9\n    severity: loud\n    match: x")
        XCTAssertEqual(diagnostics.count, 2, "\(diagnostics)")
        XCTAssertTrue(diagnostics.contains("x.yaml:8:13: error: 'window' must be a whole number of sentences from 1 to 5"), "\(diagnostics)")
    }
}

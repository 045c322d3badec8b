import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel

final class RuleSetTests: XCTestCase {
    private let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

    private func rule(_ id: String, _ phrase: String) -> Rule {
        Rule(id: id, title: id, match: .phrase(phrase, here), location: here, pack: "p")
    }

    func testMatchesAreInRuleOrderThenTextOrder() {
        let set = RuleSet([rule("crime", "crime"), rule("terrorism", "terrorism")])
        let matches = set.matches(in: "Terrorism grows. Crime too. Terrorism again.")
        XCTAssertEqual(matches.map(\.ruleID), ["crime", "terrorism", "terrorism"])
        XCTAssertEqual(matches.map(\.unitStart), [17, 0, 28])
    }

    func testEmptyTextHasNoMatches() {
        XCTAssertEqual(RuleSet([rule("not-council", "council")]).matches(in: ""), [])
    }

    func testRulesKeepTheirLoadOrder() {
        XCTAssertEqual(RuleSet([rule("b", "x"), rule("a", "y")]).rules.map(\.rule.id), ["b", "a"])
    }
}

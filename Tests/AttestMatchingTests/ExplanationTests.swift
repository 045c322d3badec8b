import Foundation
import XCTest
import AttestRules
@testable import AttestMatching

/// `CompiledRule.explain`: the expression tree evaluated on each scope unit (what `attest explain` prints).
final class ExplanationTests: XCTestCase {
    /// comply near a vocabulary term, unless "Human Rights Council".
    private let pack = """
        pack:
          id: p
          title: P
          version: "1"
        vocabularies:
          rights: ["human rights", "fundamental freedoms"]
        rules:
          - id: r
            title: R
            match:
              near:
                a: {lemma: comply}
                b: {vocabulary: rights}
                within: 6
            unless: "Human Rights Council"
        """

    private func ruleSet(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> RuleSet {
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "x.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [], file: file, line: line)
        return RuleSet(try XCTUnwrap(pack, file: file, line: line).rules)
    }

    private func explain(_ yaml: String, _ text: String) throws -> [Explanation] {
        let set = try ruleSet(yaml)
        return set.rules[0].explain(set.analyse(text))
    }

    /// One line per node: ✓ or ✗, label, place, and spans when there are any; children indented.
    private func render(_ node: Explanation.Node, depth: Int = 0) -> [String] {
        let spans = node.spans.isEmpty ? "" : " [" + node.spans.map { "\($0.start)..<\($0.end)" }.joined(separator: ", ") + "]"
        let line = String(repeating: "  ", count: depth) + (node.matched ? "✓ " : "✗ ") + node.label + " @ " + node.at + spans
        return [line] + node.children.flatMap { render($0, depth: depth + 1) }
    }

    private func lemmaForms(matched: String?, span: String) -> [String] {
        ["comply", "complies", "complied", "complying", "compliance", "compliant"].map { (form: String) -> String in
            "    " + (form == matched ? "✓" : "✗") + " lemma \"comply\" → \"\(form)\" @ x.yaml:12:20" + (form == matched ? " [\(span)]" : "")
        }
    }

    func testOneExplanationPerSentenceMarkingWhatMatched() throws {
        // sentence 1 is 0..<43, "compliance" 14..<24, "human rights" 30..<42; sentence 2 is 44..<60
        let explanations = try explain(pack, "States ensure compliance with human rights. The Council met.")
        XCTAssertEqual(explanations.map { "\($0.ruleID) \($0.unitStart)..<\($0.unitEnd) \($0.matched)" }, ["r 0..<43 true", "r 44..<60 false"])

        XCTAssertEqual(render(explanations[0].tree), ["✓ near within 6 @ x.yaml:11:7 [14..<24, 30..<42]", "  ✓ lemma \"comply\" @ x.yaml:12:20 [14..<24]"]
            + lemmaForms(matched: "compliance", span: "14..<24") + [
                "  ✓ vocabulary rights @ x.yaml:13:12 [30..<42]",
                "    ✓ phrase \"human rights\" @ x.yaml:6:12 [30..<42]",
                "    ✗ phrase \"fundamental freedoms\" @ x.yaml:6:28",
            ])
        XCTAssertEqual(render(try XCTUnwrap(explanations[0].unless)), ["✗ phrase \"Human Rights Council\" @ x.yaml:15:13"])

        XCTAssertEqual(render(explanations[1].tree), ["✗ near within 6 @ x.yaml:11:7", "  ✗ lemma \"comply\" @ x.yaml:12:20"]
            + lemmaForms(matched: nil, span: "") + [
                "  ✗ vocabulary rights @ x.yaml:13:12",
                "    ✗ phrase \"human rights\" @ x.yaml:6:12",
                "    ✗ phrase \"fundamental freedoms\" @ x.yaml:6:28",
            ])
        XCTAssertEqual(render(try XCTUnwrap(explanations[1].unless)), ["✗ phrase \"Human Rights Council\" @ x.yaml:15:13"])
    }

    func testExplanationAgreesWithMatches() throws {
        let set = try ruleSet(pack)
        let text = "They comply with fundamental freedoms. Nothing here. It is compliant with human rights."
        let explained = set.rules[0].explain(set.analyse(text)).filter(\.matched).map { $0.unitStart..<$0.unitEnd }
        XCTAssertEqual(explained, set.matches(in: text).map { $0.unitStart..<$0.unitEnd })
        XCTAssertEqual(explained.count, 2)
    }

    func testUnlessThatMatchesMakesTheUnitUnmatchedThoughTheTreeMatched() throws {
        let explanations = try explain(pack, "States must comply with the Human Rights Council.")
        XCTAssertEqual(explanations.count, 1)
        let e = explanations[0]
        XCTAssertTrue(e.tree.matched)
        XCTAssertFalse(e.matched)
        // "Human Rights Council" is 28..<48
        XCTAssertEqual(render(try XCTUnwrap(e.unless)), ["✓ phrase \"Human Rights Council\" @ x.yaml:15:13 [28..<48]"])
    }

    func testNoUnlessTreeWhenTheRuleHasNone() throws {
        let withoutUnless = pack.replacingOccurrences(of: "\n    unless: \"Human Rights Council\"", with: "")
        let explanations = try explain(withoutUnless, "States comply with human rights.")
        XCTAssertEqual(explanations.map(\.matched), [true])
        XCTAssertNil(explanations[0].unless)
    }

    func testNegatedLeafIsNotMatched() throws {
        let explanations = try explain(pack, "States did not comply with human rights.")
        XCTAssertEqual(explanations.map(\.matched), [false])
        XCTAssertEqual(render(explanations[0].tree).first, "✗ near within 6 @ x.yaml:11:7")
        XCTAssertEqual(render(explanations[0].tree)[2], "    ✗ lemma \"comply\" → \"comply\" @ x.yaml:12:20", "\"not\" negates \"comply\"")
    }
}

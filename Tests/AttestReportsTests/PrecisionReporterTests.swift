import AttestEvaluation
import AttestModel
import AttestReports
import Foundation
import XCTest

/// `attest eval` output for finding-level gold, and the "where to look next" section of the
/// statement-level formats.
final class PrecisionReporterTests: XCTestCase {
    static func finding(_ index: Int, _ rule: String, by: String) -> Finding {
        let text = "Sentence \(index) | *x*."
        let s = Statement(document: "/c/S-PV-1.txt", index: index, speaker: "Mr. X", delegation: "France", kind: .state,
                          text: text, start: 0, end: text.utf8.count, line: 1)
        return Finding(statement: s, match: RuleMatch(ruleID: rule, unitStart: 0, unitEnd: text.utf8.count,
                                                      spans: [MatchedSpan(start: 0, end: 8, by: by, at: "r.yaml:3:7")]))
    }

    /// r: 2 right, 1 wrong (fired by "b"), 1 finding drawn but not labelled; s: one finding, labelled wrong.
    func evaluation() throws -> (PrecisionEvaluation, GateVerdict) {
        let findings = [Self.finding(0, "r", by: "phrase \"a\""), Self.finding(1, "r", by: "phrase \"a\""),
                        Self.finding(2, "r", by: "phrase \"b\""), Self.finding(3, "r", by: "phrase \"a\""), Self.finding(4, "s", by: "phrase \"c\"")]
        let labels: [(Int, String, String)] = [(0, "r", "\"right\""), (1, "r", "\"right\""), (2, "r", "\"wrong\""), (3, "r", "null"), (4, "s", "\"wrong\"")]
        let text = labels.map { "{\"document\": \"S-PV-1.txt\", \"statement\": \($0.0), \"rule\": \"\($0.1)\", \"sentence_start\": 0, \"label\": \($0.2)}" }
            .joined(separator: "\n")
        let e = PrecisionEvaluation(gold: try FindingGold.parse(text, path: "sample.jsonl"), ruleIDs: ["r", "s"], findings: findings)
        return (e, e.verdict(lowerBound: 0.1, perRule: [:]))
    }

    func testTextTableWhereToLookAndUnlabelled() throws {
        let (e, v) = try evaluation()
        let text = EvaluationReporter(format: .text).render(e, v)
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "gold: sample.jsonl (finding level, 5 findings; precision with a Wilson 95 % interval)")
        let r = try XCTUnwrap(lines.first { $0.hasPrefix("r ") }).split(separator: " ").map(String.init)
        XCTAssertEqual(r, ["r", "4", "3", "2", "1", "0.667", "0.208", "0.939", "1", "0", "-", "0.100", "ok"])
        XCTAssertEqual(try XCTUnwrap(lines.first { $0.hasPrefix("s ") }).split(separator: " ").map(String.init).suffix(3), ["-", "0.100", "FAIL"])
        XCTAssertEqual(try XCTUnwrap(lines.first { $0.hasPrefix("rule ") }).split(separator: " ").map(String.init),
                       ["rule", "findings", "labelled", "right", "wrong", "precision", "lower95", "upper95", "unlabelled", "gone", "min_prec", "min_lower", "gate"])
        let pooled = try XCTUnwrap(lines.first { $0.hasPrefix("pooled") }).split(separator: " ").map(String.init)
        XCTAssertEqual(Array(pooled.prefix(6)), ["pooled", "5", "4", "2", "2", "0.500"])
        XCTAssertTrue(text.contains("\nr: 1 wrong of 3\n  1 of 1 wrong (100 %), 0 right: phrase \"b\" at r.yaml:3:7\n"), text)
        XCTAssertTrue(text.contains("unlabelled findings (not scored):\n  r /c/S-PV-1.txt statement 3 sentence_start 0: Sentence 3 | *x*.\n"), text)
        XCTAssertTrue(text.contains("gate failed: s: precision lower bound 0.000 < 0.100 (0/1 right)"), text)
        XCTAssertTrue(text.hasSuffix("FAIL (1 gate failed)\n"), text)
    }

    func testThePointPrecisionGateIsShownPerRule() throws {
        let (e, _) = try evaluation()
        let v = e.verdict(SampleGates(precision: 0.9, lowerBound: 0.1, rulePrecision: ["r": 0.6]))
        let text = EvaluationReporter(format: .text).render(e, v)
        let r = try XCTUnwrap(text.components(separatedBy: "\n").first { $0.hasPrefix("r ") }).split(separator: " ").map(String.init)
        XCTAssertEqual(r.suffix(3), ["0.600", "0.100", "ok"])
        XCTAssertTrue(text.contains("gate failed: s: precision 0.000 < 0.900 (0/1 right)"), text)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(EvaluationReporter(format: .json).render(e, v).utf8)) as? [String: Any])
        let rules = try XCTUnwrap(object["rules"] as? [String: [String: Any]])
        let gate = try XCTUnwrap(rules["r"]?["gate"] as? [String: Any])
        XCTAssertEqual(gate["passed"] as? Bool, true)
        XCTAssertEqual(gate["min_precision"] as? Double, 0.6)
        XCTAssertEqual(gate["min_lower95"] as? Double, 0.1)
        let junit = EvaluationReporter(format: .junit).render(e, v)
        XCTAssertTrue(junit.contains("precision 0.667 (2/3), Wilson 95 % interval 0.208-0.939; minimum precision 0.600, minimum lower bound 0.100"), junit)
    }

    func testMarkdownEscapesSentencesAndJSONHasEveryRule() throws {
        let (e, v) = try evaluation()
        let md = EvaluationReporter(format: .markdown).render(e, v)
        XCTAssertTrue(md.contains("| `r` | 4 | 3 | 2 | 1 | 0.667 | 0.208 | 0.939 | 1 | 0 | - | 0.100 | ok |"), md)
        XCTAssertTrue(md.contains("## Where to look next"), md)
        XCTAssertTrue(md.contains("Sentence 3 \\| \\*x\\*."), md)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(EvaluationReporter(format: .json).render(e, v).utf8)) as? [String: Any])
        let rules = try XCTUnwrap(object["rules"] as? [String: [String: Any]])
        XCTAssertEqual(Set(rules.keys), ["r", "s"])
        XCTAssertEqual(rules["r"]?["right"] as? Int, 2)
        XCTAssertEqual(try XCTUnwrap(rules["r"]?["lower95"] as? Double), 0.2077, accuracy: 0.0005)
        XCTAssertEqual((rules["r"]?["unlabelled"] as? [[String: Any]])?.first?["statement"] as? Int, 3)
        let look = try XCTUnwrap(rules["r"]?["where_to_look"] as? [[String: Any]])
        XCTAssertEqual(look.first?["sub_expression"] as? String, "phrase \"b\" at r.yaml:3:7")
        XCTAssertEqual((object["verdict"] as? [String: Any])?["passed"] as? Bool, false)
        XCTAssertEqual((rules["r"]?["gate"] as? [String: Any])?["passed"] as? Bool, true)
        XCTAssertEqual((rules["r"]?["gate"] as? [String: Any])?["min_lower95"] as? Double, 0.1)
        XCTAssertNil((rules["r"]?["gate"] as? [String: Any])?["min_precision"])
        XCTAssertEqual((rules["s"]?["gate"] as? [String: Any])?["passed"] as? Bool, false)
        XCTAssertEqual(rules["r"]?["labelled"] as? Int, 3)
        XCTAssertEqual(try XCTUnwrap(rules["r"]?["precision"] as? Double), 2.0 / 3.0, accuracy: 1e-9)
        let junit = EvaluationReporter(format: .junit).render(e, v)
        XCTAssertTrue(junit.contains("tests=\"2\" failures=\"1\""), junit)
    }
}

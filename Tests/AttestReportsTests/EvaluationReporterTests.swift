import AttestAudit
import AttestCorpus
import AttestMatching
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import AttestReports
import AttestModel
import AttestEvaluation

/// The formats of `attest eval`, on a hand-built evaluation.
final class EvaluationReporterTests: XCTestCase {
    /// Loaded rules r1, r2, r3; the gold judges r1 and r2 for a delegation named `name` and for C.
    ///
    /// `name` matched r1 (gold 0: false positive) and r2 (gold 1: true positive); C matched r2
    /// (gold 1: true positive) but not r1 (gold 1: false negative). r1: P 0, R 0, F1 0; r2: 1, 1, 1;
    /// micro TP 2, FP 1, FN 1 (P = R = F1 = 2/3); macro 0.5, 0.5, 0.5. r1 fails its F1 threshold.
    func sample(name: String = "A|B", goldPath: String = "gold.csv") throws -> (Evaluation, GateVerdict) {
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,r1,r2\n\(name),state,,0,1\nC,state,,1,1\n", path: goldPath)
        let named = statement(name, text: "We <act> | on r1 & more.", line: 3)
        let c = statement("C", text: "We act on r2.", line: 5)
        let e = Evaluation(gold: gold, ruleIDs: ["r1", "r2", "r3"], statements: [named, c],
                           findings: [finding(named, "r1"), finding(named, "r2"), finding(c, "r2")])
        let v = GateVerdict(e, overall: Thresholds(), perRule: ["r1": Thresholds(f1: 0.5), "r9": Thresholds(f1: 1)], baseline: nil)
        return (e, v)
    }

    func statement(_ delegation: String, text: String, line: Int) -> Statement {
        Statement(document: "d.txt", index: line, speaker: nil, delegation: delegation, kind: .state,
                  text: text, start: 0, end: text.utf8.count, line: line)
    }

    func finding(_ s: Statement, _ rule: String) -> Finding {
        Finding(statement: s, match: RuleMatch(ruleID: rule, unitStart: 0, unitEnd: s.text.utf8.count,
                                               spans: [MatchedSpan(start: 0, end: 2, by: "phrase \"we\"", at: "rules.yaml:3:7")]))
    }

    func render(_ format: EvaluationFormat, _ sample: (Evaluation, GateVerdict), titles: [String: String] = [:]) -> String {
        EvaluationReporter(format: format, ruleTitles: titles).render(sample.0, sample.1, attestVersion: "9.9.9")
    }

    func jsonObject(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: text

    func testTextTableDisagreementsAndVerdict() throws {
        // "A|B,state,," is 11 characters: r1's cell is column 12; "C,state,," is 9: column 10
        XCTAssertEqual(render(.text, try sample()), """
            gold: gold.csv (delegation level, 4 cells)

            rule                       TP   FP   FN   TN  precision     recall         F1
            r1                          0    1    1    0      0.000      0.000      0.000
            r2                          2    0    0    0      1.000      1.000      1.000
            micro                       2    1    1    0      0.667      0.667      0.667
            macro                                             0.500      0.500      0.500

            rules left unscored (not in the gold): r3

            where to look next (false positives by the sub-expressions that fired):

            r1:
              1 of 1 false positives (100 %), 0 true positives: phrase "we" at rules.yaml:3:7

            disagreements (2):

            false-positive r1: A|B (gold gold.csv:2:12)
              at d.txt:3:1
              matched: We <act> | on r1 & more.
                fired: "We" by phrase "we" at rules.yaml:3:7

            false-negative r1: C (gold gold.csv:3:10)
              at d.txt:5:1
              missed: d.txt:5 We act on r2.

            note: r9: has a threshold but is not scored (not in the gold or not loaded)
            gate failed: r1: F1 0.000 < 0.500
            FAIL (1 gate failed)

            """)
    }

    func testTextVerdictPass() throws {
        let (e, _) = try sample()
        let text = EvaluationReporter(format: .text).render(e, GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: nil), attestVersion: "9.9.9")
        XCTAssertTrue(text.hasSuffix("\n\nPASS\n"), text)
    }

    func testTextWidensTheRuleColumnForLongRuleIDs() throws {
        let long = String(repeating: "x", count: 30)
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,\(long)\nC,state,,0\n", path: "g.csv")
        let e = Evaluation(gold: gold, ruleIDs: [long], statements: [statement("C", text: "Nothing.", line: 1)], findings: [])
        let lines = EvaluationReporter(format: .text).render(e, GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: nil), attestVersion: "")
            .split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[2], "rule" + String(repeating: " ", count: 28) + "   TP   FP   FN   TN  precision     recall         F1")
        XCTAssertEqual(lines[3], long + "  " + "    0    0    0    1      1.000      1.000      1.000")
    }

    // MARK: markdown

    func testMarkdownTableAndEscapedPipes() throws {
        let md = render(.markdown, try sample())
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(10)), [
            "# Attest evaluation",
            "",
            "Gold: `gold.csv` (delegation level, 4 cells).",
            "",
            "| rule | TP | FP | FN | TN | precision | recall | F1 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| `r1` | 0 | 1 | 1 | 0 | 0.000 | 0.000 | 0.000 |",
            "| `r2` | 2 | 0 | 0 | 0 | 1.000 | 1.000 | 1.000 |",
            "| **micro** | 2 | 1 | 1 | 0 | 0.667 | 0.667 | 0.667 |",
            "| **macro** | | | | | 0.500 | 0.500 | 0.500 |",
        ])
        XCTAssertTrue(lines.contains("- **false-positive** `r1` — A\\|B (`d.txt:3:1`)"), md)
        XCTAssertTrue(lines.contains("  - matched: We \\<act\\> \\| on r1 &amp; more."), md)
        XCTAssertTrue(lines.contains("- **false-negative** `r1` — C (`d.txt:5:1`)"), md)
        XCTAssertTrue(md.hasSuffix("""
            ## Verdict

            - note: r9: has a threshold but is not scored (not in the gold or not loaded)
            - gate failed: r1: F1 0.000 \\< 0.500
            - FAIL (1 gate failed)

            """), md)
        // outside the table, no pipe is left unescaped
        for line in lines where !line.hasPrefix("| ") {
            let unescaped = zip(line.indices, line).contains { i, c in c == "|" && (i == line.startIndex || line[line.index(before: i)] != "\\") }
            XCTAssertFalse(unescaped, line)
        }
    }

    // Bug: paths inside Markdown code spans are backslash-escaped, and CommonMark shows backslashes there literally (`gold\_v2.csv`).
    func testMarkdownCodeSpansShowPathsAsWritten() throws {
        let md = render(.markdown, try sample(goldPath: "gold_v2.csv"))
        XCTAssertTrue(md.contains("Gold: `gold_v2.csv` (delegation level, 4 cells)."), md)
    }

    // MARK: json

    func testJSONHasEveryPart() throws {
        let o = try jsonObject(render(.json, try sample()))
        XCTAssertEqual(Set(o.keys), ["gold", "rules", "micro", "macro", "unscored_rules", "unknown_rules", "unmatched", "disagreements", "where_to_look", "verdict"])
        let rules = try XCTUnwrap(o["rules"] as? [String: [String: Any]])
        XCTAssertEqual(Set(rules.keys), ["r1", "r2"])
        XCTAssertEqual(rules["r1"]?["fp"] as? Int, 1)
        XCTAssertEqual(rules["r1"]?["fn"] as? Int, 1)
        XCTAssertEqual(rules["r2"]?["tp"] as? Int, 2)
        XCTAssertEqual(rules["r2"]?["f1"] as? Double, 1)
        let micro = try XCTUnwrap(o["micro"] as? [String: Any])
        XCTAssertEqual(micro["tp"] as? Int, 2)
        XCTAssertEqual(micro["tn"] as? Int, 0)
        XCTAssertEqual(try XCTUnwrap(micro["precision"] as? Double), 2.0 / 3.0, accuracy: 1e-9)
        let macro = try XCTUnwrap(o["macro"] as? [String: Double])
        XCTAssertEqual(macro, ["precision": 0.5, "recall": 0.5, "f1": 0.5])
        XCTAssertEqual(o["unscored_rules"] as? [String], ["r3"])
        XCTAssertEqual(o["unknown_rules"] as? [String], [])
        let gold = try XCTUnwrap(o["gold"] as? [String: Any])
        XCTAssertEqual(gold["path"] as? String, "gold.csv")
        XCTAssertEqual(gold["level"] as? String, "delegation")
        XCTAssertEqual(gold["cells"] as? Int, 4)

        let disagreements = try XCTUnwrap(o["disagreements"] as? [[String: Any]])
        XCTAssertEqual(disagreements.map { $0["kind"] as? String }, ["false-positive", "false-negative"])
        XCTAssertEqual(disagreements.map { $0["subject"] as? String }, ["A|B", "C"])
        XCTAssertEqual(disagreements.map { $0["gold_line"] as? Int }, [2, 3])
        XCTAssertEqual(disagreements.map { $0["gold_column"] as? Int }, [12, 10])
        let location = try XCTUnwrap(disagreements[0]["location"] as? [String: Any])
        XCTAssertEqual(location["path"] as? String, "d.txt")
        XCTAssertEqual(location["line"] as? Int, 3)
        XCTAssertEqual(location["column"] as? Int, 1)
        XCTAssertEqual(disagreements[1]["evidence"] as? [String], ["missed: d.txt:5 We act on r2."])

        let verdict = try XCTUnwrap(o["verdict"] as? [String: Any])
        XCTAssertEqual(verdict["passed"] as? Bool, false)
        XCTAssertEqual(verdict["failures"] as? [String], ["r1: F1 0.000 < 0.500"])
        XCTAssertEqual(verdict["notes"] as? [String], ["r9: has a threshold but is not scored (not in the gold or not loaded)"])
    }

    // MARK: junit

    /// The test cases of a JUnit document: name, and the failure's message and text when it has one.
    final class JUnitCollector: NSObject, XMLParserDelegate {
        var suites: [[String: String]] = []
        var cases: [(name: String, failure: (message: String, text: String)?)] = []
        var inFailure = false
        var failureText = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "testsuites", "testsuite": suites.append(attributes)
            case "testcase": cases.append((attributes["name"] ?? "", nil))
            case "failure":
                inFailure = true
                failureText = ""
                cases[cases.count - 1].failure = (attributes["message"] ?? "", "")
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inFailure { failureText += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "failure" {
                inFailure = false
                cases[cases.count - 1].failure?.text = failureText
            }
        }
    }

    func parseJUnit(_ xml: String) throws -> JUnitCollector {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        return collector
    }

    func testJUnitHasOneTestCasePerScoredRuleAndFailsOnlyFailingRules() throws {
        let xml = render(.junit, try sample())
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        let j = try parseJUnit(xml)
        // the overall (micro) gate is a test case of its own, first
        XCTAssertEqual(j.cases.map(\.name), ["(overall)", "r1", "r2"])
        XCTAssertNil(j.cases[0].failure)
        XCTAssertEqual(j.cases[1].failure?.message, "r1: F1 0.000 < 0.500")
        XCTAssertEqual(j.cases[1].failure?.text, "false-positive A|B at d.txt:3:1\nfalse-negative C at d.txt:5:1")
        XCTAssertNil(j.cases[2].failure)
        XCTAssertEqual(j.suites.map { $0["tests"] }, ["3", "3"])
        XCTAssertEqual(j.suites.map { $0["failures"] }, ["1", "1"])
        XCTAssertEqual(xml.components(separatedBy: "<failure").count - 1, 1)
    }

    func testJUnitEscapesNamesPathsAndText() throws {
        let name = "Ö <Crown> & \"Co\" 'Ltd'"
        let xml = render(.junit, try sample(name: name, goldPath: "gold <&> \"x\".csv"))
        let j = try parseJUnit(xml)
        XCTAssertEqual(j.suites.last?["name"], "gold <&> \"x\".csv")
        XCTAssertEqual(j.cases[1].failure?.text, "false-positive \(name) at d.txt:3:1\nfalse-negative C at d.txt:5:1")
        XCTAssertTrue(xml.contains("false-positive Ö &lt;Crown&gt; &amp; &quot;Co&quot; &apos;Ltd&apos; at d.txt:3:1"), xml)
        XCTAssertTrue(xml.contains("name=\"gold &lt;&amp;&gt; &quot;x&quot;.csv\""), xml)
    }

    func testJUnitWithEveryGatePassedHasNoFailure() throws {
        let (e, _) = try sample()
        let xml = EvaluationReporter(format: .junit).render(e, GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: nil), attestVersion: "")
        let j = try parseJUnit(xml)
        XCTAssertEqual(j.cases.map(\.name), ["(overall)", "r1", "r2"])
        XCTAssertTrue(j.cases.allSatisfy { $0.failure == nil })
        XCTAssertEqual(j.suites.map { $0["failures"] }, ["0", "0"])
    }

    // MARK: sarif

    func testSARIFLocatesEveryDisagreement() throws {
        let o = try jsonObject(render(.sarif, try sample(), titles: ["r1": "Cites resolution 1", "r2": "Second"]))
        XCTAssertEqual(o["version"] as? String, "2.1.0")
        XCTAssertEqual(o["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try XCTUnwrap(o["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let driver = try XCTUnwrap((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "attest")
        XCTAssertEqual(driver["version"] as? String, "9.9.9")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ["r1", "r2"])
        XCTAssertEqual(rules.map { ($0["shortDescription"] as? [String: String])?["text"] }, ["Cites resolution 1", "Second"])

        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["r1", "r1"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "warning"])
        XCTAssertEqual(results.map { ($0["properties"] as? [String: String])?["kind"] }, ["false-positive", "false-negative"])
        XCTAssertEqual(results.map { ($0["properties"] as? [String: String])?["gold"] }, ["gold.csv:2:12", "gold.csv:3:10"])
        let messages = results.map { ($0["message"] as? [String: String])?["text"] ?? "" }
        XCTAssertTrue(messages[0].hasPrefix("false positive: r1 matched A|B but the gold says it does not address it. matched: We <act>"), messages[0])
        XCTAssertEqual(messages[1], "false negative: r1 did not match C but the gold says it addresses it. missed: d.txt:5 We act on r2.")
        let places: [String] = try results.map { r in
            let locations = try XCTUnwrap(r["locations"] as? [[String: Any]])
            XCTAssertEqual(locations.count, 1)
            let physical = try XCTUnwrap(locations[0]["physicalLocation"] as? [String: Any])
            let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try XCTUnwrap(physical["region"] as? [String: Int])
            return "\(uri) \(region["startLine"] ?? 0):\(region["startColumn"] ?? 0)"
        }
        XCTAssertEqual(places, ["d.txt 3:1", "d.txt 5:1"])
    }

    func testSARIFWithoutDisagreementsHasNoResults() throws {
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,r1\nC,state,,0\n", path: "g.csv")
        let e = Evaluation(gold: gold, ruleIDs: ["r1"], statements: [statement("C", text: "Nothing.", line: 1)], findings: [])
        let o = try jsonObject(EvaluationReporter(format: .sarif).render(e, GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: nil), attestVersion: "1"))
        let run = try XCTUnwrap((o["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        // a rule without a title is described by its id
        XCTAssertEqual((driver?["rules"] as? [[String: Any]])?.first?["shortDescription"] as? [String: String], ["text": "r1"])
    }
}

import AttestAudit
import AttestTestSupport
import AttestCorpus
import Foundation
import XCTest
import AttestEvaluation

/// Gates on an evaluation: thresholds, baselines, the project file and coverage requirements.
/// The evaluation is the hand-computed one of `EvaluationFixtures` (r1: P 0.5, R 0.5, F1 0.5;
/// r2: P 2/3, R 1, F1 0.8; micro P 0.6, R 0.75, F1 2/3).
final class EvaluationGateTests: XCTestCase {
    func evaluation() throws -> Evaluation { try EvaluationFixtures.handEvaluation() }

    func baseline(_ json: String) throws -> Baseline {
        try JSONDecoder().decode(Baseline.self, from: Data(json.utf8))
    }

    // MARK: thresholds

    func testOverallThresholdsApplyToMicroAverages() throws {
        let v = GateVerdict(try evaluation(), overall: Thresholds(precision: 0.6, recall: 0.8, f1: 0.7), perRule: [:], baseline: nil)
        XCTAssertEqual(v.failures, ["overall (micro): recall 0.750 < 0.800", "overall (micro): F1 0.667 < 0.700"])
        XCTAssertEqual(v.failingRules, [])
        XCTAssertEqual(v.notes, [])
        XCTAssertFalse(v.passed)
    }

    func testThresholdsEqualToTheFiguresPass() throws {
        // micro precision is exactly 3/5; macro figures (F1 0.65) are not what the overall gate reads
        let v = GateVerdict(try evaluation(), overall: Thresholds(precision: 0.6, recall: 0.75, f1: 0.66), perRule: [:], baseline: nil)
        XCTAssertEqual(v.failures, [])
        XCTAssertTrue(v.passed)
        XCTAssertTrue(GateVerdict(try evaluation(), overall: Thresholds(), perRule: [:], baseline: nil).passed)
    }

    /// Regression: with nothing scored (a misspelt rule column) every micro figure is 1, so a
    /// threshold passed; a gate with nothing to measure now fails.
    func testAGateWithNothingScoredFails() throws {
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,cites-2482-typo\nFrance,state,FRA,1\n", path: "gold.csv")
        let s = EvaluationFixtures.statement("France")
        let e = Evaluation(gold: gold, ruleIDs: ["cites-2482"], statements: [s], findings: [])
        XCTAssertEqual(e.scores, [])
        let v = GateVerdict(e, overall: Thresholds(f1: 1), perRule: [:], baseline: nil)
        XCTAssertEqual(v.failures, ["nothing was scored: no rule of the gold is loaded, or no gold row names anything in the corpus"])
        XCTAssertTrue(GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: nil).passed, "no gate, nothing to fail")
    }

    func testPerRuleThresholdsNameTheRule() throws {
        let v = GateVerdict(try evaluation(), overall: Thresholds(),
                            perRule: ["r1": Thresholds(f1: 0.6), "r2": Thresholds(precision: 0.6, recall: 1)], baseline: nil)
        XCTAssertEqual(v.failures, ["r1: F1 0.500 < 0.600"])
        XCTAssertEqual(v.failingRules, ["r1"])
        XCTAssertFalse(v.passed)
    }

    func testEveryShortfallOfARuleIsListed() throws {
        let v = GateVerdict(try evaluation(), overall: Thresholds(),
                            perRule: ["r2": Thresholds(precision: 0.9, recall: 0.9, f1: 0.9), "r1": Thresholds(precision: 0.9, recall: 0.9, f1: 0.9)],
                            baseline: nil)
        XCTAssertEqual(v.failures, [
            "r1: precision 0.500 < 0.900", "r1: recall 0.500 < 0.900", "r1: F1 0.500 < 0.900",
            "r2: precision 0.667 < 0.900", "r2: F1 0.800 < 0.900",
        ])
        XCTAssertEqual(v.failingRules, ["r1", "r2"])
    }

    func testThresholdsForUnscoredRulesBecomeNotes() throws {
        let v = GateVerdict(try evaluation(), overall: Thresholds(),
                            perRule: ["zz": Thresholds(f1: 1), "r0": Thresholds(f1: 1), "rX": Thresholds(recall: 1)], baseline: nil)
        XCTAssertEqual(v.notes, [
            "r0: has a threshold but is not scored (not in the gold or not loaded)",
            "rX: has a threshold but is not scored (not in the gold or not loaded)",
            "zz: has a threshold but is not scored (not in the gold or not loaded)",
        ])
        XCTAssertEqual(v.failures, [])
        XCTAssertTrue(v.passed)
    }

    // MARK: baselines

    func testBaselineRoundTripsThroughItsFile() throws {
        let e = try evaluation()
        let written = Baseline(e)
        XCTAssertEqual(written.rules.keys.sorted(), ["r1", "r2"])
        XCTAssertEqual(written.rules["r1"]?.f1, 0.5)
        XCTAssertEqual(written.rules["r2"]?.recall, 1)
        let data = written.json()
        XCTAssertEqual(data.last, UInt8(ascii: "\n"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("baseline.json").path
        try data.write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try Baseline.load(path: path), written)
        // the same evaluation against its own baseline: nothing to say
        let v = GateVerdict(e, overall: Thresholds(), perRule: [:], baseline: try Baseline.load(path: path))
        XCTAssertEqual(v.failures, [])
        XCTAssertEqual(v.notes, [])
    }

    func testBaselineFileIsSortedPrettyJSON() throws {
        let object = try JSONSerialization.jsonObject(with: Baseline(try evaluation()).json()) as? [String: Any]
        let rules = try XCTUnwrap(object?["rules"] as? [String: [String: Double]])
        XCTAssertEqual(rules["r1"], ["precision": 0.5, "recall": 0.5, "f1": 0.5])
        XCTAssertEqual(Set(rules.keys), ["r1", "r2"])
    }

    func testF1DropFailsNamingTheRuleAndBothFigures() throws {
        let old = try baseline(#"{"rules": {"r1": {"precision": 1, "recall": 1, "f1": 1}, "r2": {"precision": 0.6666666666666666, "recall": 1, "f1": 0.8}}}"#)
        let v = GateVerdict(try evaluation(), overall: Thresholds(), perRule: [:], baseline: old)
        XCTAssertEqual(v.failures, ["r1: F1 dropped from 1.000 to 0.500"])
        XCTAssertEqual(v.failingRules, ["r1"])
        XCTAssertEqual(v.notes, [])
        XCTAssertFalse(v.passed)
    }

    func testImprovementIsANote() throws {
        let old = try baseline(#"{"rules": {"r1": {"precision": 0.25, "recall": 0.25, "f1": 0.25}, "r2": {"precision": 0.6666666666666666, "recall": 1, "f1": 0.8}}}"#)
        let v = GateVerdict(try evaluation(), overall: Thresholds(), perRule: [:], baseline: old)
        XCTAssertEqual(v.notes, ["r1: F1 improved from 0.250 to 0.500"])
        XCTAssertEqual(v.failures, [])
        XCTAssertTrue(v.passed)
    }

    func testNewRuleAndRuleNoLongerScoredAreNotes() throws {
        let old = try baseline(#"{"rules": {"r1": {"precision": 0.5, "recall": 0.5, "f1": 0.5}, "gone": {"precision": 1, "recall": 1, "f1": 1}}}"#)
        let v = GateVerdict(try evaluation(), overall: Thresholds(), perRule: [:], baseline: old)
        XCTAssertEqual(v.notes, ["r2: new, F1 0.800", "gone: in the baseline but no longer scored"])
        XCTAssertEqual(v.failures, [])
        XCTAssertTrue(v.passed)
    }

    func testBaselineAndThresholdsBothApply() throws {
        let old = try baseline(#"{"rules": {"r1": {"precision": 1, "recall": 1, "f1": 0.9}}}"#)
        let v = GateVerdict(try evaluation(), overall: Thresholds(f1: 0.7), perRule: ["r2": Thresholds(f1: 0.9)], baseline: old)
        XCTAssertEqual(v.failures, ["overall (micro): F1 0.667 < 0.700", "r2: F1 0.800 < 0.900", "r1: F1 dropped from 0.900 to 0.500"])
        XCTAssertEqual(v.failingRules, ["r1", "r2"])
        XCTAssertEqual(v.notes, ["r2: new, F1 0.800"])
    }

    func testUnreadableBaselineThrows() {
        XCTAssertThrowsError(try Baseline.load(path: "/nonexistent/attest/baseline.json"))
    }

    // MARK: the project file

    func testProjectFileWithThresholdsRulesAndRequire() throws {
        let config = try ProjectConfig.parse("""
            thresholds: {precision: 0.8, recall: 0.6, f1: 0.7}
            rules:
              cites-resolution-2482: {precision: 1, recall: 1}
              references-human-rights-compliance:
                f1: 0
            require: [references-human-rights-compliance]

            """, path: "attest.yaml")
        XCTAssertEqual(config, ProjectConfig(
            thresholds: Thresholds(precision: 0.8, recall: 0.6, f1: 0.7),
            rules: ["cites-resolution-2482": Thresholds(precision: 1, recall: 1),
                    "references-human-rights-compliance": Thresholds(f1: 0)],
            require: ["references-human-rights-compliance"]))
    }

    func testEmptyProjectFileMeansNoGates() throws {
        XCTAssertEqual(try ProjectConfig.parse("", path: "attest.yaml"), ProjectConfig())
        XCTAssertEqual(try ProjectConfig.parse("# nothing yet\n", path: "attest.yaml"), ProjectConfig())
    }

    func testProjectFileErrorsNameLineAndColumn() {
        func failure(_ text: String) -> String? {
            do { _ = try ProjectConfig.parse(text, path: "attest.yaml"); return nil } catch { return error.description }
        }
        XCTAssertEqual(failure("thresholds: {f1: 0.5}\ntreshold: {f1: 0.5}\n"),
                       "attest.yaml:2:1: error: unknown key 'treshold'; allowed: thresholds, rules, require, gold, sample")
        // "thresholds: {precision: 0.8, " is 29 characters: f2 is at column 30
        XCTAssertEqual(failure("thresholds: {precision: 0.8, f2: 0.5}\n"),
                       "attest.yaml:1:30: error: unknown key 'f2'; allowed: precision, recall, f1")
        // "  r1: {f1: " is 11 characters: the value is at column 12
        XCTAssertEqual(failure("rules:\n  r1: {f1: 1.5}\n"), "attest.yaml:2:12: error: 'f1' must be a number from 0 to 1")
        XCTAssertEqual(failure("thresholds:\n  recall: -0.1\n"), "attest.yaml:2:11: error: 'recall' must be a number from 0 to 1")
        XCTAssertEqual(failure("thresholds:\n  precision: high\n"), "attest.yaml:2:14: error: 'precision' must be a number from 0 to 1")
        XCTAssertEqual(failure("rules: [r1]\n"), "attest.yaml:1:8: error: 'rules' must map rule ids to thresholds")
        XCTAssertEqual(failure("require: r1\n"), "attest.yaml:1:10: error: 'require' must be a list of rule ids")
        XCTAssertEqual(failure("thresholds: 0.8\n"), "attest.yaml:1:13: error: expected a mapping of precision, recall, f1")
        XCTAssertEqual(failure("- thresholds\n"), "attest.yaml:1:1: error: expected a mapping with thresholds, rules, require")
    }

    func testMissingProjectFile() {
        XCTAssertThrowsError(try ProjectConfig.load(path: "/nonexistent/attest/attest.yaml")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/attest/attest.yaml:1:1: error: cannot read project file")
        }
    }

    // MARK: coverage gates

    func testCoverageGateListsStatesWithTextThatDidNotAddressARule() {
        typealias F = EvaluationFixtures
        let france = F.statement("France", text: "We cite r1 and r2.")
        let norway = F.statement("Norway", text: "We say nothing.")
        let chile = F.statement("Chile", text: "We cite r2.")
        let chileLater = F.statement("Chile", document: "e.txt", text: "")
        let germany = F.statement("Germany", text: "") // recorded without text
        let eu = F.statement("European Union", kind: .organization, text: "We say nothing.")
        let unodc = F.statement("United Nations Office on Drugs and Crime", kind: .unEntity, text: "We brief.")
        let presiding = F.statement("Viet Nam", kind: .presidency, text: "I give the floor.")
        let statements = [france, norway, chile, chileLater, germany, eu, unodc, presiding]
        let matrix = CoverageMatrix(ruleIDs: ["r1", "r2"], statements: statements,
                                    findings: [F.finding(france, "r1"), F.finding(france, "r2"), F.finding(chile, "r2"), F.finding(presiding, "r1")])
        let missing = CoverageGate.missing(matrix, require: ["r1", "r2", "not-in-matrix"])
        XCTAssertEqual(missing.map { "\($0.rule): \($0.missing.joined(separator: ", "))" }, [
            "r1: Chile, Norway",
            "r2: Norway",
            "not-in-matrix: ",
        ])
        XCTAssertEqual(CoverageGate.missing(matrix, require: []).count, 0)
    }

    // regression: attest.yaml (read from the current directory without being asked for) skipped
    // the rule-pack preflight; an alias bomb used as a mapping key hung every command that reads it
    func testAliasBombInTheProjectFileIsRefusedAtTheAlias() {
        let yaml = TestFiles.aliasBombYAML(levels: 9, use: "thresholds: {*a9 : 1}")
        XCTAssertThrowsError(try ProjectConfig.parse(yaml, path: "attest.yaml")) { e in
            XCTAssertTrue("\(e)".hasPrefix("attest.yaml:"), "\(e)")
            XCTAssertFalse("\(e)".hasPrefix("attest.yaml:1:1:"), "the error names the alias, not the file's start: \(e)")
        }
    }
}

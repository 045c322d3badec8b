import AttestEvaluation
import AttestModel
import Foundation
import XCTest

/// Finding-level gold (labelled samples of findings), precision with a Wilson interval, the
/// "where to look next" grouping, and the project file's `gold:` and `sample:` sections.
final class PrecisionEvaluationTests: XCTestCase {
    // MARK: fixtures

    static func statement(_ document: String = "/corpus/S-PV-1.txt", index: Int = 0, text: String) -> Statement {
        Statement(document: document, index: index, speaker: "Mr. X", delegation: "France", kind: .state,
                  text: text, start: 0, end: text.utf8.count, line: 1)
    }

    /// A finding on the sentence at `start..<end` of the statement, fired by the given sub-expressions.
    static func finding(_ s: Statement, _ rule: String, _ start: Int, _ end: Int, by: [String] = ["phrase \"x\""]) -> Finding {
        Finding(statement: s, match: RuleMatch(ruleID: rule, unitStart: start, unitEnd: end,
                                               spans: by.enumerated().map { MatchedSpan(start: start, end: start + 1, by: $0.element, at: "r.yaml:\($0.offset + 1):7") }))
    }

    static func line(_ document: String, _ statement: Int, _ rule: String, _ start: Int?, _ label: String?, sentence: String? = nil) -> String {
        var o: [String: Any] = ["document": document, "statement": statement, "rule": rule, "label": label ?? NSNull()]
        if let start { o["sentence_start"] = start }
        if let sentence { o["sentence"] = sentence }
        let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Wilson

    func testWilsonIntervalMatchesHandComputedValues() {
        // 25 of 25: (1 + z²/2n − z·√(z²/4n²)) / (1 + z²/n) = 1 / 1.153664 = 0.8668
        let all = WilsonInterval(successes: 25, trials: 25)
        XCTAssertEqual(all.lower, 0.8668, accuracy: 0.0005)
        XCTAssertEqual(all.upper, 1, accuracy: 1e-12)
        // the figures of the first year sample (Corpus/gold/precision/README.md): 21/25 and 13/25
        XCTAssertEqual(WilsonInterval(successes: 21, trials: 25).lower, 0.653, accuracy: 0.0005)
        XCTAssertEqual(WilsonInterval(successes: 13, trials: 25).lower, 0.335, accuracy: 0.0005)
        XCTAssertEqual(WilsonInterval(successes: 1, trials: 1).lower, 0.2065, accuracy: 0.0005)
        let none = WilsonInterval(successes: 0, trials: 4)
        XCTAssertEqual(none.lower, 0)
        XCTAssertEqual(none.upper, 0.4899, accuracy: 0.0005)
        let empty = WilsonInterval(successes: 0, trials: 0)
        XCTAssertEqual(empty.lower, 0)
        XCTAssertEqual(empty.upper, 1)
    }

    // MARK: reading

    func testReadsLabelsAndKeepsNullAsUnlabelled() throws {
        let text = [Self.line("S-PV-1.txt", 0, "r", 0, "right"), Self.line("S-PV-1.txt", 1, "r", 5, nil),
                    Self.line("S-PV-1.txt", 2, "r", 7, "wrong"), ""].joined(separator: "\n")
        let gold = try FindingGold.parse(text, path: "g.jsonl")
        XCTAssertEqual(gold.entries.map(\.label), [true, nil, false])
        XCTAssertEqual(gold.entries.map(\.line), [1, 2, 3])
        XCTAssertEqual(gold.entries[1].sentenceStart, 5)
        XCTAssertTrue(FindingGold.isFindingGold(text: text))
    }

    func testStatementLevelGoldIsNotTakenForFindingGold() {
        let statementGold = """
            {"scored_rules": ["r"]}
            {"document": "a.txt", "statement": 1, "rules": ["r"], "evidence": {"r": "..."}}
            """
        XCTAssertFalse(FindingGold.isFindingGold(text: statementGold))
        XCTAssertFalse(FindingGold.isFindingGold(text: "not json"))
    }

    func testMalformedEntriesFailWithTheirLine() {
        func failure(_ text: String) -> String? {
            do { _ = try FindingGold.parse(text, path: "g.jsonl"); return nil } catch { return error.description }
        }
        let good = Self.line("a.txt", 0, "r", 0, "right")
        XCTAssertEqual(failure(good + "\n{\"document\": \"a.txt\", \"statement\": 1, \"rule\": \"r\", \"label\": \"maybe\"}\n"),
                       "g.jsonl:2:1: error: \"label\" must be \"right\", \"wrong\" or null")
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"statement\": true, \"rule\": \"r\", \"label\": \"right\"}"),
                       "g.jsonl:1:1: error: needs \"statement\": the statement index")
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"statement\": 0, \"label\": \"right\"}"), "g.jsonl:1:1: error: missing \"rule\"")
        XCTAssertEqual(failure(good + "\n" + good), "g.jsonl:2:1: error: the same finding is labelled twice")
        XCTAssertEqual(failure("\n\n"), "g.jsonl:1:1: error: gold file holds no finding")
        XCTAssertEqual(failure("[1]"), "g.jsonl:1:1: error: not a JSON object")
    }

    // MARK: matching and counting

    func testExactMatchesAreScoredAndGoneAndUnlabelledAreCountedApart() throws {
        let s0 = Self.statement(index: 0, text: "Alpha beta. Gamma delta.")
        let s1 = Self.statement(index: 1, text: "Epsilon.")
        let findings = [Self.finding(s0, "r", 0, 11), Self.finding(s0, "r", 12, 24), Self.finding(s1, "r", 0, 8)]
        let gold = try FindingGold.parse([
            Self.line("S-PV-1.txt", 0, "r", 0, "right"),
            Self.line("S-PV-1.txt", 0, "r", 12, "wrong"),
            Self.line("S-PV-1.txt", 1, "r", 0, nil),          // drawn, not labelled yet
            Self.line("S-PV-1.txt", 5, "r", 0, "right"),      // its finding no longer fires
        ].joined(separator: "\n"), path: "g.jsonl")
        let e = PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings)
        let r = try XCTUnwrap(e.results.first)
        XCTAssertEqual([r.findings, r.right, r.wrong, r.gone, r.moved, r.unlabelled.count], [3, 1, 1, 1, 0, 1])
        XCTAssertEqual(r.precision, 0.5)
        XCTAssertEqual(r.unlabelled.first?.statement.index, 1)
        XCTAssertEqual(r.wrongFindings.map(\.goldLine), [2])
    }

    func testASentenceThatMovedIsFoundByItsTextThenByBeingTheOnlyOneLeft() throws {
        let s0 = Self.statement(index: 0, text: "New opening. Alpha beta.")
        let s1 = Self.statement(index: 1, text: "Whole speech, now one sentence.")
        let findings = [Self.finding(s0, "r", 13, 24), Self.finding(s1, "r", 0, 13)]
        let gold = try FindingGold.parse([
            Self.line("S-PV-1.txt", 0, "r", 0, "right", sentence: "Alpha beta."),   // same text, new offset
            Self.line("S-PV-1.txt", 1, "r", 40, "wrong", sentence: "Whole speech, now one sentence. And more."),
        ].joined(separator: "\n"), path: "g.jsonl")
        let r = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings).results.first)
        XCTAssertEqual([r.right, r.wrong, r.gone, r.moved, r.unlabelled.count], [1, 1, 0, 1, 0])
    }

    // regression (pack 1.5.1): a removed wrong finding lent its label to the only other finding of
    // its statement and rule, a sentence nobody had read
    func testTheOnlyOneLeftIsNotLentALabelWrittenForAnotherSentence() throws {
        let s = Self.statement(index: 0, text: "Those who drafted it stressed rights. States that respect rights are stable.")
        let findings = [Self.finding(s, "r", 38, 76)]
        let gold = try FindingGold.parse([
            Self.line("S-PV-1.txt", 0, "r", 0, "wrong", sentence: "Those who drafted it stressed rights."),
        ].joined(separator: "\n"), path: "g.jsonl")
        let r = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings).results.first)
        XCTAssertEqual([r.right, r.wrong, r.gone, r.moved], [0, 0, 1, 0])
    }

    func testTwoCandidatesLeftAreNotGuessed() throws {
        let s = Self.statement(index: 0, text: "One two. Three four. Five six.")
        let findings = [Self.finding(s, "r", 9, 20), Self.finding(s, "r", 21, 30)]
        let gold = try FindingGold.parse([
            Self.line("S-PV-1.txt", 0, "r", 0, "right"),
            Self.line("S-PV-1.txt", 0, "r", 3, "wrong"),
        ].joined(separator: "\n"), path: "g.jsonl")
        let r = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings).results.first)
        XCTAssertEqual([r.right, r.wrong, r.gone, r.unlabelled.count], [0, 0, 2, 2])
    }

    func testNewFindingsAreListedOnlyWhenTheSampleTakesEveryFinding() throws {
        let statements = (0..<4).map { Self.statement(index: $0, text: "Sentence \($0).") }
        let findings = statements.map { Self.finding($0, "r", 0, 11) }
        let gold = try FindingGold.parse(Self.line("S-PV-1.txt", 0, "r", 0, "right"), path: "g.jsonl")
        // 4 findings, sample size 25: the design takes all of them, so three are new and unlabelled
        let whole = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings).results.first)
        XCTAssertEqual(whole.unlabelled.map(\.statement.index), [1, 2, 3])
        // sample size 2: a sample of 4 findings; the others were simply not drawn
        let sampled = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings, sampleSize: 2).results.first)
        XCTAssertEqual(sampled.unlabelled.count, 0)
        XCTAssertEqual(sampled.right, 1)
    }

    func testDocumentsMatchByWholePathComponents() throws {
        let s = Self.statement("/x/Corpus/S-PV-8713.txt", index: 4, text: "Alpha.")
        let other = Self.statement("/x/Corpus/XS-PV-8713.txt", index: 4, text: "Alpha.")
        let gold = try FindingGold.parse(Self.line("Corpus/S-PV-8713.txt", 4, "r", 0, "right"), path: "g.jsonl")
        let e = PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: [Self.finding(other, "r", 0, 6), Self.finding(s, "r", 0, 6)])
        let r = try XCTUnwrap(e.results.first)
        XCTAssertEqual(r.right, 1)
        XCTAssertEqual(r.unlabelled.map(\.statement.document), ["/x/Corpus/XS-PV-8713.txt"])
    }

    func testEntriesOfDocumentsThatWereNotAuditedAreNeitherScoredNorGone() throws {
        let s = Self.statement("/c/S-PV-1.txt", index: 0, text: "Alpha.")
        let gold = try FindingGold.parse([Self.line("S-PV-1.txt", 0, "r", 0, "right"), Self.line("S-PV-2.txt", 0, "r", 0, "wrong")]
            .joined(separator: "\n"), path: "g.jsonl")
        let e = PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: [Self.finding(s, "r", 0, 6)], documents: ["/c/S-PV-1.txt"])
        let r = try XCTUnwrap(e.results.first)
        XCTAssertEqual([r.right, r.wrong, r.gone], [1, 0, 0])
        XCTAssertEqual(e.outsideCorpus, 1)
        XCTAssertEqual(e.verdict(lowerBound: nil, perRule: [:]).notes, ["1 labelled finding is in documents that were not audited (not scored)"])
    }

    func testRulesOfTheGoldThatAreNotLoadedAreListed() throws {
        let gold = try FindingGold.parse(Self.line("a.txt", 0, "gone-rule", 0, "right"), path: "g.jsonl")
        let e = PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: [])
        XCTAssertEqual(e.unknownRules, ["gone-rule"])
        XCTAssertTrue(e.results.isEmpty)
        XCTAssertFalse(e.verdict(lowerBound: 0.5, perRule: [:]).passed)
    }

    // MARK: gates

    /// Rules a (4 of 5 findings right) and b (5 of 5), and c with no finding.
    private static func twoRuleSample() throws -> PrecisionEvaluation {
        let statements = (0..<10).map { statement(index: $0, text: "Sentence \($0).") }
        var lines: [String] = []
        var findings: [Finding] = []
        for (i, s) in statements.enumerated() {
            let rule = i < 5 ? "a" : "b"
            findings.append(finding(s, rule, 0, 11))
            lines.append(line("S-PV-1.txt", i, rule, 0, i == 4 ? "wrong" : "right"))
        }
        return PrecisionEvaluation(gold: try FindingGold.parse(lines.joined(separator: "\n"), path: "g.jsonl"),
                                   ruleIDs: ["a", "b", "c"], findings: findings)
    }

    func testLowerBoundGateWithPerRuleOverrides() throws {
        let e = try Self.twoRuleSample()
        let a = WilsonInterval(successes: 4, trials: 5).lower, b = WilsonInterval(successes: 5, trials: 5).lower
        XCTAssertEqual(a, 0.3755, accuracy: 0.0005)
        XCTAssertEqual(b, 0.5655, accuracy: 0.0005)
        let strict = e.verdict(lowerBound: 0.5, perRule: [:])
        XCTAssertEqual(strict.failures, ["a: precision lower bound 0.376 < 0.500 (4/5 right)"])
        XCTAssertEqual(strict.failingRules, ["a"])
        XCTAssertTrue(e.verdict(lowerBound: 0.5, perRule: ["a": 0.37]).passed)
        XCTAssertFalse(e.verdict(lowerBound: nil, perRule: ["b": 0.6]).passed)
        XCTAssertTrue(e.verdict(lowerBound: nil, perRule: [:]).passed)
        XCTAssertEqual(e.verdict(lowerBound: nil, perRule: ["c": 0.5]).notes, ["c: has a minimum but no finding and no label"])
    }

    func testPointPrecisionGateWithPerRuleOverridesAndTheLowerBoundAsAFloor() throws {
        let e = try Self.twoRuleSample()
        // the point estimate is gated, not its interval: a (0.800) fails 0.9, b (1.000) passes
        let target = e.verdict(SampleGates(precision: 0.9))
        XCTAssertEqual(target.failures, ["a: precision 0.800 < 0.900 (4/5 right)"])
        XCTAssertEqual(target.failingRules, ["a"])
        XCTAssertEqual(target.sampleMinimums["a"], SampleGates.Minimum(precision: 0.9))
        XCTAssertEqual(Set(target.sampleMinimums.keys), ["a", "b"], "c has no finding and no label: not gated")
        // a rule's own minimum replaces the one for every rule
        XCTAssertTrue(e.verdict(SampleGates(precision: 0.9, rulePrecision: ["a": 0.8])).passed)
        XCTAssertFalse(e.verdict(SampleGates(rulePrecision: ["b": 1, "a": 0.81])).passed)
        // both gates at once: the lower bound stays a floor under the point target
        let both = e.verdict(SampleGates(precision: 0.8, lowerBound: 0.5))
        XCTAssertEqual(both.failures, ["a: precision lower bound 0.376 < 0.500 (4/5 right)"])
        XCTAssertEqual(both.sampleMinimums["b"], SampleGates.Minimum(precision: 0.8, lowerBound: 0.5))
        let twice = e.verdict(SampleGates(precision: 0.9, lowerBound: 0.5))
        XCTAssertEqual(twice.failures, ["a: precision 0.800 < 0.900 (4/5 right)", "a: precision lower bound 0.376 < 0.500 (4/5 right)"])
        XCTAssertEqual(e.verdict(SampleGates(rulePrecision: ["c": 0.5])).notes, ["c: has a minimum but no finding and no label"])
        // the lower-bound-only form is the same gate as before
        XCTAssertEqual(e.verdict(lowerBound: 0.5, perRule: [:]).failures, both.failures)
    }

    func testUnlabelledFindingsAreANoteNeverAScore() throws {
        let s = Self.statement(index: 0, text: "Alpha.")
        let gold = try FindingGold.parse(Self.line("S-PV-1.txt", 0, "r", 0, nil), path: "g.jsonl")
        let e = PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: [Self.finding(s, "r", 0, 6)])
        let v = e.verdict(lowerBound: 0.9, perRule: [:])
        XCTAssertTrue(v.passed, "nothing labelled: nothing to gate")
        XCTAssertEqual(v.notes, ["r: 1 findings and none labelled: not gated",
                                 "r: 1 finding not labelled (not scored); re-draw the sample and label them"])
        XCTAssertEqual(e.pooledRight + e.pooledWrong, 0)
    }

    // MARK: where to look next

    func testWrongFindingsAreGroupedBySubExpressionMostFirst() throws {
        let statements = (0..<6).map { Self.statement(index: $0, text: "Sentence \($0).") }
        let by = [["phrase \"a\""], ["phrase \"a\"", "phrase \"b\""], ["phrase \"a\""], ["phrase \"c\""], ["phrase \"c\""], ["phrase \"a\""]]
        let labels = ["wrong", "wrong", "wrong", "wrong", "right", "right"]
        let findings = zip(statements, by).map { Self.finding($0, "r", 0, 11, by: $1) }
        let gold = try FindingGold.parse(labels.enumerated().map { Self.line("S-PV-1.txt", $0.offset, "r", 0, $0.element) }.joined(separator: "\n"),
                                         path: "g.jsonl")
        let groups = try XCTUnwrap(PrecisionEvaluation(gold: gold, ruleIDs: ["r"], findings: findings).results.first).groups
        // "a" at r.yaml:1:7 fired in 3 wrong findings and 1 right one; "c" (also at r.yaml:1:7) in 1 and 1; "b" (r.yaml:2:7) in 1 and 0
        XCTAssertEqual(groups.map(\.subExpression), ["phrase \"a\" at r.yaml:1:7", "phrase \"b\" at r.yaml:2:7", "phrase \"c\" at r.yaml:1:7"])
        XCTAssertEqual(groups.map(\.disagreements), [3, 1, 1])
        XCTAssertEqual(groups.map(\.agreements), [1, 0, 1])
        XCTAssertEqual(groups[0].example, "Sentence 0.")
    }

    func testStatementLevelEvaluationGroupsFalsePositives() throws {
        let gold = try GoldStandard.parseJSONLines("""
            {"scored_rules": ["r"]}
            {"document": "d.txt", "statement": 0, "rules": [], "evidence": {}}
            {"document": "d.txt", "statement": 1, "rules": ["r"], "evidence": {"r": "quote"}}
            {"document": "d.txt", "statement": 2, "rules": [], "evidence": {}}
            """, path: "g.jsonl")
        let statements = (0..<3).map { Self.statement("d.txt", index: $0, text: "Sentence \($0).") }
        let findings = [Self.finding(statements[0], "r", 0, 11, by: ["phrase \"a\""]), Self.finding(statements[1], "r", 0, 11, by: ["phrase \"a\""]),
                        Self.finding(statements[2], "r", 0, 11, by: ["phrase \"b\""])]
        let e = Evaluation(gold: gold, ruleIDs: ["r"], statements: statements, findings: findings)
        XCTAssertEqual(e.micro.falsePositives, 2)
        let groups = try XCTUnwrap(e.firingGroups["r"])
        XCTAssertEqual(groups.map(\.subExpression), ["phrase \"b\" at r.yaml:1:7", "phrase \"a\" at r.yaml:1:7"])
        XCTAssertEqual(groups.map(\.agreements), [0, 1])
    }

    // MARK: statement gold across documents

    func testStatementGoldWithADocumentPerLineAndEvidence() throws {
        let gold = try GoldStandard.parseJSONLines("""
            {"scored_rules": ["r", "s"]}
            {"document": "S-PV-8721.txt", "statement": 3, "speaker": "Mr. C", "delegation": "African Union", "rules": ["r"], "evidence": {"r": "must be protected"}}
            {"document": "S-PV-8723.txt", "statement": 3, "speaker": "Mr. D", "delegation": "Colombia", "rules": [], "evidence": {}}
            """, path: "y.jsonl")
        XCTAssertEqual(gold.rules, ["r", "s"])
        XCTAssertEqual(gold.cells.count, 4)
        XCTAssertEqual(Set(gold.cells.map(\.subject)), [.statement(document: "S-PV-8721.txt", index: 3), .statement(document: "S-PV-8723.txt", index: 3)])
        XCTAssertEqual(gold.cells.filter(\.addressed).map(\.rule), ["r"])
    }

    // MARK: project file

    func testProjectFileReadsGoldThresholdsAndSampleBounds() throws {
        let config = try ProjectConfig.parse("""
            thresholds: {precision: 0.9, recall: 0.8, f1: 0.85}
            gold:
              Corpus/gold/year-statements.jsonl: {precision: 0.95, recall: 0.55, f1: 0.7}
            sample:
              lower_bound: 0.9
              rules: {capacity-building-technical-assistance: 0.6}
            """, path: "attest.yaml")
        XCTAssertEqual(config.thresholds(forGold: "/repo/Corpus/gold/year-statements.jsonl"), Thresholds(precision: 0.95, recall: 0.55, f1: 0.7))
        XCTAssertEqual(config.thresholds(forGold: "Corpus/gold/delegations.csv"), Thresholds(precision: 0.9, recall: 0.8, f1: 0.85))
        XCTAssertEqual(config.sampleLowerBound, 0.9)
        XCTAssertEqual(config.sampleRules, ["capacity-building-technical-assistance": 0.6])
        XCTAssertNil(config.samplePrecision)
    }

    func testProjectFileReadsSamplePrecisionAndPerRuleMappings() throws {
        let config = try ProjectConfig.parse("""
            sample:
              precision: 0.9
              lower_bound: 0.65
              rules:
                a: 0.5
                b: {precision: 0.8}
                c: {precision: 0.85, lower_bound: 0.4}
            """, path: "attest.yaml")
        XCTAssertEqual(config.sampleGates, SampleGates(precision: 0.9, lowerBound: 0.65, rulePrecision: ["b": 0.8, "c": 0.85],
                                                       ruleLowerBound: ["a": 0.5, "c": 0.4]))
        XCTAssertEqual(config.sampleGates.minimum(for: "a"), SampleGates.Minimum(precision: 0.9, lowerBound: 0.5))
        XCTAssertEqual(config.sampleGates.minimum(for: "b"), SampleGates.Minimum(precision: 0.8, lowerBound: 0.65))
        XCTAssertEqual(config.sampleGates.minimum(for: "z"), SampleGates.Minimum(precision: 0.9, lowerBound: 0.65))
        XCTAssertEqual(config.sampleGates.listedRules, ["a", "b", "c"])
    }

    func testProjectFileMistakesInTheNewSectionsNameTheirPlace() {
        func failure(_ text: String) -> String? {
            do { _ = try ProjectConfig.parse(text, path: "attest.yaml"); return nil } catch { return error.description }
        }
        XCTAssertEqual(failure("sample:\n  lower_bound: 2\n"), "attest.yaml:2:16: error: 'lower_bound' must be a number from 0 to 1")
        XCTAssertEqual(failure("sample:\n  lowerbound: 0.5\n"), "attest.yaml:2:3: error: unknown key 'lowerbound'; allowed: precision, lower_bound, rules")
        XCTAssertEqual(failure("sample:\n  precision: 1.5\n"), "attest.yaml:2:14: error: 'precision' must be a number from 0 to 1")
        XCTAssertEqual(failure("sample:\n  rules:\n    a: {precison: 0.9}\n"),
                       "attest.yaml:3:9: error: unknown key 'precison'; allowed: precision, lower_bound")
        XCTAssertEqual(failure("sample:\n  rules:\n    a: {precision: -1}\n"), "attest.yaml:3:20: error: 'precision' must be a number from 0 to 1")
        XCTAssertEqual(failure("sample:\n  rules:\n    a: [0.9]\n"), "attest.yaml:3:8: error: 'a' must be a number from 0 to 1")
        XCTAssertEqual(failure("gold: [a]\n"), "attest.yaml:1:7: error: 'gold' must map gold files to thresholds")
        XCTAssertEqual(failure("gold:\n  a.jsonl: {precison: 1}\n"),
                       "attest.yaml:2:13: error: unknown key 'precison'; allowed: precision, recall, f1")
    }
}

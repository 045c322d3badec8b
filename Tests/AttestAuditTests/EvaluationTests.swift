import AttestAudit
import AttestCorpus
import AttestMatching
import AttestRules
import Foundation
import XCTest
import AttestModel
import AttestEvaluation

/// Hand-built statements, findings and gold for the evaluation tests.
enum EvaluationFixtures {
    static func statement(_ delegation: String?, document: String = "d.txt", index: Int = 0, speaker: String? = nil,
                          kind: SpeakerKind = .state, text: String = "We spoke.", line: Int = 1) -> Statement {
        Statement(document: document, index: index, speaker: speaker, delegation: delegation, kind: kind,
                  text: text, start: 0, end: text.utf8.count, line: line)
    }

    /// A finding whose sentence is the whole text of the statement.
    static func finding(_ s: Statement, _ rule: String) -> Finding {
        Finding(statement: s, match: RuleMatch(ruleID: rule, unitStart: 0, unitEnd: s.text.utf8.count,
                                               spans: [MatchedSpan(start: 0, end: 2, by: "phrase \"we\"", at: "rules.yaml:3:7")]))
    }

    /// Loaded rules r0, r1, r9, r2 (load order); the gold judges r2, r1 and rX (not loaded).
    ///
    /// | gold / predicted | r1          | r2          |
    /// | ---------------- | ----------- | ----------- |
    /// | A                | 1 / yes: TP | 1 / yes: TP |
    /// | B                | 1 / no: FN  | 0 / yes: FP |
    /// | C                | 0 / yes: FP | 0 / no: TN  |
    /// | D                | 0 / no: TN  | 1 / yes: TP |
    ///
    /// r1: TP 1, FP 1, FN 1, TN 1 (P 1/2, R 1/2, F1 1/2); r2: TP 2, FP 1, TN 1 (P 2/3, R 1, F1 4/5).
    /// Micro: TP 3, FP 2, FN 1, TN 2 (P 3/5, R 3/4, F1 2/3); macro: P 7/12, R 3/4, F1 13/20.
    static let goldCSV = """
        delegation,kind,iso3,r2,r1,rX
        A,state,,1,1,1
        B,state,,0,1,0
        C,state,,0,0,
        D,state,,1,0,1
        Atlantis,state,ATL,1,1,1

        """

    static let ruleIDs = ["r0", "r1", "r9", "r2"]

    static func handExample() throws -> (gold: GoldStandard, statements: [Statement], findings: [Finding]) {
        let gold = try GoldStandard.parseCSV(goldCSV, path: "gold.csv")
        let a = statement("A", index: 0, text: "We act on r0, r1 and r2.", line: 3)
        let b = statement("B", index: 1, text: "We act on r2 only.", line: 5)
        let bWithoutText = statement("B", document: "e.txt", index: 0, text: "")
        let c = statement("C", index: 2, text: "We act on r1.", line: 7)
        let cPresiding = statement("C", index: 3, kind: .presidency, text: "I give the floor on r2.", line: 9)
        let d = statement("D", index: 4, text: "We act on r2.", line: 11)
        let narrative = statement(nil, index: 5, kind: .narrative, text: "Members spoke of r1.", line: 13)
        let statements = [a, b, bWithoutText, c, cPresiding, d, narrative]
        let findings = [finding(a, "r0"), finding(a, "r1"), finding(a, "r2"), finding(b, "r2"), finding(c, "r1"),
                        finding(cPresiding, "r2"), finding(d, "r2"), finding(narrative, "r1")]
        return (gold, statements, findings)
    }

    static func handEvaluation() throws -> Evaluation {
        let x = try handExample()
        return Evaluation(gold: x.gold, ruleIDs: ruleIDs, statements: x.statements, findings: x.findings)
    }
}

final class EvaluationMetricsTests: XCTestCase {
    func testCountsPrecisionRecallAndF1() {
        let m = Evaluation.Metrics(truePositives: 3, falsePositives: 1, falseNegatives: 2, trueNegatives: 4)
        XCTAssertEqual(m.precision, 0.75)
        XCTAssertEqual(m.recall, 0.6)
        XCTAssertEqual(m.f1, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(m.scored, 10)
    }

    func testNothingPredictedHasPrecisionOne() {
        let m = Evaluation.Metrics(falseNegatives: 3, trueNegatives: 2)
        XCTAssertEqual(m.precision, 1)
        XCTAssertEqual(m.recall, 0)
        XCTAssertEqual(m.f1, 0)
    }

    func testNoGoldPositivesHasRecallOne() {
        let m = Evaluation.Metrics(falsePositives: 2, trueNegatives: 1)
        XCTAssertEqual(m.precision, 0)
        XCTAssertEqual(m.recall, 1)
        XCTAssertEqual(m.f1, 0)
    }

    func testF1IsZeroWhenPrecisionAndRecallAreZero() {
        let m = Evaluation.Metrics(falsePositives: 1, falseNegatives: 1)
        XCTAssertEqual(m.precision, 0)
        XCTAssertEqual(m.recall, 0)
        XCTAssertEqual(m.f1, 0)
        XCTAssertFalse(m.f1.isNaN)
    }

    func testARuleWithOnlyTrueNegativesIsPerfect() {
        let m = Evaluation.Metrics(trueNegatives: 5)
        XCTAssertEqual([m.precision, m.recall, m.f1], [1, 1, 1])
        XCTAssertEqual(m.scored, 5)
    }

    func testNoCountsAtAll() {
        let m = Evaluation.Metrics()
        XCTAssertEqual([m.precision, m.recall, m.f1], [1, 1, 1])
        XCTAssertEqual(m.scored, 0)
    }

    func testNoGoldRowsScoresNothing() throws {
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,r1\n", path: "gold.csv")
        let s = EvaluationFixtures.statement("A")
        let e = Evaluation(gold: gold, ruleIDs: ["r1", "r2"], statements: [s], findings: [EvaluationFixtures.finding(s, "r1")])
        XCTAssertEqual(e.scores, [])
        XCTAssertEqual(e.micro, Evaluation.Metrics())
        XCTAssertEqual([e.micro.precision, e.micro.recall, e.micro.f1], [1, 1, 1])
        // the mean over no rules is taken as the figures of no claim and no miss: 1, 1 and (by the F1 formula) 1
        XCTAssertEqual([e.macro.precision, e.macro.recall, e.macro.f1], [1, 1, 1])
        // r1 is in the header but no cell judges it: it is listed as unscored too
        XCTAssertEqual(e.unscoredRules, ["r1", "r2"])
        XCTAssertEqual(e.disagreements.count, 0)
    }

    func testMicroPoolsCountsAndMacroAveragesRules() throws {
        let e = try EvaluationFixtures.handEvaluation()
        XCTAssertEqual(e.scores.map(\.rule), ["r1", "r2"])
        XCTAssertEqual(e.scores[0].metrics, Evaluation.Metrics(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        XCTAssertEqual(e.scores[1].metrics, Evaluation.Metrics(truePositives: 2, falsePositives: 1, falseNegatives: 0, trueNegatives: 1))
        XCTAssertEqual([e.scores[0].metrics.precision, e.scores[0].metrics.recall, e.scores[0].metrics.f1], [0.5, 0.5, 0.5])
        XCTAssertEqual(e.scores[1].metrics.precision, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(e.scores[1].metrics.recall, 1)
        XCTAssertEqual(e.scores[1].metrics.f1, 0.8, accuracy: 1e-12)

        XCTAssertEqual(e.micro, Evaluation.Metrics(truePositives: 3, falsePositives: 2, falseNegatives: 1, trueNegatives: 2))
        XCTAssertEqual(e.micro.precision, 0.6, accuracy: 1e-12)
        XCTAssertEqual(e.micro.recall, 0.75, accuracy: 1e-12)
        XCTAssertEqual(e.micro.f1, 2.0 / 3.0, accuracy: 1e-12)

        XCTAssertEqual(e.macro.precision, 7.0 / 12.0, accuracy: 1e-12)
        XCTAssertEqual(e.macro.recall, 0.75, accuracy: 1e-12)
        XCTAssertEqual(e.macro.f1, 0.65, accuracy: 1e-12)
    }
}

final class EvaluationTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pressRelease = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"
    static let record8711 = "Corpus/unsc-2020/S-PV-8711.txt"

    typealias F = EvaluationFixtures

    /// `path:line:col` of a disagreement's place in the corpus.
    func place(_ d: Evaluation.Disagreement?) -> String? {
        d?.location.map { "\($0.path):\($0.line):\($0.column)" }
    }

    func testOnlyGoldRulesAreScoredInLoadOrder() throws {
        let e = try F.handEvaluation()
        XCTAssertEqual(e.scores.map(\.rule), ["r1", "r2"]) // load order, not the gold's column order
        XCTAssertEqual(e.unscoredRules, ["r0", "r9"])
        XCTAssertEqual(e.unknownRules, ["rX"])
        XCTAssertEqual(e.gold.rules, ["r2", "r1", "rX"])
    }

    func testAGoldRowAbsentFromTheCorpusIsListedAndNotScored() throws {
        let e = try F.handEvaluation()
        XCTAssertEqual(e.unmatchedSubjects, [.delegation("Atlantis", document: nil)])
        XCTAssertEqual(e.micro.scored, 8) // 4 delegations × 2 loaded rules; Atlantis adds nothing
    }

    func testDisagreementsInGoldOrderWithTheirGoldCells() throws {
        let e = try F.handEvaluation()
        XCTAssertEqual(e.disagreements.map { "\($0.kind.rawValue) \($0.rule) \($0.subject) @\($0.goldLine):\($0.goldColumn)" }, [
            "false-positive r2 B @3:10",
            "false-negative r1 B @3:12",
            "false-positive r1 C @4:12",
        ])
    }

    func testFalsePositiveCarriesTheFindingsAndFalseNegativeTheStatementsWithText() throws {
        let x = try F.handExample()
        let e = Evaluation(gold: x.gold, ruleIDs: F.ruleIDs, statements: x.statements, findings: x.findings)
        let fp = e.disagreements[0]
        XCTAssertEqual(fp.findings, [F.finding(x.statements[1], "r2")])
        XCTAssertEqual(fp.findings.first?.sentence, "We act on r2 only.")
        XCTAssertEqual(fp.statements, [])
        let fn = e.disagreements[1]
        XCTAssertEqual(fn.findings, [])
        XCTAssertEqual(fn.statements.map(\.text), ["We act on r2 only."]) // B's statement without text is left out
        // d.txt does not exist: the location falls back to the statement's line, column 1
        XCTAssertEqual(place(fp), "d.txt:5:1")
        XCTAssertEqual(place(fn), "d.txt:5:1")
    }

    func testFalseNegativeOfADelegationWithoutTextHasNoStatements() throws {
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,r1\nGermany,state,DEU,1\n", path: "g.csv")
        let germany = F.statement("Germany", document: "e.txt", text: "", line: 41)
        let e = Evaluation(gold: gold, ruleIDs: ["r1"], statements: [germany], findings: [])
        XCTAssertEqual(e.scores.map(\.metrics), [Evaluation.Metrics(falseNegatives: 1)])
        XCTAssertEqual(e.disagreements.first?.statements, [])
        XCTAssertEqual(place(e.disagreements.first), "e.txt:41:1")
    }

    func testPerDocumentRowsOnlySeeTheirDocument() throws {
        let gold = try GoldStandard.parseCSV("""
            document,delegation,kind,iso3,r1
            a.txt,A,state,,1
            b.txt,A,state,,1
            c.txt,A,state,,0

            """, path: "g.csv")
        let inA = F.statement("A", document: "a.txt", text: "In a.")
        let inB = F.statement("A", document: "b.txt", text: "In b.")
        let e = Evaluation(gold: gold, ruleIDs: ["r1"], statements: [inA, inB], findings: [F.finding(inA, "r1")])
        XCTAssertEqual(e.scores.map(\.metrics), [Evaluation.Metrics(truePositives: 1, falseNegatives: 1)])
        XCTAssertEqual(e.disagreements.map(\.subject), [.delegation("A", document: "b.txt")])
        XCTAssertEqual(e.disagreements.first?.statements.map(\.text), ["In b."])
        XCTAssertEqual(e.unmatchedSubjects, [.delegation("A", document: "c.txt")])
    }

    func testRelativeGoldPathsMatchAbsoluteCorpusPathsByWholeComponents() throws {
        let gold = try GoldStandard.parseCSV("""
            document,delegation,kind,iso3,r1
            Corpus/unsc-2020/S-PV-8711.txt,A,state,,1
            PV-8711.txt,A,state,,1
            /srv/data/Corpus/b.txt,B,state,,1

            """, path: "g.csv")
        let a = F.statement("A", document: "/home/analyst/attest/Corpus/unsc-2020/S-PV-8711.txt")
        let b = F.statement("B", document: "Corpus/b.txt")
        let e = Evaluation(gold: gold, ruleIDs: ["r1"], statements: [a, b], findings: [F.finding(a, "r1"), F.finding(b, "r1")])
        XCTAssertEqual(e.scores.map(\.metrics), [Evaluation.Metrics(truePositives: 2)])
        // "PV-8711.txt" is the end of "S-PV-8711.txt", not a whole component
        XCTAssertEqual(e.unmatchedSubjects, [.delegation("A", document: "PV-8711.txt")])
    }

    func testDotSlashGoldPathMatchesTheSameFile() throws {
        let gold = try GoldStandard.parseCSV("document,delegation,kind,iso3,r1\n./Corpus/a.txt,A,state,,1\n", path: "g.csv")
        let a = F.statement("A", document: "Corpus/a.txt")
        let e = Evaluation(gold: gold, ruleIDs: ["r1"], statements: [a], findings: [F.finding(a, "r1")])
        XCTAssertEqual(e.scores.map(\.metrics), [Evaluation.Metrics(truePositives: 1)])
        XCTAssertEqual(e.unmatchedSubjects, [])
    }

    func testStatementLevelGoldByIndexAndBySpeaker() throws {
        let gold = try GoldStandard.parseJSONLines("""
            {"document": "s.txt", "statement": 2, "rules": ["r1"]}
            {"document": "s.txt", "speaker": "Mr. A", "rules": ["r1"]}
            {"document": "s.txt", "speaker": "Ms. B", "rules": []}
            {"document": "s.txt", "statement": 9, "rules": []}
            {"document": "t.txt", "statement": 0, "rules": []}
            {"scored_rules": ["r2"]}

            """, path: "g.jsonl")
        let s0 = F.statement("A", document: "s.txt", index: 0, speaker: "Mr. A", text: "First.")
        let s1 = F.statement(nil, document: "s.txt", index: 1, speaker: "The President", kind: .presidency, text: "Thanks.")
        let s2 = F.statement("A", document: "s.txt", index: 2, speaker: "Mr. A", text: "Second.")
        let s3 = F.statement("B", document: "s.txt", index: 3, speaker: "Ms. B", text: "Third.")
        let other = F.statement("A", document: "u.txt", index: 2, speaker: "Mr. A", text: "Elsewhere.")
        let e = Evaluation(gold: gold, ruleIDs: ["r1", "r2"], statements: [s0, s1, s2, s3, other],
                           findings: [F.finding(s0, "r1"), F.finding(other, "r1"), F.finding(s3, "r2")])
        // r1: statement 2 missed (FN), Mr. A matched through statement 0 (TP), Ms. B (TN)
        // r2: statement 2 (TN), Mr. A (TN), Ms. B matched though the gold lists no rule (FP)
        XCTAssertEqual(e.scores.map(\.metrics), [
            Evaluation.Metrics(truePositives: 1, falseNegatives: 1, trueNegatives: 1),
            Evaluation.Metrics(falsePositives: 1, trueNegatives: 2),
        ])
        XCTAssertEqual(e.disagreements.map { "\($0.kind.rawValue) \($0.rule) \($0.subject)" }, [
            "false-negative r1 s.txt statement 2",
            "false-positive r2 Ms. B in s.txt",
        ])
        XCTAssertEqual(e.disagreements[0].statements, [s2])
        XCTAssertEqual(e.unmatchedSubjects, [.statement(document: "s.txt", index: 9), .statement(document: "t.txt", index: 0)])
    }

    // MARK: the bundled corpus

    func rules() -> [Rule] {
        let outcome = RuleLoader().load(path: Self.root.appendingPathComponent("Rules").path)
        XCTAssertEqual(outcome.diagnostics, [])
        return outcome.rules
    }

    /// A false positive of cites-resolution-2482 for France and a false negative for Belgium in the
    /// press release, located in the file: France's paragraph is line 23, and the sentence citing
    /// 2482 ("Top priorities remain ...") starts after 316 characters of it — counted in Unicode
    /// scalars, so "France’s" and the curly quotes count one each (UTF-8 bytes would give column 324).
    func testFalsePositiveAndFalseNegativeAreLocatedInThePressRelease() throws {
        let path = Self.root.appendingPathComponent(Self.pressRelease).path
        let loaded = try CorpusLoader().load(path).result.get()
        let auditor = Auditor(rules: rules())
        let gold = try GoldStandard.parseCSV("""
            document,delegation,kind,iso3,cites-resolution-2482
            \(Self.pressRelease),France,state,FRA,0
            \(Self.pressRelease),Belgium,state,BEL,1

            """, path: "gold.csv")
        let e = Evaluation(gold: gold, ruleIDs: auditor.ruleIDs, statements: loaded.statements, findings: auditor.findings(loaded.statements))
        XCTAssertEqual(e.scores.map(\.rule), ["cites-resolution-2482"])
        XCTAssertEqual(e.unscoredRules, auditor.ruleIDs.filter { $0 != "cites-resolution-2482" })
        XCTAssertEqual(e.scores[0].metrics, Evaluation.Metrics(falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(e.disagreements.map(\.kind), [.falsePositive, .falseNegative])

        let fp = e.disagreements[0]
        XCTAssertEqual(fp.subject, .delegation("France", document: Self.pressRelease))
        XCTAssertEqual(fp.findings.count, 1)
        let sentence = try XCTUnwrap(fp.findings.first?.sentence)
        XCTAssertTrue(sentence.hasPrefix("Top priorities remain the fight against financing terrorism"), sentence)
        XCTAssertEqual(fp.findings.first?.spans.map(\.by), ["citation 2482"])
        XCTAssertEqual(place(fp), "\(path):23:317")

        // the file itself, read here: line 23, column 317 is where that sentence starts
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line23 = lines[22]
        XCTAssertTrue(line23.hasPrefix("France’s representative said"))
        let fromColumn = String(String.UnicodeScalarView(line23.unicodeScalars.dropFirst(316)))
        XCTAssertTrue(fromColumn.hasPrefix(sentence))

        let fn = e.disagreements[1]
        XCTAssertEqual(fn.subject, .delegation("Belgium", document: Self.pressRelease))
        XCTAssertEqual(fn.statements.map(\.index), [7])
        XCTAssertTrue(fn.statements[0].text.hasPrefix("Belgium’s delegate said these links"))
        XCTAssertEqual(place(fn), "\(path):17:1")
        XCTAssertTrue(lines[16].hasPrefix("Belgium’s delegate said these links"))
    }

    /// In an S/PV record the text starts after the speaker header: "Mr. Djani (Indonesia): " is 23
    /// characters of line 11, so Indonesia's statement starts at column 24.
    func testFalseNegativeInAVerbatimRecordPointsAfterTheSpeakerHeader() throws {
        let path = Self.root.appendingPathComponent(Self.record8711).path
        let loaded = try CorpusLoader().load(path).result.get()
        let auditor = Auditor(rules: rules())
        let gold = try GoldStandard.parseCSV("""
            document,delegation,kind,iso3,cites-resolution-2482
            \(Self.record8711),Indonesia,state,IDN,1

            """, path: "gold.csv")
        let e = Evaluation(gold: gold, ruleIDs: auditor.ruleIDs, statements: loaded.statements, findings: auditor.findings(loaded.statements))
        XCTAssertEqual(e.scores.map(\.metrics), [Evaluation.Metrics(falseNegatives: 1)])
        let fn = try XCTUnwrap(e.disagreements.first)
        XCTAssertEqual(fn.statements.map(\.index), [5])
        XCTAssertEqual(place(fn), "\(path):11:24")
        let line11 = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")[10]
        XCTAssertTrue(line11.hasPrefix("Mr. Djani (Indonesia): I would like to thank"))
        XCTAssertTrue(fn.statements[0].text.hasPrefix("I would like to thank"))
    }
}

/// Locations in sources whose statement text is decoded from the file (HTML entities and markup,
/// JSON string escapes), where an offset in the text is not an offset in the file.
final class EvaluationDecodedSourceLocationTests: XCTestCase {
    func falsePositivePlace(_ path: String, delegation: String) throws -> String? {
        let loaded = try CorpusLoader().load(path).result.get()
        let outcome = RuleLoader().load(path: EvaluationTests.root.appendingPathComponent("Rules").path)
        let auditor = Auditor(rules: outcome.rules)
        let gold = try GoldStandard.parseCSV("delegation,kind,iso3,cites-resolution-2482\n\(delegation),state,,0\n", path: "gold.csv")
        let e = Evaluation(gold: gold, ruleIDs: auditor.ruleIDs, statements: loaded.statements, findings: auditor.findings(loaded.statements))
        XCTAssertEqual(e.disagreements.map(\.kind), [.falsePositive])
        return e.disagreements.first?.location.map { "\($0.line):\($0.column)" }
    }

    // Bug: SourceLocator adds the sentence's offset in the decoded text to a file offset, so after "&#160;" and other entities the column drifts (gives 261:26).
    func testFalsePositiveInTheHTMLPressReleaseIsLocatedAtItsSentence() throws {
        let path = EvaluationTests.root.appendingPathComponent("Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.html").path
        let line261 = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")[260]
        XCTAssertTrue(String(String.UnicodeScalarView(line261.unicodeScalars.dropFirst(42))).hasPrefix("Top priorities remain"))
        XCTAssertEqual(try falsePositivePlace(path, delegation: "France"), "261:43")
    }

    // Bug: with a JSON escape in the text the locator's probe is not found and the column counts from the start of the JSON line (gives 1:20).
    func testFalsePositiveInAJSONLinesCorpusIsLocatedAtItsSentence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-eval-jsonl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("corpus.jsonl").path
        // `{"delegation": "France", "text": "We say \"hi\" today. ` is 55 characters
        try Data(#"{"delegation": "France", "text": "We say \"hi\" today. We recall resolution 2482 (2019) and act."}"#.utf8 + [0x0A])
            .write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try falsePositivePlace(path, delegation: "France"), "1:56")
    }
}

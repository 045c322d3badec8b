import Foundation
import AttestTestSupport
import XCTest

/// `attest eval` end to end, on the bundled corpus, with gold written from the audit's own matrix.
final class EvalCommandTests: XCTestCase {
    static let pressRelease = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"
    static let corpus = [pressRelease, "Corpus/unsc-2020/S-PV-8711.txt", "Corpus/unsc-2020/S-PV-8715.txt"]

    var dir: URL!
    /// An empty project file, so that an `attest.yaml` at the package root does not apply.
    var noConfig: String!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        noConfig = try write("empty.yaml", "")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func attest(_ arguments: [String]) throws -> ProcessRunner.Run {
        try ProcessRunner.attest(arguments)
    }

    /// `attest eval` with the empty project file and the bundled corpus.
    func eval(_ arguments: [String], corpus: [String] = corpus) throws -> ProcessRunner.Run {
        try attest(["eval", "--config", noConfig] + arguments + corpus)
    }

    /// The audit's own matrix of the bundled corpus: a gold that agrees with the rules everywhere.
    func matrixGold() throws -> String {
        let r = try attest(["matrix"] + Self.corpus)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    /// The matrix with France's cites-resolution-2482 cell (line 7, column 18) turned from 1 to 0.
    func flippedGold() throws -> String {
        var lines = try matrixGold().components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("delegation,kind,iso3,cites-resolution-2482,"))
        XCTAssertTrue(lines[6].hasPrefix("France,state,FRA,1,"), lines[6])
        lines[6] = "France,state,FRA,0," + lines[6].dropFirst("France,state,FRA,1,".count)
        return lines.joined(separator: "\n")
    }

    /// The rows of the text table, rule id → its figures.
    func table(_ stdout: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in stdout.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 8, Int(fields[1]) != nil else { continue }
            rows[fields[0]] = Array(fields.dropFirst())
        }
        return rows
    }

    // MARK: scoring

    func testGoldEqualToTheMatrixScoresEveryRulePerfectly() throws {
        let gold = try matrixGold()
        let ruleIDs = gold.prefix { $0 != "\n" }.split(separator: ",").dropFirst(3).map(String.init)
        XCTAssertEqual(ruleIDs.count, 25)
        let path = try write("gold.csv", gold)
        let r = try eval(["--gold", path, "--min-f1", "1", "--min-precision", "1", "--min-recall", "1"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasPrefix("gold: \(path) (delegation level, 600 cells)\n"), r.stdout)
        let rows = table(r.stdout)
        XCTAssertEqual(Set(rows.keys), Set(ruleIDs + ["micro"]))
        for (rule, figures) in rows {
            XCTAssertEqual(Array(figures.suffix(3)), ["1.000", "1.000", "1.000"], rule)
            XCTAssertEqual(figures[1], "0", "\(rule) has false positives")
            XCTAssertEqual(figures[2], "0", "\(rule) has false negatives")
        }
        XCTAssertEqual(rows["micro"], ["118", "0", "0", "482", "1.000", "1.000", "1.000"])
        // cites-resolution-2462 matches nothing and the gold says nobody addressed it: all true negatives
        XCTAssertEqual(rows["cites-resolution-2462"], ["0", "0", "0", "24", "1.000", "1.000", "1.000"])
        XCTAssertFalse(r.stdout.contains("disagreements"))
        XCTAssertTrue(r.stdout.hasSuffix("\nPASS\n"), r.stdout)
    }

    func testOneFlippedCellFailsMinF1NamingTheRuleAndTheDelegation() throws {
        let path = try write("gold.csv", try flippedGold())
        let r = try eval(["--gold", path, "--min-f1", "1"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        // cites-resolution-2482: TP 4, FP 1 (France), TN 19: P 4/5, R 1, F1 8/9
        XCTAssertEqual(table(r.stdout)["cites-resolution-2482"], ["4", "1", "0", "19", "0.800", "1.000", "0.889"])
        // micro: TP 117, FP 1: P 117/118, F1 234/235
        XCTAssertEqual(table(r.stdout)["micro"], ["117", "1", "0", "482", "0.992", "1.000", "0.996"])
        XCTAssertTrue(r.stdout.contains("""
            disagreements (1):

            false-positive cites-resolution-2482: France (gold \(path):7:18)
              at \(Self.pressRelease):23:317
              matched: Top priorities remain the fight against financing terrorism
            """), r.stdout)
        XCTAssertTrue(r.stdout.contains("    fired: \"2482 (2019)\" by citation 2482 at Rules/unsc-2482/rules.yaml:"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("gate failed: overall (micro): F1 0.996 < 1.000\nFAIL (1 gate failed)\n"), r.stdout)
        XCTAssertEqual(r.stderr, "") // text format: the failures are on stdout only
    }

    func testDisagreementsWithoutGatesStillPass() throws {
        let path = try write("gold.csv", try flippedGold())
        let r = try eval(["--gold", path])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("false-positive cites-resolution-2482: France"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("\nPASS\n"), r.stdout)
    }

    func testStatementLevelGoldWithRelativePathsAgainstAnAbsoluteCorpusPath() throws {
        // statement 10 is France's paragraph, 7 Belgium's (see `attest statements`)
        let path = try write("gold.jsonl", """
            {"document": "\(Self.pressRelease)", "statement": 10, "rules": ["cites-resolution-2482", "references-human-rights-compliance"]}
            {"document": "\(Self.pressRelease)", "statement": 7, "rules": ["references-human-rights-compliance"]}

            """)
        let absolute = ProcessRunner.root.appendingPathComponent(Self.pressRelease).path
        let r = try eval(["--gold", path, "--min-f1", "1"], corpus: [absolute])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("gold: \(path) (statement level, 4 cells)\n"), r.stdout)
        XCTAssertEqual(table(r.stdout)["cites-resolution-2482"], ["1", "0", "0", "1", "1.000", "1.000", "1.000"])
        XCTAssertEqual(table(r.stdout)["references-human-rights-compliance"], ["2", "0", "0", "0", "1.000", "1.000", "1.000"])
        XCTAssertTrue(r.stdout.contains("\nrules left unscored (not in the gold): cites-resolution-2396, "), r.stdout)
    }

    // MARK: formats

    func testFormatsExitZeroWhenGatesPassAndOneWhenTheyFail() throws {
        let good = try write("good.csv", try matrixGold())
        let bad = try write("bad.csv", try flippedGold())
        for format in ["text", "markdown", "json", "junit", "sarif"] {
            let pass = try eval(["--gold", good, "--min-f1", "1", "--format", format])
            XCTAssertEqual(pass.status, 0, "\(format): \(pass.stderr)")
            XCTAssertEqual(pass.stderr, "", format)
            let fail = try eval(["--gold", bad, "--min-f1", "1", "--format", format])
            XCTAssertEqual(fail.status, 1, "\(format): \(fail.stderr)")
            if format != "text" {
                XCTAssertEqual(fail.stderr, "attest: gate failed: overall (micro): F1 0.996 < 1.000\n", format)
            }
        }
    }

    func testJSONAndSARIFOutputs() throws {
        let bad = try write("bad.csv", try flippedGold())
        let json = try eval(["--gold", bad, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((o["rules"] as? [String: Any])?.count, 25)
        XCTAssertEqual((o["verdict"] as? [String: Any])?["passed"] as? Bool, true)
        let d = try XCTUnwrap((o["disagreements"] as? [[String: Any]])?.first)
        XCTAssertEqual(d["subject"] as? String, "France")
        XCTAssertEqual(d["rule"] as? String, "cites-resolution-2482")

        let sarif = try eval(["--gold", bad, "--format", "sarif"])
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        let s = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(s["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((s["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "attest")
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 1)
        let physical = try XCTUnwrap(((results[0]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, Self.pressRelease)
        XCTAssertEqual(physical["region"] as? [String: Int], ["startLine": 23, "startColumn": 317])
    }

    func testJUnitFailsTheRuleThatFailedAGate() throws {
        let bad = try write("bad.csv", try flippedGold())
        let config = try write("attest.yaml", "rules:\n  cites-resolution-2482: {precision: 1}\n")
        let r = try attest(["eval", "--config", config, "--gold", bad, "--format", "junit"] + Self.corpus)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "attest: gate failed: cites-resolution-2482: precision 0.800 < 1.000\n")
        XCTAssertEqual(r.stdout.components(separatedBy: "<testcase ").count - 1, 26, "25 rules and the overall gate")
        XCTAssertEqual(r.stdout.components(separatedBy: "<failure ").count - 1, 1)
        XCTAssertTrue(r.stdout.contains("<testsuites name=\"attest eval\" tests=\"26\" failures=\"1\">"), r.stdout)
        XCTAssertTrue(r.stdout.contains("<failure message=\"cites-resolution-2482: precision 0.800 &lt; 1.000\">false-positive France at \(Self.pressRelease):23:317</failure>"), r.stdout)
    }

    // MARK: baselines

    func testBaselineRegressionFailsAndImprovementIsANote() throws {
        let good = try write("good.csv", try matrixGold())
        let bad = try write("bad.csv", try flippedGold())
        let goodBaseline = dir.appendingPathComponent("good-baseline.json").path
        let badBaseline = dir.appendingPathComponent("bad-baseline.json").path

        let w1 = try eval(["--gold", good, "--write-baseline", goodBaseline])
        XCTAssertEqual(w1.status, 0, w1.stderr)
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: goodBaseline))) as? [String: Any])
        let rules = try XCTUnwrap(written["rules"] as? [String: [String: Double]])
        XCTAssertEqual(rules.count, 25)
        XCTAssertEqual(rules["cites-resolution-2482"], ["precision": 1, "recall": 1, "f1": 1])
        let w2 = try eval(["--gold", bad, "--write-baseline", badBaseline])
        XCTAssertEqual(w2.status, 0, w2.stderr)

        let regression = try eval(["--gold", bad, "--baseline", goodBaseline])
        XCTAssertEqual(regression.status, 1, regression.stdout + regression.stderr)
        XCTAssertTrue(regression.stdout.hasSuffix("gate failed: cites-resolution-2482: F1 dropped from 1.000 to 0.889\nFAIL (1 gate failed)\n"), regression.stdout)

        let improvement = try eval(["--gold", good, "--baseline", badBaseline])
        XCTAssertEqual(improvement.status, 0, improvement.stdout + improvement.stderr)
        XCTAssertTrue(improvement.stdout.hasSuffix("note: cites-resolution-2482: F1 improved from 0.889 to 1.000\nPASS\n"), improvement.stdout)
    }

    func testMissingBaselineIsAUsageError() throws {
        let good = try write("good.csv", try matrixGold())
        let r = try eval(["--gold", good, "--baseline", dir.appendingPathComponent("none.json").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("attest: \(dir.appendingPathComponent("none.json").path): cannot read baseline"), r.stderr)
    }

    // MARK: coverage gates

    /// States with text in the bundled corpus that never cite resolution 2482 (France, Indonesia
    /// and the United States do; ASEAN and the UN entities are not States).
    static let statesNotCiting2482 = [
        "Belgium", "China", "Dominican Republic", "Estonia", "Germany", "Iran (Islamic Republic of)", "Niger",
        "Russian Federation", "Saint Vincent and the Grenadines", "South Africa", "Syrian Arab Republic", "Tunisia",
        "Türkiye", "United Kingdom of Great Britain and Northern Ireland", "Viet Nam",
    ]

    func testRequireListsTheStatesThatDidNotAddressTheRule() throws {
        let gold = try matrixGold()
        // the same list, read from the matrix: States whose cites-resolution-2482 cell is 0
        var fromMatrix: [String] = []
        for row in gold.split(separator: "\n").dropFirst() {
            let fields: [String] = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let kind = fields[fields.count - 27], cell = fields[fields.count - 25]
            if kind == "state" && cell == "0" { fromMatrix.append(fields.dropLast(27).joined(separator: ",")) }
        }
        XCTAssertEqual(fromMatrix, Self.statesNotCiting2482)
        let path = try write("gold.csv", gold)
        let r = try eval(["--gold", path, "--require", "cites-resolution-2482"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("""
            gate failed: cites-resolution-2482: required of every State with text; not addressed by \
            \(Self.statesNotCiting2482.joined(separator: ", "))
            FAIL (1 gate failed)

            """), r.stdout)
    }

    func testRequireFromTheProjectFile() throws {
        let path = try write("gold.csv", try matrixGold())
        let config = try write("attest.yaml", "require: [cites-resolution-2482]\n")
        let r = try attest(["eval", "--config", config, "--gold", path, "--format", "json"] + Self.corpus)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "attest: gate failed: cites-resolution-2482: required of every State with text; not addressed by "
                       + Self.statesNotCiting2482.joined(separator: ", ") + "\n")
    }

    func testRequireOfAnUnknownRuleIsAUsageError() throws {
        let path = try write("gold.csv", try matrixGold())
        let r = try eval(["--gold", path, "--require", "no-such-rule"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "attest: --require no-such-rule: no such rule in Rules\n")
    }

    // MARK: usage and configuration errors

    func testMalformedGoldIsAUsageErrorWithItsPlace() throws {
        var lines = try matrixGold().components(separatedBy: "\n")
        lines[6] = "France,state,FRA,yes," + lines[6].dropFirst("France,state,FRA,1,".count)
        let path = try write("gold.csv", lines.joined(separator: "\n"))
        let r = try eval(["--gold", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "\(path):7:18: error: cell 'yes' for cites-resolution-2482; expected 1, 0 or empty\n")
    }

    func testGoldOfAnUnknownFormatIsAUsageError() throws {
        let path = try write("gold.txt", "delegation,kind,iso3,cites-resolution-2482\n")
        let r = try eval(["--gold", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(path):1:1: error: unknown gold format '.txt'; expected .csv, .yaml or .jsonl\n")
    }

    func testInvalidProjectFileIsAUsageError() throws {
        let gold = try write("gold.csv", try matrixGold())
        let config = try write("attest.yaml", "thresholds: {precision: 0.8, f2: 0.5}\n")
        let r = try attest(["eval", "--config", config, "--gold", gold] + Self.corpus)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "\(config):1:30: error: unknown key 'f2'; allowed: precision, recall, f1\n")

        let outOfRange = try write("range.yaml", "thresholds:\n  f1: 1.5\n")
        let r2 = try attest(["eval", "--config", outOfRange, "--gold", gold] + Self.corpus)
        XCTAssertEqual(r2.status, 2)
        XCTAssertEqual(r2.stderr, "\(outOfRange):2:7: error: 'f1' must be a number from 0 to 1\n")
    }

    func testProjectFileThresholdsApplyAndFlagsOverrideThem() throws {
        let bad = try write("bad.csv", try flippedGold())
        let strict = try write("strict.yaml", "thresholds: {f1: 1}\n")
        let r = try attest(["eval", "--config", strict, "--gold", bad] + Self.corpus)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("gate failed: overall (micro): F1 0.996 < 1.000"), r.stdout)
        let relaxed = try attest(["eval", "--config", strict, "--gold", bad, "--min-f1", "0.99"] + Self.corpus)
        XCTAssertEqual(relaxed.status, 0, relaxed.stdout + relaxed.stderr)
    }

    // MARK: finding-level gold

    /// Two findings of the bundled corpus's audit, one labelled right and one wrong: precision 0.5.
    func halfRightSample() throws -> String {
        let out = dir.appendingPathComponent("audit")
        let a = try attest(["audit", "--out", out.path] + Self.corpus)
        XCTAssertEqual(a.status, 0, a.stderr)
        let lines = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8).split(separator: "\n")
        let findings = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            .filter { $0["rule"] as? String == "cites-resolution-2482" }
        XCTAssertGreaterThanOrEqual(findings.count, 2)
        let sample = try findings.prefix(2).enumerated().map { i, f -> String in
            let object: [String: Any] = ["document": try XCTUnwrap(f["document"]), "statement": try XCTUnwrap(f["statement"]),
                                         "rule": "cites-resolution-2482", "sentence_start": try XCTUnwrap(f["sentence_start"]),
                                         "label": i == 0 ? "right" : "wrong", "reason": "test"]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        return try write("sample.jsonl", sample.joined(separator: "\n") + "\n")
    }

    func testSamplePrecisionGateFromTheFlagAndTheProjectFile() throws {
        let sample = try halfRightSample()
        let strict = try eval(["--gold", sample, "--min-sample-precision", "0.9"])
        XCTAssertEqual(strict.status, 1, strict.stdout + strict.stderr)
        XCTAssertTrue(strict.stdout.contains("gate failed: cites-resolution-2482: precision 0.500 < 0.900 (1/2 right)"), strict.stdout)
        let row = try XCTUnwrap(strict.stdout.split(separator: "\n").first { $0.hasPrefix("cites-resolution-2482 ") })
        XCTAssertEqual(row.split(separator: " ").map(String.init).suffix(3), ["0.900", "-", "FAIL"])
        XCTAssertEqual(try eval(["--gold", sample, "--min-sample-precision", "0.5"]).status, 0)
        // attest.yaml: `sample: precision` for every rule, a rule's own mapping in its place; the flag overrides the former
        let config = try write("sample.yaml", "sample:\n  precision: 0.9\n  rules:\n    cites-resolution-2482: {precision: 0.5, lower_bound: 0.05}\n")
        let fromFile = try attest(["eval", "--config", config, "--gold", sample, "--format", "json"] + Self.corpus)
        XCTAssertEqual(fromFile.status, 0, fromFile.stdout + fromFile.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        let rule = try XCTUnwrap((object["rules"] as? [String: [String: Any]])?["cites-resolution-2482"])
        let gate = try XCTUnwrap(rule["gate"] as? [String: Any])
        XCTAssertEqual(gate["passed"] as? Bool, true)
        XCTAssertEqual(gate["min_precision"] as? Double, 0.5)
        XCTAssertEqual(gate["min_lower95"] as? Double, 0.05)
        XCTAssertEqual(rule["labelled"] as? Int, 2)
        let global = try write("global.yaml", "sample: {precision: 0.9}\n")
        XCTAssertEqual(try attest(["eval", "--config", global, "--gold", sample] + Self.corpus).status, 1)
        XCTAssertEqual(try attest(["eval", "--config", global, "--gold", sample, "--min-sample-precision", "0.4"] + Self.corpus).status, 0)
    }

    func testSampleGatesOnStatementLevelGoldAreAUsageError() throws {
        let gold = try write("gold.csv", try matrixGold())
        for flag in ["--min-sample-precision", "--min-lower-bound"] {
            let r = try eval(["--gold", gold, flag, "0.9"])
            XCTAssertEqual(r.status, 2, flag)
            XCTAssertTrue(r.stderr.contains("are for a labelled sample of findings"), r.stderr)
        }
        let out = try eval(["--gold", gold, "--min-sample-precision", "1.5"])
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.hasPrefix("Error: --min-sample-precision must be between 0 and 1\n"), out.stderr)
    }

    func testThresholdOutsideZeroToOneIsAUsageError() throws {
        let gold = try write("gold.csv", try matrixGold())
        let r = try eval(["--gold", gold, "--min-f1", "2"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("Error: --min-f1 must be between 0 and 1\n"), r.stderr)
    }
}

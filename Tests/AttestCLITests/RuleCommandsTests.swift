import Foundation
import AttestTestSupport
import XCTest

/// `attest validate`, `attest test` and `attest explain`, run as a user runs them.
final class RuleCommandsTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testValidateShippedRulesIsClean() throws {
        let r = try ProcessRunner.attest(["validate", "Rules"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("2 packs, "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix(" claim rules: 0 errors, 0 warnings\n"), r.stderr)
    }

    func testValidateReportsEveryProblemOfTwoBrokenFilesInOneRun() throws {
        let a = try write("a.yaml", "pack:\n  id: a\n  title: A\n  version: \"1\"\nrules:\n  - id: r1\n    title: R\n    match:\n      phrse: x\n")
        let b = try write("b.yaml", "pack:\n  id: b\n  title: B\n  version: \"1\"\nrules:\n  - id: r2\n    title: R\n    severity: fatal\n    match: x\n")
        let r = try ProcessRunner.attest(["validate", a, b])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, """
            \(a):9:7: error: unknown match operator 'phrse'; expected one of: phrase, any, terms, vocabulary, lemma, all, not, near, citation, regex
            \(b):8:15: error: invalid severity 'fatal'; allowed: error, warning, info

            """)
        XCTAssertEqual(r.stderr, "0 packs, 0 rules: 2 errors, 0 warnings\n")
    }

    func testValidateWarningsDoNotFail() throws {
        let a = try write("a.yaml", "pack:\n  id: a\n  title: A\n  version: \"1\"\nrules:\n  - id: r1\n    title: R\n    match: x\n")
        let r = try ProcessRunner.attest(["validate", a])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "\(a):6:5: warning: rule 'r1' has no examples; 'attest test' cannot check it\n")
    }

    func testTestPassesOnTheShippedPack() throws {
        let r = try ProcessRunner.attest(["test"])
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.contains("PASS cites-resolution-2482 ("))
        XCTAssertTrue(r.stdout.split(separator: "\n").last!.hasSuffix(" failed"))
        XCTAssertTrue(r.stdout.contains(", 0 failed\n"))
    }

    func testTestReportsEveryFailureAndExitsOne() throws {
        let pack = try write("p.yaml", """
            pack:
              id: p
              title: P
              version: "1"
            rules:
              - id: says-terrorism
                title: T
                match: terrorism
                examples:
                  match: ["We fight terrorism.", "We fight crime.", "[[Counter]]-terrorism works."]
                  no_match: ["Peace.", "Terrorism again."]
              - id: fine
                title: F
                match: peace
                examples:
                  match: ["Peace."]
                  no_match: ["War."]

            """)
        let r = try ProcessRunner.attest(["test", pack])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, """
            FAIL says-terrorism (2/5 examples)
              \(pack):10:38: should match: "We fight crime."
                nothing matched
              \(pack):10:57: should match: "Counter-terrorism works."
                matched "terrorism" (phrase "terrorism" at \(pack):8:12), but nothing inside [[Counter]]
              \(pack):11:28: should not match: "Terrorism again."
                matched "Terrorism" (phrase "terrorism" at \(pack):8:12)
            PASS fine (2/2 examples)
            2 rules, 7 examples: 4 passed, 3 failed (in 1 rule)

            """)
        let junit = try ProcessRunner.attest(["test", "--format", "junit", pack])
        XCTAssertEqual(junit.status, 1)
        XCTAssertTrue(junit.stdout.contains(#"<testsuites name="attest test" tests="2" failures="1">"#))
        XCTAssertTrue(junit.stdout.contains(#"<testcase classname="p" name="fine" file="\#(pack)" line="12"/>"#))
        XCTAssertTrue(junit.stdout.contains(#"<failure message="3 of 5 examples failed">"#))
        XCTAssertTrue(junit.stdout.contains("&quot;We fight crime.&quot;"))
    }

    func testTestOnInvalidPackExitsTwo() throws {
        let pack = try write("p.yaml", "pack: [1]\n")
        let r = try ProcessRunner.attest(["test", pack])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(pack):1:7: error: expected the pack's header (id, title, version)\n")
    }

    func testExplainShowsTheTreeForTheBundledPressRelease() throws {
        let r = try ProcessRunner.attest(["explain", "--rule", "cites-resolution-2482",
                                "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("rule cites-resolution-2482: "))
        XCTAssertTrue(r.stdout.contains("#3 line 9, 2020-08-06: Ghada Fathi Waly (United Nations Office on Drugs and Crime) [un-entity]"), r.stdout)
        XCTAssertTrue(r.stdout.contains("→ \"2482 (2019)\""))
        XCTAssertTrue(r.stdout.hasSuffix("\n5 statements matched\n"), r.stdout)
    }

    func testExplainOneStatementShowsEverySentence() throws {
        let r = try ProcessRunner.attest(["explain", "--rule", "cites-resolution-2482", "--statement", "7",
                                "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("#7 line 17, 2020-08-06: Belgium’s delegate (Belgium) [state]"))
        XCTAssertTrue(r.stdout.contains("  no match ["))
        XCTAssertTrue(r.stdout.hasSuffix("\n0 statements matched\n"))
    }

    // explain showed no dates: a statement of an S/PV record carries its meeting's date (from
    // Facts/meetings.csv), one of a dataset without dates carries none
    func testExplainShowsTheStatementsDateWhenKnown() throws {
        let record = try ProcessRunner.attest(["explain", "--rule", "charter-sovereignty-non-interference", "--statement", "1",
                                               "Corpus/unsc-2020/S-PV-8715.txt"])
        XCTAssertEqual(record.status, 0, record.stderr)
        XCTAssertTrue(record.stdout.contains("\nCorpus/unsc-2020/S-PV-8715.txt #1 line 3, 2020-02-06: Mr. Pedersen ("), record.stdout)
        let dir = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = dir.appendingPathComponent("d.jsonl")
        try #"{"delegation": "France", "text": "We recall resolution 2482 (2019)."}"#.appending("\n").write(to: dataset, atomically: true, encoding: .utf8)
        let undated = try ProcessRunner.attest(["explain", "--rule", "cites-resolution-2482", dataset.path])
        XCTAssertEqual(undated.status, 0, undated.stderr)
        XCTAssertTrue(undated.stdout.contains("\n\(dataset.path) #0 line 1: (France) [state]\n"), undated.stdout)
    }

    func testExplainUnknownRuleOrStatement() throws {
        let file = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"
        let r = try ProcessRunner.attest(["explain", "--rule", "no-such-rule", file])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("attest: no rule 'no-such-rule' in Rules; rules: "), r.stderr)
        let s = try ProcessRunner.attest(["explain", "--rule", "cites-resolution-2482", "--statement", "99", file])
        XCTAssertEqual(s.status, 2)
        XCTAssertEqual(s.stderr, "attest: \(file) has 23 statements (0–22); no statement 99\n")
    }

    /// The example pack at the top of docs/rules.md is valid and its examples pass, so the reference cannot drift.
    func testTheDocumentedExamplePackWorks() throws {
        let doc = try String(contentsOf: ProcessRunner.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let start = try XCTUnwrap(doc.range(of: "```yaml\n"))
        let end = try XCTUnwrap(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let pack = try write("doc.yaml", String(doc[start.upperBound..<end.lowerBound]))
        let validate = try ProcessRunner.attest(["validate", pack])
        XCTAssertEqual(validate.status, 0, validate.stdout + validate.stderr)
        XCTAssertEqual(validate.stdout, "")
        let test = try ProcessRunner.attest(["test", pack])
        XCTAssertEqual(test.status, 0, test.stdout)
        XCTAssertTrue(test.stdout.contains(": 6 passed, 0 failed"), test.stdout)
    }
}

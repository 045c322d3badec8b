import Foundation
import AttestTestSupport
import XCTest

/// The silent traps an analyst met at year scale (issue 17), each run as a user runs it.
final class AnalystTrapsTests: XCTestCase {
    static let corpus = TestFiles.bundledCorpus
    static let ukCanonical = "United Kingdom of Great Britain and Northern Ireland"

    var dir: URL!

    override func setUpWithError() throws {
        dir = try TestFiles.temporaryDirectory("attest-traps")
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

    /// A pack of one rule whose match is `regexLine` (written as it would be in the file).
    func pack(regex regexLine: String) -> String {
        """
        pack:
          id: p
          title: P
          version: "1"
        rules:
          - id: r1
            title: R
            match:
              \(regexLine)
            examples:
              match: ["The school was attacked in resolution 2020."]
              no_match: ["Nothing here."]

        """
    }

    // MARK: gold names

    /// The audit's own matrix with the United Kingdom's row renamed "United Kingdom" (the
    /// records' own alias) and, when `flip`, its first rule cell turned over.
    func ukGold(flip: Bool) throws -> (gold: String, flippedTo: String) {
        let matrix = try ProcessRunner.attest(["matrix"] + Self.corpus)
        XCTAssertEqual(matrix.status, 0, matrix.stderr)
        var lines = matrix.stdout.components(separatedBy: "\n")
        let prefix = "\(Self.ukCanonical),state,GBR,"
        let i = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(prefix) }, "the bundled corpus has the United Kingdom")
        var cells = lines[i].dropFirst(prefix.count).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if flip { cells[0] = cells[0] == "1" ? "0" : "1" }
        lines[i] = "United Kingdom,state,GBR," + cells.joined(separator: ",")
        return (lines.joined(separator: "\n"), cells[0])
    }

    // A gold CSV naming "United Kingdom" was ignored ("nothing in the corpus") and the gate passed with exit 0
    func testGoldNamesResolveThroughTheGazetteerLikeStatementHeaders() throws {
        let config = try write("empty.yaml", "")
        let agreeing = try write("agree.csv", try ukGold(flip: false).gold)
        let pass = try ProcessRunner.attest(["eval", "--config", config, "--gold", agreeing, "--min-f1", "1"] + Self.corpus)
        XCTAssertEqual(pass.status, 0, pass.output)
        XCTAssertFalse(pass.output.contains("nothing in the corpus"), pass.output)

        let flipped = try write("flip.csv", try ukGold(flip: true).gold)
        let fail = try ProcessRunner.attest(["eval", "--config", config, "--gold", flipped, "--min-f1", "1"] + Self.corpus)
        XCTAssertEqual(fail.status, 1, "the UK's cell is scored, so the flipped cell fails the gate:\n\(fail.output)")
        XCTAssertTrue(fail.stdout.contains(Self.ukCanonical), fail.stdout)
    }

    func testAnUnresolvedGoldDelegationIsAnErrorAtItsPlace() throws {
        let matrix = try ProcessRunner.attest(["matrix"] + Self.corpus)
        var lines = matrix.stdout.components(separatedBy: "\n")
        lines.insert("Atlantis,state,,1" + String(repeating: ",", count: lines[0].split(separator: ",").count - 4), at: 3)
        let gold = try write("gold.csv", lines.joined(separator: "\n"))
        let r = try ProcessRunner.attest(["eval", "--gold", gold] + Self.corpus)
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stderr.contains("\(gold):4:1: error: gold delegation 'Atlantis' is neither a delegation of the audited documents"),
                      r.stderr)
    }

    // MARK: regexes in double quotes

    // regex: "\bschool\b" passed validate and could never match: YAML turned \b into a backspace
    func testValidateFlagsAControlCharacterInARegexWithTheSingleQuoteHint() throws {
        let file = try write("p.yaml", pack(regex: #"regex: "\bschool\b""#))
        let r = try ProcessRunner.attest(["validate", file])
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stdout.contains("\(file):9:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("error: regex holds U+0008 (a backspace"), r.stdout)
        XCTAssertTrue(r.stdout.contains("write regexes in single quotes (regex: '\\bschool\\b')"), r.stdout)

        let fixed = try write("q.yaml", pack(regex: #"regex: '\bschool\b'"#))
        let ok = try ProcessRunner.attest(["validate", fixed])
        XCTAssertEqual(ok.status, 0, ok.output)
        XCTAssertEqual(ok.stdout, "")
    }

    // regex: "resolution \d{4}" failed with "found unknown escape character" and no hint
    func testAnUnknownEscapeInADoubleQuotedRegexGetsTheSameHint() throws {
        let file = try write("p.yaml", pack(regex: #"regex: "resolution \d{4}""#))
        let r = try ProcessRunner.attest(["validate", file])
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stdout.contains("\(file):9:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("found unknown escape character"), r.stdout)
        XCTAssertTrue(r.stdout.contains("a regex in double quotes? write regexes in single quotes"), r.stdout)
    }

    func testTheRulesReferenceWritesEveryRegexInSingleQuotes() throws {
        let doc = try String(contentsOf: TestFiles.url("docs/rules.md"), encoding: .utf8)
        let regexLines = doc.split(separator: "\n").filter { $0.contains("regex: ") && !$0.contains("regex: \"\\b") && !$0.contains("regex: \"resolution") }
        XCTAssertFalse(regexLines.isEmpty)
        for line in regexLines {
            XCTAssertFalse(line.contains("regex: \""), "a double-quoted regex in docs/rules.md: \(line)")
        }
        XCTAssertTrue(doc.contains("- regex: '\\bschool\\b'"))
    }

    // MARK: --rules everywhere

    // attest validate --rules X and attest test --rules X were refused ("Unknown option")
    func testValidateAndTestTakeRulesLikeEveryOtherCommand() throws {
        let v = try ProcessRunner.attest(["validate", "--rules", "Rules"])
        XCTAssertEqual(v.status, 0, v.output)
        XCTAssertTrue(v.stderr.hasPrefix("2 packs, "), v.stderr)
        let t = try ProcessRunner.attest(["test", "--rules", "Rules/unsc-2482"])
        XCTAssertEqual(t.status, 0, t.output)
        XCTAssertTrue(t.stdout.contains(", 0 failed\n"), t.stdout)
        let broken = try write("p.yaml", "pack: [1]\n")
        XCTAssertEqual(try ProcessRunner.attest(["test", "--rules", broken]).status, 2, "--rules really is read")
    }

    // Run from outside the project: "Rules:1:1: error: no such file or directory", no hint to pass --rules
    func testOutsideTheProjectAMissingRulesDirectorySaysToPassRules() throws {
        for command in [["audit", TestFiles.url(Self.corpus[0]).path], ["validate"], ["test"]] {
            let r = try ProcessRunner.attest(command, in: dir)
            XCTAssertEqual(r.status, 2, "\(command): \(r.output)")
            XCTAssertTrue(r.stderr.contains("attest: no Rules directory in "), "\(command): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("pass --rules PATH"), "\(command): \(r.stderr)")
        }
        let r = try ProcessRunner.attest(["audit", "--rules", TestFiles.url("Rules").path, TestFiles.url(Self.corpus[0]).path], in: dir)
        XCTAssertEqual(r.status, 0, r.output)
    }

    // MARK: --out

    func testAuditOutPrintsOneLineOfWhatWasWrittenWhere() throws {
        let out = dir.appendingPathComponent("out")
        let r = try ProcessRunner.attest(["audit", "--out", out.path] + Self.corpus)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertEqual(r.stdout, "")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("attest: note: ") }
        XCTAssertEqual(lines, ["attest: wrote 9 reports to \(out.path): audit.md, audit.html, matrix.csv, matrix.json, findings.jsonl, matrix.xlsx, claims.csv, claims.jsonl, claimreview.jsonld"])
    }

    // --out into a folder holding an input called findings.jsonl exited 2 after writing four of the six reports
    func testOutIntoAFolderHoldingAnInputNamedLikeAReportWritesNothing() throws {
        let input = dir.appendingPathComponent("findings.jsonl")
        try "{\"speaker\": \"France\", \"text\": \"We recall resolution 2482 (2019).\"}\n".write(to: input, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.attest(["audit", "--input", "jsonl", "--out", dir.path, input.path])
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stderr.contains("\(input.path): is an input file; refusing to overwrite it"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["findings.jsonl"], "no report was written")
    }

    // MARK: explain, match --help, README

    func testExplainTakesSeveralFiles() throws {
        let r = try ProcessRunner.attest(["explain", "--rule", "references-human-rights-compliance"] + Self.corpus)
        XCTAssertEqual(r.status, 0, r.output)
        for file in Self.corpus {
            XCTAssertTrue(r.stdout.contains("\n\(file) #"), "explain shows statements of \(file)")
        }
    }

    // match --help said blocks of "about 1 MB" where the README and MatchPipeline.pieceSize say 256 KB
    func testMatchHelpAndTheREADMEGiveTheRealBlockSize() throws {
        let pipeline = try String(contentsOf: TestFiles.url("Sources/AttestStreaming/MatchPipeline.swift"), encoding: .utf8)
        XCTAssertTrue(pipeline.contains("public var pieceSize = 256 << 10"), "the figure below follows MatchPipeline.pieceSize")
        let help = try ProcessRunner.attest(["match", "--help"])
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("about 256 KB"), help.stdout)
        XCTAssertFalse(flat.contains("1 MB"), help.stdout)
        let readme = try String(contentsOf: TestFiles.url("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("about 256 KB"))
    }

    func testTheQuickStartSaysHowToInstall() throws {
        let readme = try String(contentsOf: TestFiles.url("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "## Quick start"))
        let end = try XCTUnwrap(readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex))
        let quickStart = readme[start.upperBound..<end.lowerBound]
        for needed in ["swift build -c release", ".build/release/attest", "PATH", "Attest_AttestCorpus.resources"] {
            XCTAssertTrue(quickStart.contains(needed), "the quick start does not say \(needed)")
        }
    }
}

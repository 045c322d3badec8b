import Foundation
import AttestTestSupport
import XCTest

/// `attest audit --out` and `attest matrix`: the report files, grouping, safety.
final class AuditOutTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func read(_ name: String, in out: URL) throws -> String {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
    }

    /// A dataset whose statements try to break every format.
    func hostileDataset() throws -> String {
        let lines = [
            #"{"id": "h1", "speaker": "Mr. X", "delegation": "France", "text": "We recall resolution 2482 (2019) <script>alert(1)</script> | pipes | and =HYPERLINK(\"http://evil\",\"x\")."}"#,
            #"{"id": "h2", "speaker": "=cmd|' /C calc'!A0", "delegation": "=HYPERLINK(\"http://evil\",\"x\")", "kind": "civil-society", "text": "Resolution 2482 (2019) matters.\u0001\u0007 </script><script>alert(2)</script>"}"#,
            #"{"id": "h3", "speaker": "Ms. Y", "delegation": "-1+2", "kind": "civil-society", "text": "@SUM(1) nothing here"}"#,
        ]
        let url = dir.appendingPathComponent("hostile.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testHostileTextIsEscapedInEveryFormat() throws {
        let out = dir.appendingPathComponent("out")
        let r = try ProcessRunner.attest(["audit", "--out", out.path, try hostileDataset()])
        XCTAssertEqual(r.status, 0, r.stderr)

        let csv = try read("matrix.csv", in: out)
        XCTAssertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",civil-society,"), csv)
        XCTAssertTrue(csv.contains("\n'-1+2,civil-society,"), csv)

        let md = try read("audit.md", in: out)
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\>"))
        XCTAssertTrue(md.contains("\\| pipes \\|"))

        let jsonl = try read("findings.jsonl", in: out)
        XCTAssertTrue(jsonl.contains(#"\u0001\u0007"#), "control characters are escaped in JSON")
        for line in jsonl.split(separator: "\n") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }

        let html = try read("audit.html", in: out)
        XCTAssertFalse(html.contains("<script>alert(1)"), "statement text never becomes markup")
        XCTAssertFalse(html.contains("</script><script>alert(2)"))

        let json = try read("matrix.json", in: out)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("matrix.xlsx").path))
    }

    func testByDocumentGivesARowPerDocumentAndDelegation() throws {
        let r = try ProcessRunner.attest(["matrix", "--by", "document"] + TestFiles.bundledCorpus)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("document,delegation,kind,iso3,cites-resolution-2482,"))
        let france = lines.filter { $0.contains(",France,state,FRA,") }
        XCTAssertEqual(france.count, 3, "France speaks in all three documents")
        XCTAssertEqual(r.stderr, "", "matrix prints only the matrix: no notes")
    }

    func testMatrixFormats() throws {
        for (format, prefix) in [("csv", "delegation,kind,iso3,"), ("tsv", "delegation\tkind\tiso3\t"), ("markdown", "| delegation | kind | iso3 |"), ("json", "{")] {
            let r = try ProcessRunner.attest(["matrix", "--format", format])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix(prefix), format)
        }
    }

    func testTimestampOnlyWhenAskedFor() throws {
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        XCTAssertEqual(try ProcessRunner.attest(["audit", "--out", a.path]).status, 0)
        XCTAssertEqual(try ProcessRunner.attest(["audit", "--out", b.path, "--timestamp"]).status, 0)
        XCTAssertFalse(try read("audit.md", in: a).contains("run at"))
        XCTAssertTrue(try read("audit.md", in: b).contains(", run at 20"))
    }

    func testNeverOverwritesAnInputFile() throws {
        let input = dir.appendingPathComponent("audit.md")
        let original = try String(contentsOfFile: ProcessRunner.root.appendingPathComponent(TestFiles.bundledCorpus[0]).path, encoding: .utf8)
        try original.write(to: input, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.attest(["audit", "--input", "press-release", "--out", dir.path, input.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(input.path): is an input file; refusing to overwrite it"), r.stderr)
        XCTAssertEqual(try String(contentsOf: input, encoding: .utf8), original)
    }

    // the check compared resolved paths: a hard link to an input under a report's name was not
    // seen as the input (rename(2) would have left the input's bytes alone, but a command that
    // refuses its input by one path must refuse it by every path); both links are now refused by
    // device and inode, as `eval --write-baseline` does
    func testNeverWritesOverAnInputThroughAHardOrSymbolicLink() throws {
        let elsewhere = try TestFiles.temporaryDirectory("attest-input")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let input = elsewhere.appendingPathComponent("release.txt")
        let original = try String(contentsOfFile: ProcessRunner.root.appendingPathComponent(TestFiles.bundledCorpus[0]).path, encoding: .utf8)
        try original.write(to: input, atomically: true, encoding: .utf8)
        for (name, link) in [("hard", { (at: String) in try FileManager.default.linkItem(atPath: input.path, toPath: at) }),
                             ("symbolic", { (at: String) in try FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: input.path) })] {
            let out = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try link(out.appendingPathComponent("matrix.csv").path)
            let r = try ProcessRunner.attest(["audit", "--input", "press-release", "--out", out.path, input.path])
            XCTAssertEqual(r.status, 2, "\(name): \(r.output)")
            XCTAssertTrue(r.stderr.contains("\(out.path)/matrix.csv: is an input file; refusing to overwrite it"), "\(name): \(r.stderr)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["matrix.csv"], "\(name): nothing was written")
            XCTAssertEqual(try String(contentsOf: input, encoding: .utf8), original)
        }
    }

    func testOutMustBeADirectory() throws {
        let file = dir.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.attest(["audit", "--out", file.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasSuffix("attest: \(file.path): exists and is not a directory\n"), r.stderr)
    }

    func testNoTemporaryFilesAreLeftBehind() throws {
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try ProcessRunner.attest(["audit", "--out", out.path]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "\(names)")
    }

    func testNoProgressLineWhenStderrIsNotATerminal() throws {
        let r = try ProcessRunner.attest(["matrix"] + TestFiles.bundledCorpus)
        XCTAssertFalse(r.stderr.contains("reading"))
        XCTAssertFalse(r.stderr.contains("\r"))
    }
}

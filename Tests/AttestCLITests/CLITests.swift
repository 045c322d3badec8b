import Foundation
import AttestTestSupport
import XCTest

/// End-to-end tests: the built `attest` binary, run as a user would run it from the package root.
final class CLITests: XCTestCase {
    static let root = ProcessRunner.root

    func attest(_ arguments: [String]) throws -> ProcessRunner.Run {
        try ProcessRunner.attest(arguments)
    }

    func testAuditWithNoArgumentsPrintsTheBundledMatrix() throws {
        let r = try attest(["audit"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "attest: note: rule 'cites-resolution-2462' matched nothing in the audited documents\n")
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first!.hasPrefix("delegation,kind,iso3,cites-resolution-2482,"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("Germany,state,DEU,,,") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("France,state,FRA,1,") })
        XCTAssertEqual(lines.count, 18)
    }

    func testAuditIsDeterministic() throws {
        let a = try attest(["audit", "--format", "json"])
        let b = try attest(["audit", "--format", "json"])
        XCTAssertEqual(a.stdout, b.stdout)
    }

    /// The bundled corpus whose reports are committed in Reports/ (see Corpus/README.md).
    static let bundledCorpus = [
        "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt",
        "Corpus/unsc-2020/S-PV-8711.txt",
        "Corpus/unsc-2020/S-PV-8715.txt",
    ]

    /// The committed reports in Reports/ are what the current code produces, byte for byte.
    /// Set UPDATE_GOLDENS=1 to rewrite them after an intended change.
    func testCommittedReportsAreUpToDate() throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("attest-reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let r = try attest(["audit", "--out", fresh.path] + Self.bundledCorpus)
        XCTAssertEqual(r.status, 0, r.stderr)
        let committed = Self.root.appendingPathComponent("Reports")
        let produced = try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted()
        XCTAssertEqual(produced, ["audit.html", "audit.md", "claimreview.jsonld", "claims.csv", "claims.jsonl", "findings.jsonl", "matrix.csv", "matrix.json",
                                  "matrix.xlsx"])
        for name in produced {
            try Golden.assertEqual(try Data(contentsOf: fresh.appendingPathComponent(name)), file: committed.appendingPathComponent(name),
                                   hint: "Reports/\(name): UPDATE_GOLDENS=1 swift test --filter testCommittedReportsAreUpToDate")
        }
    }

    func testAuditOutIsByteIdenticalAcrossRuns() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("attest-det-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        for run in ["a", "b"] {
            XCTAssertEqual(try attest(["audit", "--out", base.appendingPathComponent(run).path] + Self.bundledCorpus).status, 0)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("a").path) {
            XCTAssertEqual(try Data(contentsOf: base.appendingPathComponent("a/\(name)")), try Data(contentsOf: base.appendingPathComponent("b/\(name)")), name)
        }
    }

    func testStatementsJSONLines() throws {
        let r = try attest(["statements", "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 23)
        let indonesia = try XCTUnwrap(lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .first { $0["delegation"] as? String == "Indonesia" })
        XCTAssertEqual(indonesia["capacity"] as? String, "national")
        XCTAssertEqual(indonesia["iso3"] as? String, "IDN")
        XCTAssertEqual(indonesia["kind"] as? String, "state")
        XCTAssertEqual(indonesia["speaker"] as? String, "Retno L.P. Marsudi")
        XCTAssertNotNil(indonesia["start"] as? Int)
        XCTAssertTrue(indonesia["on_behalf_of"] is [Any])
        XCTAssertTrue(lines.contains { $0.contains(#""delegation":null"#) && $0.contains(#""kind":"narrative""#) })
    }

    func testStatementsTable() throws {
        let r = try attest(["statements", "--format", "table", "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("document\tindex\tdate\tspeaker\tdelegation\tkind\tiso3\tcapacity\ton_behalf_of\tattribution\ttext\n"))
        // the press release is dated by the date its file name starts with (it has no dateline with a year)
        XCTAssertTrue(r.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false)[2] == "2020-08-06" })
    }

    func testABrokenFileIsReportedAndTheOthersStillAudited() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x42, 0xFF, 0x0A]).write(to: bad)
        let missing = dir.appendingPathComponent("missing.txt").path
        let good = Self.root.appendingPathComponent("Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt").path
        let r = try attest(["audit", "--rules", Self.root.appendingPathComponent("Rules").path, bad.path, missing, good])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "attest: \(bad.path):1:2: not UTF-8 (invalid byte at offset 1)\nattest: \(missing): no such file\n"
                       + "attest: note: rule 'cites-resolution-2462' matched nothing in the audited documents\n")
        XCTAssertTrue(r.stdout.contains("France,state,FRA,1,"))
    }

    func testNothingReadableExitsTwo() throws {
        let r = try attest(["audit", "/nonexistent/a.txt", "/nonexistent/b.txt"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "attest: /nonexistent/a.txt: no such file\nattest: /nonexistent/b.txt: no such file\nattest: no input could be read\n")
        XCTAssertEqual(r.stdout, "")
    }

    func testInvalidRulesExitTwoWithTheirPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pack = dir.appendingPathComponent("bad.yaml")
        try "pack:\n  id: p\n  title: P\n  version: \"1\"\nrules:\n  - id: r\n    title: R\n    match:\n      phrse: x\n".write(to: pack, atomically: true, encoding: .utf8)
        let r = try attest(["audit", "--rules", dir.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("\(pack.path):9:7: error: unknown match operator 'phrse'"), r.stderr)
    }

    func testUsageErrorExitsTwo() throws {
        let r = try attest(["audit", "--format", "pdf"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("pdf"), r.stderr)
    }
}

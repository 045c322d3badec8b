import AttestTestSupport
import Foundation
import XCTest

/// `attest claims`: output files, the gold gate and its exit codes.
final class ClaimsCommandTests: XCTestCase {
    static let pressRelease = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"

    func testOutWritesTheClaimsFiles() throws {
        let out = try TestFiles.temporaryDirectory("attest-claims-out")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try ProcessRunner.attest(["claims", "--out", out.appendingPathComponent("r").path, Self.pressRelease])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("5 claims: 3 consistent, 0 contradicted, 2 unverifiable\n"), r.stdout)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("r").path).sorted()
        XCTAssertEqual(names, ["claimreview.jsonld", "claims.csv", "claims.jsonl"])
        let csv = try String(contentsOf: out.appendingPathComponent("r/claims.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("South Africa,self,member_of,fatf,positive,consistent,member"), csv)
    }

    func testGoldGateExitCodes() throws {
        // the records the claims gold covers, from the committed copy of the year's records
        let gold = try String(contentsOf: TestFiles.url("Corpus/gold/claims-2020.jsonl"), encoding: .utf8)
        let records = Set(gold.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #""document": "S-PV-[^"]+""#, options: .regularExpression) else { return nil }
            return String(line[r].dropFirst(13).dropLast())
        }).sorted()
        let files = [Self.pressRelease] + records.map { "Corpus/gold/records-2020/\($0)" }
        let pass = try ProcessRunner.attest(["claims", "--gold", "Corpus/gold/claims-2020.jsonl", "--min-detection-f1", "0.85",
                                             "--min-verdict-accuracy", "0.95"] + files)
        XCTAssertEqual(pass.status, 0, pass.stderr)
        XCTAssertTrue(pass.stdout.hasPrefix("claim detection: precision "), pass.stdout)
        let fail = try ProcessRunner.attest(["claims", "--gold", "Corpus/gold/claims-2020.jsonl", "--min-detection-f1", "0.999"] + files)
        XCTAssertEqual(fail.status, 1)
        XCTAssertTrue(fail.stderr.contains("attest: gate failed: detection F1"), fail.stderr)
    }

    func testBadFactsAndFlagsAreErrors() throws {
        let r = try ProcessRunner.attest(["claims", "--facts", "/nonexistent-facts", Self.pressRelease])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("/nonexistent-facts/instruments.csv:1:1: cannot read facts file"), r.stderr)
        XCTAssertEqual(try ProcessRunner.attest(["claims", "--min-detection-f1", "0.5", Self.pressRelease]).status, 2)
    }
}

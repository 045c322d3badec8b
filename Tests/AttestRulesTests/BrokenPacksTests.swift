import Foundation
import XCTest
@testable import AttestRules

/// Every broken pack in BrokenPacks/, loaded in one run, against the golden list of diagnostics.
final class BrokenPacksTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BrokenPacks")

    func testEveryProblemInEveryFileIsReportedInOneRun() throws {
        let outcome = RuleLoader().load(path: Self.directory.path)
        let all = outcome.validation
        let produced = all.map { $0.description.replacingOccurrences(of: Self.directory.path + "/", with: "") }.joined(separator: "\n") + "\n"
        let golden = Self.directory.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try produced.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        let e = expected.split(separator: "\n"), p = produced.split(separator: "\n")
        for (i, pair) in zip(e, p).enumerated() where pair.0 != pair.1 {
            XCTFail("line \(i + 1) differs:\n  expected: \(pair.0)\n  produced: \(pair.1)")
        }
        XCTAssertEqual(e.count, p.count, "expected \(e.count) diagnostics, produced \(p.count):\n\(produced)")
        // every file of the folder is reported
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".yaml") }
        for f in files {
            XCTAssertTrue(produced.contains(f + ":"), "\(f) produced no diagnostic")
        }
        XCTAssertTrue(outcome.packs.isEmpty || outcome.packs.allSatisfy { $0.id == "broken-duplicates" })
    }
}

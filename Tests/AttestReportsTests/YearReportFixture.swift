import AttestTestSupport
import Foundation
import XCTest

/// The reports of the whole year 2020: the built `attest audit --out` run over every record of
/// `../shared/corpus/unsc-2020/` (79 records, 161 delegation rows × 25 rules), written once per
/// test process and shared by the browser and workbook tests.
///
/// The directory is removed when the test process exits (`ATTEST_KEEP_YEAR=1` keeps it).
/// Skipped with a message when the corpus is absent (it lives beside the project, not in it),
/// unless `ATTEST_REQUIRE_TOOLS=1` makes that a failure.
enum YearReportFixture {
    static let corpus = ProcessRunner.root.appendingPathComponent("../shared/corpus/unsc-2020").standardizedFileURL

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The directory holding `audit.html`, `matrix.json`, `matrix.xlsx` ... of the year.
    static func directory() throws -> URL {
        try lock.withLock {
            if let cached { return try cached.get() }
            let result = Result { try generate() }
            cached = result
            return try result.get()
        }
    }

    /// The record files of the year, sorted.
    static func records() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        let records = names.filter { $0.hasPrefix("S-PV-") && $0.hasSuffix(".txt") }.sorted()
        guard !records.isEmpty else {
            let message = "the 2020 records are not at \(corpus.path) (../shared/corpus/unsc-2020 from the package root)"
            if ProcessInfo.processInfo.environment["ATTEST_REQUIRE_TOOLS"] == "1" { throw Missing(description: message) }
            throw XCTSkip(message)
        }
        return records.map { corpus.appendingPathComponent($0).path }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: Result<URL, any Error>?
    /// Removed when the test process exits, unless `ATTEST_KEEP_YEAR=1`.
    nonisolated(unsafe) private static var written: URL?

    private static func generate() throws -> URL {
        let records = try records()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("attest-year-\(UUID().uuidString)")
        if ProcessInfo.processInfo.environment["ATTEST_KEEP_YEAR"] != "1" {
            written = out
            atexit { if let dir = YearReportFixture.written { try? FileManager.default.removeItem(at: dir) } }
        }
        let run = try ProcessRunner.attest(["audit", "--out", out.path] + records, timeout: 900)
        guard run.status == 0, !run.timedOut else {
            throw Missing(description: "attest audit --out over \(records.count) records failed (status \(run.status)):\n\(run.output)")
        }
        return out
    }
}

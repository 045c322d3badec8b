import AttestAudit
import Foundation
import AttestTestSupport
import XCTest
@testable import AttestReports

/// Opens `audit.html` in a real headless Chromium through `Tests/Browser/check_heatmap.py` and
/// checks the rendered page against `matrix.json`: rows, cells, evidence, sorting, filtering,
/// console errors, and (for the hostile report) that no script of the data ran.
///
/// Needs `.venv-tools/bin/python` and Chromium (`bash .ci/setup-tools`); skipped without them,
/// unless `ATTEST_REQUIRE_TOOLS=1` (CI) makes their absence a failure. Set `ATTEST_BROWSER_OUT=DIR`
/// to keep the pages that were checked.
final class HTMLBrowserTests: XCTestCase {
    static let root = HTMLReportFixtures.root
    static let python = root.appendingPathComponent(".venv-tools/bin/python")
    static let checker = root.appendingPathComponent("Tests/Browser/check_heatmap.py")
    static let timeout: TimeInterval = 300

    struct ToolsMissing: Error, CustomStringConvertible {
        var description: String
    }

    func requireTools() throws {
        let missing = [Self.python.path, "/usr/bin/chromium", "/usr/bin/chromedriver"].filter {
            !FileManager.default.isExecutableFile(atPath: $0)
        }
        guard !missing.isEmpty else { return }
        let message = "missing \(missing.joined(separator: ", ")); run bash .ci/setup-tools"
        if ProcessInfo.processInfo.environment["ATTEST_REQUIRE_TOOLS"] == "1" { throw ToolsMissing(description: message) }
        throw XCTSkip(message)
    }

    func testBundledCorpusHeatmapInChromium() throws {
        try requireTools()
        try check(try HTMLReportFixtures.bundled(), name: "bundled", hostile: false)
    }

    func testPerDocumentHeatmapInChromium() throws {
        try requireTools()
        try check(try HTMLReportFixtures.bundled(byDocument: true), name: "by-document", hostile: false)
    }

    func testHostileTextRunsNoScriptInChromium() throws {
        try requireTools()
        try check(HTMLReportFixtures.hostile(), name: "hostile", hostile: true)
    }

    /// The whole year: the built `attest audit --out` over the 79 records of 2020 (161 rows × 25
    /// rules). The header row and the delegation column stay in view at the bottom-right of the
    /// table, a ✓ far down shows its evidence in the window with a way back to the cell, the
    /// heatmap starts on the first screen, and the printed header repeats on every page.
    // At 161 rows the headers scrolled away, the evidence opened 3,700 px below its cell and the heatmap started at y ≈ 2,800
    func testYearHeatmapStaysNavigableInChromium() throws {
        try requireTools()
        let year = try YearReportFixture.directory()
        try run(page: year.appendingPathComponent("audit.html"), matrix: year.appendingPathComponent("matrix.json"), flags: ["--year"])
    }

    /// Writes `audit.html` and `matrix.json` for `report` and runs the checker on them.
    func check(_ report: AuditReport, name: String, hostile: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let keep = ProcessInfo.processInfo.environment["ATTEST_BROWSER_OUT"].map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
        let directory = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("attest-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let page = directory.appendingPathComponent("audit.html"), matrix = directory.appendingPathComponent("matrix.json")
        try Data(HTMLAuditReporter().render(report).utf8).write(to: page)
        try Data(JSONMatrixReporter().render(report.matrix).utf8).write(to: matrix)

        try run(page: page, matrix: matrix, flags: hostile ? ["--hostile"] : [], file: file, line: line)
    }

    func run(page: URL, matrix: URL, flags: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try ProcessRunner.run(Self.python, [Self.checker.path, page.path, matrix.path] + flags, timeout: Self.timeout)
        print("check_heatmap.py \(flags.joined(separator: " ")):\n" + run.output, terminator: "")
        XCTAssertFalse(run.timedOut, "check_heatmap.py killed after \(Int(Self.timeout)) s:\n\(run.output)", file: file, line: line)
        XCTAssertEqual(run.status, 0, "check_heatmap.py failed:\n\(run.output)", file: file, line: line)
        XCTAssertTrue(run.output.contains(" passed, 0 failed"), "no summary line:\n\(run.output)", file: file, line: line)
    }
}

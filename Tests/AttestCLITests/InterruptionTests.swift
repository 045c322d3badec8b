import AttestTestSupport
import Foundation
import XCTest

/// An interrupted audit (SIGTERM, as CI runners send, or Ctrl-C) leaves no half-written report.
final class InterruptionTests: XCTestCase {
    /// SIGTERM while a report's temporary file is on disk: the file is removed, exit 143. The run is
    /// held at that point by `ATTEST_TEST_HOLD_WRITE` (no sleep, no race with a fast machine).
    func testSIGTERMWhileWritingLeavesNoTemporaryFile() throws {
        let dir = try TestFiles.temporaryDirectory("attest-int")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), marker = dir.appendingPathComponent("holding")
        var environment = ProcessInfo.processInfo.environment
        environment["ATTEST_TEST_HOLD_WRITE"] = marker.path
        var held = false
        let run = try ProcessRunner.run(ProcessRunner.attestBinary, ["audit", "--out", out.path] + TestFiles.bundledCorpus,
                                        environment: environment, timeout: 300) { p in
            let deadline = Date().addingTimeInterval(240)
            while !FileManager.default.fileExists(atPath: marker.path) && p.isRunning && Date() < deadline { usleep(20_000) }
            held = FileManager.default.fileExists(atPath: marker.path)
            p.terminate()
        }
        XCTAssertTrue(held, "the run never reached the hold point:\n\(run.output)")
        XCTAssertFalse(run.timedOut)
        XCTAssertEqual(run.status, 143, run.output)
        let temporary = try String(contentsOf: marker, encoding: .utf8)
        XCTAssertTrue(temporary.hasPrefix(out.path), temporary)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary), "the temporary file was left behind")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        XCTAssertEqual(names, [], "nothing but whole reports may be left, and none was finished: \(names)")
    }
}

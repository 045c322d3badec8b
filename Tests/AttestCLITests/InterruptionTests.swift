import Foundation
import XCTest

/// An interrupted audit (SIGTERM, as CI runners send, or Ctrl-C) leaves no half-written report.
final class InterruptionTests: XCTestCase {
    func testSIGTERMLeavesOnlyCompleteReports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // a dataset large enough that the run is still going when the signal comes
        let text = try String(contentsOf: AttestProcess.root.appendingPathComponent(CLITests.bundledCorpus[0]), encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n").filter { $0.count > 200 }
        var lines: [String] = []
        for i in 0..<4000 {
            let object = ["id": "s\(i)", "delegation": ["France", "Niger", "Viet Nam", "Estonia"][i % 4], "text": paragraphs[i % paragraphs.count]]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        let input = dir.appendingPathComponent("big.jsonl")
        try lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")

        let p = Process()
        p.executableURL = AttestProcess.binary
        p.arguments = ["audit", "--out", out.path, input.path]
        p.currentDirectoryURL = AttestProcess.root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // stop it while it is working: either before or while the reports are written
        Thread.sleep(forTimeInterval: 1.0)
        p.terminate()
        p.waitUntilExit()
        XCTAssertTrue([0, 143].contains(p.terminationStatus), "exit \(p.terminationStatus)")

        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        XCTAssertFalse(names.contains { $0.hasPrefix(".") || $0.hasSuffix(".tmp") }, "temporary files left: \(names)")
        // whatever was written is whole
        if names.contains("matrix.json") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("matrix.json"))))
        }
        if names.contains("audit.html") {
            XCTAssertTrue(try String(contentsOf: out.appendingPathComponent("audit.html"), encoding: .utf8).hasSuffix("</html>\n"))
        }
    }
}

import AttestCorpus
import AttestRules
@testable import AttestStreaming
import AttestTestSupport
import Foundation
import XCTest

/// `MatchPipeline`, the reading side of `attest match`: linear in a long line, bounded by its
/// line limit and its worker cap, and reading lines as `attest statements` does.
final class MatchPipelineTests: XCTestCase {
    var dir: URL!
    static let rules = RuleLoader().load(path: TestFiles.url("Rules").path).rules

    override func setUpWithError() throws { dir = try TestFiles.temporaryDirectory("attest-mp") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The records of `pipeline` on `input`.
    func run(_ pipeline: MatchPipeline, _ input: [UInt8]) throws -> [[String: Any]] {
        try counted(pipeline, input).records
    }

    /// The records of `pipeline` on `input`, and the reading thread's work.
    func counted(_ pipeline: MatchPipeline, _ input: [UInt8]) throws -> (work: MatchPipeline.ReadingWork, records: [[String: Any]]) {
        let inURL = dir.appendingPathComponent(UUID().uuidString), outURL = dir.appendingPathComponent(UUID().uuidString)
        try Data(input).write(to: inURL)
        let fdIn = open(inURL.path, O_RDONLY), fdOut = open(outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var work = MatchPipeline.ReadingWork()
        try pipeline.run(input: fdIn, output: fdOut, work: &work)
        close(fdIn)
        close(fdOut)
        let records = try Data(contentsOf: outURL).split(separator: 0x0A).map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        return (work, records)
    }

    // regression: `match` looked for the end of a long line from its start after every read (25/50/100 MB: 4.8/14-22/52 s).
    // Counted in bytes, not timed: searched from its start after every read of 64 KB, a 16 MB line is
    // searched 2,156 million bytes; its room grown by a read's size each time, 2,156 million moved.
    // (Timed, 8 and 32 MB compared, this test failed in CI at a ratio of 8.04 against 8.)
    func testLongLineIsBufferedInWorkLinearInItsLength() throws {
        var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 1)
        pipeline.pieceSize = 4096
        for length in [1 << 20, 16 << 20] {
            // not JSON: the line is refused at once, so the work is the reading
            let bytes = [UInt8](repeating: 0x61, count: length) + [0x0A]
            let (work, records) = try counted(pipeline, bytes)
            XCTAssertEqual(records.count, 1)
            // each byte searched once; the room doubled, so what it held was moved less than twice in all
            XCTAssertLessThanOrEqual(work.searched, bytes.count, "\(length) bytes")
            XCTAssertGreaterThanOrEqual(work.searched, length, "\(length) bytes")
            XCTAssertLessThan(work.moved, 2 * bytes.count, "\(length) bytes")
        }
    }

    /// Many short lines: each byte searched once, and only the start of a line cut by a piece's end moved.
    func testShortLinesAreSearchedOnceAndMovedOnlyAtAPiecesEnd() throws {
        var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 2)
        pipeline.pieceSize = 1000
        let line = #"{"delegation": "Chile", "text": "We recall resolution 2482 (2019)."}"#
        let input = Array(String(repeating: line + "\n", count: 20_000).utf8)
        let (work, records) = try counted(pipeline, input)
        // a statement record and its finding's for each line
        XCTAssertEqual(records.count, 40_000)
        XCTAssertLessThanOrEqual(work.searched, input.count)
        // at most one line (its start) moved into the next buffer per piece of 1,000 bytes
        XCTAssertLessThan(work.moved, (input.count / 1000 + 1) * (line.utf8.count + 1))
    }

    /// A line past the limit: its rest is searched once for its end and never kept.
    func testASkippedLinesRestIsSearchedOnce() throws {
        var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 1)
        pipeline.pieceSize = 4096
        pipeline.maxLineLength = 10_000
        let good = #"{"delegation": "Chile", "text": "We recall resolution 2482 (2019)."}"#
        let input = Array((String(repeating: "x", count: 4 << 20) + "\n" + good + "\n").utf8)
        let (work, records) = try counted(pipeline, input)
        // the error record, and the good line's statement and finding
        XCTAssertEqual(records.count, 3)
        XCTAssertLessThanOrEqual(work.searched, input.count)
        XCTAssertLessThan(work.moved, 4 * 10_000 + 2 * (1 << 16))
    }

    // regression: `match < /dev/zero` grew without limit; a line past the limit is one error record
    func testLineLongerThanTheLimitGivesOneErrorRecordAndTheStreamGoesOn() throws {
        for pieceSize in [64, 1 << 16] {
            var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 2)
            pipeline.pieceSize = pieceSize
            pipeline.maxLineLength = 2000
            let good = #"{"delegation": "France", "text": "We recall resolution 2482 (2019)."}"#
            let input = Array((good + "\n" + String(repeating: "x", count: 100_000) + "\n" + good + "\n"
                               + String(repeating: "y", count: 2001)).utf8)
            let records = try run(pipeline, input)
            let errors = records.filter { $0["type"] as? String == "error" }
            XCTAssertEqual(errors.map { $0["line"] as? Int }, [2, 4], "piece size \(pieceSize)")
            XCTAssertEqual(errors.first?["message"] as? String, "line is longer than 2000 bytes; not read")
            XCTAssertEqual(records.filter { $0["type"] as? String == "statement" }.map { $0["line"] as? Int }, [1, 3])
        }
    }

    // regression: `--jobs 100000` held pieces for 100,000 workers (658 MB against 35 MB)
    func testWorkersAreCappedAtFourPerCore() {
        let stream = MatchStream(rules: Self.rules)
        XCTAssertEqual(MatchPipeline(stream: stream, workers: 100_000).workers, MatchPipeline.maxWorkers)
        XCTAssertEqual(MatchPipeline.maxWorkers, 4 * ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertEqual(MatchPipeline(stream: stream, workers: 1).workers, 1)
    }

    /// Pieces matched at once by several workers are written in the input's order, each once,
    /// whichever worker finishes first (a worker whose piece is done while another writes leaves
    /// it to that one).
    func testPiecesMatchedAtOnceAreWrittenInTheInputsOrder() throws {
        let lines = (1...3_000).map { #"{"delegation": "Chile", "text": "Line \#($0) recalls resolution 2482 (2019)."}"# }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        for workers in [2, 8] {
            var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: workers)
            pipeline.pieceSize = 256
            let statements = try run(pipeline, input).filter { $0["type"] as? String == "statement" }
            XCTAssertEqual(statements.map { $0["line"] as? Int }, (1...3_000).map { $0 }, "\(workers) workers")
            XCTAssertEqual(statements.map { $0["text"] as? String }, (1...3_000).map { "Line \($0) recalls resolution 2482 (2019)." })
        }
    }

    /// An output that cannot be written is an error, once the input is read; the run ends.
    func testAnOutputThatCannotBeWrittenIsAnErrorAndTheRunEnds() throws {
        let inURL = dir.appendingPathComponent("in.jsonl"), outURL = dir.appendingPathComponent("out")
        let line = #"{"delegation": "Chile", "text": "We recall resolution 2482 (2019)."}"# + "\n"
        try Data(String(repeating: line, count: 2_000).utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        var pipeline = MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 2)
        pipeline.pieceSize = 512
        // (opened for reading: every write fails with EBADF)
        let fdIn = open(inURL.path, O_RDONLY), fdOut = open(outURL.path, O_RDONLY)
        defer { close(fdIn); close(fdOut) }
        XCTAssertThrowsError(try pipeline.run(input: fdIn, output: fdOut))
    }

    // regression: JSON Lines with lone CR line ends gave 2 statements in `statements` and 0 in `match`
    func testLoneCRLinesAreReadAsAttestStatementsReadsThem() throws {
        let text = #"{"delegation": "Chile", "text": "one"}"# + "\r" + #"{"delegation": "France", "text": "two"}"# + "\r"
            + #"{"delegation": "Niger", "text": "three"}"# + "\r\n"
        let source = try SourceText.decode(path: "x.jsonl", data: Data(text.utf8))
        let read = JSONLinesReader().read(source).statements
        let records = try run(MatchPipeline(stream: MatchStream(rules: Self.rules), workers: 1), Array(text.utf8))
            .filter { $0["type"] as? String == "statement" }
        XCTAssertEqual(read.count, 3)
        XCTAssertEqual(records.map { $0["delegation"] as? String }, read.map(\.delegation))
        XCTAssertEqual(records.map { $0["line"] as? Int }, read.map(\.line))
    }
}

@testable import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

/// `LineReader`, what `attest merge` reads its partials with: linear time, bounded memory, errors not crashes.
final class LineReaderTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try TestFiles.temporaryDirectory("attest-lr") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func file(_ bytes: [UInt8]) throws -> Int32 {
        let url = dir.appendingPathComponent(UUID().uuidString)
        try Data(bytes).write(to: url)
        return open(url.path, O_RDONLY)
    }

    func items(_ bytes: [UInt8], limit: Int = LineReader.defaultMaxLineLength, chunk: Int = 1 << 20) throws -> [LineReader.Item] {
        let fd = try file(bytes)
        defer { close(fd) }
        var reader = LineReader(fileDescriptor: fd, maxLineLength: limit)
        reader.chunk = chunk
        var out: [LineReader.Item] = []
        while let item = try reader.next() { out.append(item) }
        return out
    }

    func testLinesWithLFAndCRLFEndsAndALastLineWithoutEnd() throws {
        XCTAssertEqual(try items(Array("a\nbb\r\n\nc".utf8), chunk: 2),
                       [.line(ArraySlice("a".utf8)), .line(ArraySlice("bb".utf8)), .line([]), .line(ArraySlice("c".utf8))])
    }

    // regression: a long line was searched for its end from its start again after every chunk (quadratic)
    func testLongLineIsSearchedOnceForItsEnd() throws {
        // Counted in bytes, not timed: an 8 MB line read in chunks of 4 KB and searched again from
        // its start after every chunk is 2,048 searches of 4 MB on average (8,600 million bytes);
        // searched once, 8 MB. (Timed against one `memchr` of the whole file, this test allowed 50×
        // where linear reading took 1.3× and quadratic about 400×, on a clock a busy machine stretches.)
        for (length, lines) in [(8 << 20, 1), (1 << 20, 4_000)] {
            let line = [UInt8](repeating: 0x61, count: length / lines) + [0x0A]
            let bytes = Array([[UInt8]](repeating: line, count: lines).joined())
            let fd = try file(bytes)
            defer { close(fd) }
            var reader = LineReader(fileDescriptor: fd, maxLineLength: LineReader.defaultMaxLineLength)
            reader.chunk = 4096
            var count = 0
            while try reader.next() != nil { count += 1 }
            XCTAssertEqual(count, lines)
            XCTAssertEqual(reader.searchedBytes, bytes.count, "\(lines) lines of \(length / lines) bytes")
        }
    }

    // regression: `merge` of an endless line buffered it whole (538 MB in 30 s)
    func testLineLongerThanTheLimitIsReportedOnceAndSkippedInBoundedMemory() throws {
        let long = [UInt8](repeating: 0x61, count: 5 << 20)
        let fd = try file(Array("first\n".utf8) + long + Array("\r\nlast\n".utf8))
        defer { close(fd) }
        var reader = LineReader(fileDescriptor: fd, maxLineLength: 1000)
        reader.chunk = 4096
        var got: [LineReader.Item] = [], numbers: [Int] = [], most = 0
        while let item = try reader.next() {
            got.append(item)
            numbers.append(reader.lineNumber)
            most = max(most, reader.bufferedBytes)
        }
        XCTAssertEqual(got, [.line(ArraySlice("first".utf8)), .tooLong, .line(ArraySlice("last".utf8))])
        XCTAssertEqual(numbers, [1, 2, 3])
        XCTAssertLessThan(most, 1000 + 2 * 4096, "held \(most) bytes of a 5 MB line")
    }

    // regression: a directory given to `merge` crashed (`try!` on FileHandle.readData)
    func testDirectoryIsAReadErrorNotACrash() throws {
        let fd = open(dir.path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fileDescriptor: fd)
        XCTAssertThrowsError(try reader.next()) { XCTAssertEqual(($0 as? LineReader.ReadError)?.code, EISDIR) }
    }
}

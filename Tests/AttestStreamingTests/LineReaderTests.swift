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
    func testLongLineIsReadInTimeLinearInItsLength() throws {
        func seconds(_ length: Int) throws -> Double {
            let bytes = [UInt8](repeating: 0x61, count: length) + [0x0A]
            // CPU time of this thread (a machine busy with a build stretched wall clock time
            // of one size and not the other: 8.05 against a limit of 8 once)
            func cpu() -> Double {
                var t = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
                return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
            }
            var best = Double.infinity
            for _ in 0..<3 {
                let start = cpu()
                XCTAssertEqual(try items(bytes, chunk: 4096).count, 1)
                best = min(best, cpu() - start)
            }
            return best
        }
        let small = try seconds(2 << 20), large = try seconds(32 << 20)
        // 16 times the line: linear 16, up to about 32 with the page faults of a buffer that
        // outgrows the caches; quadratic (the line searched again for every chunk read): 256.
        // (8 against 32 MB with a limit of 12 failed at 14.2 while two builds ran.)
        XCTAssertLessThan(large / small, 64, "2 MB: \(small) s, 32 MB: \(large) s")
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

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
        // One 32 MB line read in chunks of 4 KB, against reading the same file whole and searching
        // it once for its line feed. Linear: 1.3 times the baseline measured (8,192 reads, the
        // buffer grown by doubling); quadratic (the line searched again from its start after every
        // chunk, 8,192 searches of 16 MB on average): about 400 times. The file is written
        // before the clock starts, and CPU time of this thread is compared, not wall time. (Two
        // sizes compared with each other failed under load: 14.2 against 12 for 8 and 32 MB, 65
        // against 64 for 2 and 32 MB, where the small one took 3 ms.)
        let bytes = [UInt8](repeating: 0x61, count: 32 << 20) + [0x0A]
        let fd = try file(bytes)
        defer { close(fd) }
        func cpu() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        func best(_ body: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = cpu()
                try body()
                best = min(best, cpu() - start)
            }
            return best
        }
        let baseline = try best {
            XCTAssertEqual(lseek(fd, 0, SEEK_SET), 0)
            var whole = [UInt8](repeating: 0, count: bytes.count)
            let n = whole.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            XCTAssertEqual(n, bytes.count)
            let found = whole.withUnsafeBytes { memchr($0.baseAddress!, 0x0A, $0.count) }
            XCTAssertNotNil(found)
        }
        let reading = try best {
            XCTAssertEqual(lseek(fd, 0, SEEK_SET), 0)
            var reader = LineReader(fileDescriptor: fd, maxLineLength: LineReader.defaultMaxLineLength)
            reader.chunk = 4096
            var count = 0
            while try reader.next() != nil { count += 1 }
            XCTAssertEqual(count, 1)
        }
        XCTAssertLessThan(reading / max(baseline, 1e-4), 50, "32 MB in 4 KB chunks: \(reading) s; read whole and searched once: \(baseline) s")
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `attest match` over a file descriptor: reads blocks of whole lines, matches the lines of a
/// block on every core, and writes the records in input order — the same bytes as one line at a
/// time, `workers` times faster. Memory is bounded by the block size (about 1 MB of input, or the
/// longest line), the records of one block, and the rules.
public struct MatchPipeline: Sendable {
    public let stream: MatchStream
    public let workers: Int
    /// Bytes of input read before a block is matched (when more input is ready without waiting).
    public var blockSize = 1 << 20

    public init(stream: MatchStream, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.stream = stream
        self.workers = max(1, workers)
    }

    /// Reads `input` to its end, writes records to `output`. Throws when a read or write fails.
    public func run(input: Int32, output: Int32) throws {
        var pending: [UInt8] = []   // input not yet matched: whole lines, then part of one
        var lineNumber = 0
        var finished = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !finished {
            // read until a block is full, the input ends, or reading would wait
            repeat {
                let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                if n == 0 { finished = true; break }
                pending += chunk[0..<n]
            } while pending.count < blockSize && Self.readable(input)
            // the block ends after the last line feed (or at the end of the input)
            let end: Int
            if finished { end = pending.count } else {
                guard let nl = pending.lastIndex(of: 0x0A) else { continue }
                end = nl + 1
            }
            let records = process(pending[0..<end], firstLine: lineNumber)
            lineNumber += records.lines
            try Self.writeAll(output, records.pieces)
            pending.removeFirst(end)
        }
    }

    /// The records of a block of lines, in pieces to write in order, and the number of lines.
    func process(_ block: ArraySlice<UInt8>, firstLine: Int) -> (pieces: [[UInt8]], lines: Int) {
        // cut the block into pieces of whole lines, a few per worker
        let count = workers == 1 ? 1 : min(workers * 4, max(1, block.count / 16_384))
        var bounds = [block.startIndex]
        for k in 1..<max(count, 1) {
            let target = block.startIndex + block.count * k / count
            guard target > bounds.last!, let nl = block[target...].firstIndex(of: 0x0A) else { continue }
            if nl + 1 > bounds.last!, nl + 1 < block.endIndex { bounds.append(nl + 1) }
        }
        bounds.append(block.endIndex)
        var firstLines = [firstLine]
        for k in 1..<bounds.count { firstLines.append(firstLines[k - 1] + Self.lines(in: block[bounds[k - 1]..<bounds[k]])) }
        let pieces = bounds.count - 1
        let results = Results(count: pieces)
        let stream = stream
        let (starts, cuts) = (firstLines, bounds)
        let work = { @Sendable (k: Int) in
            var out: [UInt8] = []
            var lineNumber = starts[k]
            block[cuts[k]..<cuts[k + 1]].withUnsafeBufferPointer { bytes in
                var start = 0
                while start < bytes.count {
                    let nl = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
                        .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! } ?? bytes.count
                    var end = nl
                    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                    lineNumber += 1
                    stream.write(line: UnsafeBufferPointer(rebasing: bytes[start..<end]), lineNumber: lineNumber, into: &out)
                    start = nl + 1
                }
            }
            results.set(k, out)
        }
        if pieces == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: pieces, execute: work) }
        return (results.values, firstLines[pieces] - firstLine)
    }

    /// Lines in a stretch of input: its line feeds, and a last line without one.
    static func lines(in b: ArraySlice<UInt8>) -> Int {
        var n = 0
        for c in b where c == 0x0A { n += 1 }
        if let last = b.last, last != 0x0A { n += 1 }
        return n
    }

    /// Each piece's records, written by the worker that matched it.
    final class Results: @unchecked Sendable {
        var values: [[UInt8]]
        let lock = NSLock()
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ k: Int, _ v: [UInt8]) { lock.lock(); values[k] = v; lock.unlock() }
    }

    static func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    static func writeAll(_ fd: Int32, _ pieces: [[UInt8]]) throws {
        for piece in pieces {
            try piece.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                    }
                    done += n
                }
            }
        }
    }
}

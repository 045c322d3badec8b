import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `attest match` over file descriptors: the input is cut into pieces of whole lines, the pieces
/// are matched on every core at once, and their records are written in input order as soon as
/// the pieces before them are done — the same bytes as matching one line at a time.
///
/// Memory is bounded by the pieces in flight (a few per worker, each about `pieceSize` of input
/// or one line, whichever is longer, and its records) and the rules.
public struct MatchPipeline: Sendable {
    public let stream: MatchStream
    public let workers: Int
    /// Bytes of input in a piece (more when a line is longer).
    public var pieceSize = 256 << 10

    public init(stream: MatchStream, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.stream = stream
        self.workers = max(1, workers)
    }

    /// Reads `input` to its end and writes the records to `output`. Throws when a read or a
    /// write fails (what was matched before is written).
    public func run(input: Int32, output: Int32) throws {
        // at most `workers` pieces being matched, and a few per worker matched or being matched
        // but not yet written (a slow piece holds back the writing of those after it)
        let running = DispatchSemaphore(value: workers)
        let unwritten = DispatchSemaphore(value: workers * 4)
        let sink = Sink(output: output, written: unwritten)
        let group = DispatchGroup()
        let queue = DispatchQueue.global(qos: .userInitiated)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var lineNumber = 0
        var sequence = 0
        var finished = false
        var readError: Error?
        while !finished {
            // read until a piece is full, the input ends, or reading would wait
            repeat {
                let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    readError = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                    finished = true
                    break
                }
                if n == 0 { finished = true; break }
                pending += chunk[0..<n]
            } while pending.count < pieceSize && Self.readable(input)
            if sink.failed { break }
            // a piece ends after its last line feed (or at the end of the input)
            let end: Int
            if finished { end = pending.count } else {
                guard let nl = pending.lastIndex(of: 0x0A) else { continue }
                end = nl + 1
            }
            guard end > 0 else { continue }
            let piece = Array(pending[0..<end])
            pending.removeFirst(end)
            let first = lineNumber, number = sequence
            lineNumber += Self.lines(in: piece)
            sequence += 1
            unwritten.wait()
            running.wait()
            let stream = stream
            queue.async(group: group) {
                let records = Self.match(piece, firstLine: first, stream: stream)
                running.signal()
                sink.put(number, records)
            }
        }
        group.wait()
        if let e = sink.error { throw e }
        if let readError { throw readError }
    }

    /// The records of a piece of whole lines, the first of which is line `firstLine + 1`.
    static func match(_ piece: [UInt8], firstLine: Int, stream: MatchStream) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(piece.count * 4)
        var lineNumber = firstLine
        piece.withUnsafeBufferPointer { bytes in
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
        return out
    }

    /// Lines in a stretch of input: its line feeds, and a last line without one.
    static func lines(in b: [UInt8]) -> Int {
        var n = 0
        b.withUnsafeBufferPointer { p in
            var at = 0
            while at < p.count, let hit = memchr(p.baseAddress! + at, 0x0A, p.count - at) {
                n += 1
                at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p.baseAddress! + 1
            }
        }
        if let last = b.last, last != 0x0A { n += 1 }
        return n
    }

    /// Writes the pieces' records in sequence order, whichever worker finishes first.
    final class Sink: @unchecked Sendable {
        let output: Int32
        let written: DispatchSemaphore
        private let lock = NSLock()
        private var ready: [Int: [UInt8]] = [:]
        private var next = 0
        private(set) var error: Error?
        var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }

        init(output: Int32, written: DispatchSemaphore) {
            self.output = output
            self.written = written
        }

        /// Records of piece `number`; writes it and every piece after it that is ready, in order.
        /// The lock is held while writing, so that the output keeps the input's order.
        func put(_ number: Int, _ records: [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            ready[number] = records
            while let r = ready.removeValue(forKey: next) {
                next += 1
                defer { written.signal() }
                guard error == nil else { continue }
                do { try MatchPipeline.writeAll(output, r) } catch { self.error = error }
            }
        }
    }

    static func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
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

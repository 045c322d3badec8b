import AttestFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `attest match` over file descriptors: the input is cut into pieces of whole lines, the pieces
/// are matched on every core at once, and their records are written in input order as soon as
/// the pieces before them are done — the same bytes as matching one line at a time.
///
/// Memory is bounded by the pieces in flight (a few per worker, each about `pieceSize` of input
/// or one line, whichever is longer, and its records) and the rules. A line longer than
/// `maxLineLength` is never buffered whole: it gives an `error` record as soon as the limit is
/// passed and the rest of it is skipped (`match < /dev/zero` runs in constant memory). Reading is
/// linear in the input: the bytes of a long line are searched for its end once.
public struct MatchPipeline: Sendable {
    public let stream: MatchStream
    public let workers: Int
    /// Bytes of input in a piece (more when a line is longer).
    public var pieceSize = 256 << 10
    /// The longest line matched, in bytes; a longer one gives an `error` record.
    public var maxLineLength = MatchPipeline.defaultMaxLineLength
    public static let defaultMaxLineLength = 64 << 20

    /// The most workers a pipeline runs: four per core. More only adds pieces held in memory
    /// (each worker holds up to five), never speed.
    public static var maxWorkers: Int { 4 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// - Parameter workers: pieces matched at once, between 1 and `maxWorkers` (a larger number is lowered to it).
    public init(stream: MatchStream, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.stream = stream
        self.workers = min(max(1, workers), Self.maxWorkers)
    }

    /// The record of a line longer than the limit.
    static func tooLongRecord(line: Int, limit: Int) -> [UInt8] {
        Array((StreamRecord.error(line: line, message: "line is longer than \(limit) bytes; not read") + "\n").utf8)
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
        // `pending[0..<scanned]` holds no line feed (searched once, however long the line)
        var scanned = 0
        // inside a line longer than the limit: its error record is out, its bytes are dropped
        var skipping = false
        let limit = maxLineLength
        let ratio = RecordRatio()
        func submit(_ work: @escaping @Sendable () -> [UInt8]) {
            let number = sequence
            sequence += 1
            unwritten.wait()
            running.wait()
            queue.async(group: group) {
                let records = work()
                running.signal()
                sink.put(number, records)
            }
        }
        while true {
            // read until a piece is full, the input ends, or reading would wait
            if !finished {
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
            }
            if sink.failed { break }
            if skipping {
                guard let nl = Self.firstNewline(pending, from: 0) else {
                    pending.removeAll(keepingCapacity: true)
                    if finished { break }
                    continue
                }
                pending.removeFirst(nl + 1)
                scanned = 0
                skipping = false
            }
            // a piece ends after its last line feed (or at the end of the input)
            let end: Int
            if finished { end = pending.count } else if let nl = Self.lastNewline(pending, from: scanned) {
                end = nl + 1
            } else {
                scanned = pending.count
                // (one more byte than the limit may be the CR of a CR LF still to come)
                if pending.count > limit + 1 {
                    // a line past the limit: report it now, skip the rest of it
                    lineNumber += 1
                    let record = Self.tooLongRecord(line: lineNumber, limit: limit)
                    submit { record }
                    pending.removeAll(keepingCapacity: true)
                    scanned = 0
                    skipping = true
                }
                continue
            }
            if end == 0 {
                if finished { break }
                continue
            }
            let piece: [UInt8]
            if end == pending.count {
                // the whole buffer is the piece: hand it over rather than copy it (a long line
                // was held twice), and start a new buffer of ordinary size
                piece = pending
                pending = []
                pending.reserveCapacity(pieceSize)
            } else {
                piece = Array(pending[0..<end])
                pending.removeFirst(end)
            }
            // what is left follows the last line feed: it holds none
            scanned = finished ? 0 : pending.count
            let first = lineNumber
            lineNumber += Self.lines(in: piece, maxLineLength: limit)
            let stream = stream
            submit {
                let records = Self.match(piece, firstLine: first, stream: stream, maxLineLength: limit, ratio: ratio.sixteenths)
                ratio.observe(records: records.count, input: piece.count)
                return records
            }
            if finished && pending.isEmpty { break }
        }
        group.wait()
        if let e = sink.error { throw e }
        if let readError { throw readError }
    }

    /// The records of a piece of whole lines, the first of which is line `firstLine + 1`.
    /// - Parameter ratio: bytes of records expected per byte of input, in sixteenths (`RecordRatio`).
    static func match(_ piece: [UInt8], firstLine: Int, stream: MatchStream, maxLineLength: Int = .max,
                      ratio: Int = RecordRatio.initial) -> [UInt8] {
        var out: [UInt8] = []
        // records are about 1-4× their lines (10× with 265 findings per statement, as the pieces
        // before tell); a long line's records grow as they are written
        out.reserveCapacity(min(piece.count, 1 << 20) * ratio / 16)
        var lineNumber = firstLine
        piece.withUnsafeBufferPointer { bytes in
            forEachLine(bytes, maxLineLength: maxLineLength) { line in
                lineNumber += 1
                guard let line else {
                    out += tooLongRecord(line: lineNumber, limit: maxLineLength)
                    return
                }
                stream.write(line: UnsafeBufferPointer(rebasing: bytes[line]), lineNumber: lineNumber, into: &out)
            }
        }
        return out
    }

    /// Calls `body` with each line of `bytes` (nil for a line longer than `maxLineLength`). Lines
    /// end at LF, CR LF, or a lone CR — as `attest statements` reads a file, so that both read the
    /// same statements with the same line numbers.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, maxLineLength: Int, _ body: (Range<Int>?) -> Void) {
        guard let base = bytes.baseAddress else { return }
        func find(_ byte: Int32, _ from: Int, _ to: Int) -> Int? {
            guard from < to else { return nil }
            return memchr(base + from, byte, to - from).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
        }
        var start = 0
        while start < bytes.count {
            let nl = find(0x0A, start, bytes.count) ?? bytes.count
            var end = nl
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if end - start > maxLineLength { body(nil) } else {
                var from = start
                while let cr = find(0x0D, from, end) {
                    body(from..<cr)
                    from = cr + 1
                }
                body(from..<end)
            }
            start = nl + 1
        }
    }

    /// The first line feed of `b` at or after `from`.
    static func firstNewline(_ b: [UInt8], from: Int) -> Int? {
        guard from < b.count else { return nil }
        return b.withUnsafeBufferPointer { p in
            memchr(p.baseAddress! + from, 0x0A, p.count - from)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - p.baseAddress! }
        }
    }

    /// The last line feed of `b` at or after `from`.
    static func lastNewline(_ b: [UInt8], from: Int) -> Int? {
        guard from < b.count else { return nil }
        return b.withUnsafeBufferPointer { p in
            var i = p.count - 1
            while i >= from {
                if p[i] == 0x0A { return i }
                i -= 1
            }
            return nil
        }
    }

    /// Lines in a stretch of input, counted as `forEachLine` cuts them (a line too long is one
    /// line, whatever CRs it holds).
    static func lines(in b: [UInt8], maxLineLength: Int) -> Int {
        var n = 0
        b.withUnsafeBufferPointer { forEachLine($0, maxLineLength: maxLineLength) { _ in n += 1 } }
        return n
    }

    /// How many bytes of records the pieces give per byte of input, in sixteenths: the most seen
    /// so far, with an eighth more, from 4× to 32×. A piece's records are reserved at once from
    /// it: with 265 findings per statement they are about 10× their input, and growing them by
    /// doubling from 4× copied each piece's records twice (2.6% of `attest match`'s
    /// instructions). Only the reservation depends on it, never a byte of the output.
    final class RecordRatio: @unchecked Sendable {
        static let initial = 4 * 16
        static let limit = 32 * 16
        private let lock = NSLock()
        private var value = RecordRatio.initial

        var sixteenths: Int {
            lock.lock()
            defer { lock.unlock() }
            return value
        }

        func observe(records: Int, input: Int) {
            guard input > 0 else { return }
            let r = min(Self.limit, records * 18 / input + 1)
            lock.lock()
            if r > value { value = r }
            lock.unlock()
        }
    }

    /// Writes the pieces' records in sequence order, whichever worker finishes first.
    final class Sink: @unchecked Sendable {
        let output: Int32
        let written: DispatchSemaphore
        private let lock = NSLock()
        private var ready: [Int: [UInt8]] = [:]
        private var next = 0
        /// A thread is writing pieces: the others leave theirs in `ready` for it and go on.
        private var writing = false
        private(set) var error: Error?
        var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }

        init(output: Int32, written: DispatchSemaphore) {
            self.output = output
            self.written = written
        }

        /// Records of piece `number`; writes it and every piece after it that is ready, in order.
        /// One thread writes at a time, without the lock: a thread whose piece is done while
        /// another writes leaves it to that one and goes back to matching (it used to wait for
        /// the lock, held through the writing: with 2,000 rules a piece's records are ten times
        /// its input). The pieces leave `ready` in order, so the output keeps the input's order.
        func put(_ number: Int, _ records: [UInt8]) {
            lock.lock()
            ready[number] = records
            if writing {
                lock.unlock()
                return
            }
            writing = true
            while let r = ready.removeValue(forKey: next) {
                next += 1
                let failedBefore = error != nil
                lock.unlock()
                var failure: Error?
                if !failedBefore {
                    do { try MatchPipeline.writeAll(output, r) } catch { failure = error }
                }
                written.signal()
                lock.lock()
                if let failure, error == nil { error = failure }
            }
            writing = false
            lock.unlock()
        }
    }

    static func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        if let code = bytes.withUnsafeBytes({ FileIO.writeAll(fd, $0) }) {
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}

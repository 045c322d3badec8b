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
        var work = ReadingWork()
        try run(input: input, output: output, work: &work)
    }

    /// What the reading thread did to the input, in bytes: a count of work, not of time, so that
    /// a test can hold reading to linear in the input without a clock.
    struct ReadingWork {
        /// Bytes searched for a line feed (each byte of a long line once, however many reads it takes).
        var searched = 0
        /// Bytes moved from one place in memory to another: by the room grown (the most `realloc`
        /// may copy), by a line's start kept for the next piece, by a skipped line's rest.
        var moved = 0
    }

    /// `run(input:output:)`, counting the reading thread's work into `work`.
    func run(input: Int32, output: Int32, work: inout ReadingWork) throws {
        // at most `workers` pieces being matched, and a few per worker matched or being matched
        // but not yet written (a slow piece holds back the writing of those after it)
        let running = DispatchSemaphore(value: workers)
        let unwritten = DispatchSemaphore(value: workers * 4)
        let sink = Sink(output: output, written: unwritten)
        let group = DispatchGroup()
        let queue = DispatchQueue.global(qos: .userInitiated)
        // read straight into the buffer of the next piece, which is handed to its worker whole
        // (through a 64 KB array and then copied into a piece, every byte was copied twice on
        // the thread that reads: 1.7 % of the time of `attest match` with 100 rules)
        let room = pieceSize + Self.readSize
        var pending = InputBuffer(capacity: room)
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
                    let n = pending.read(from: input, upTo: Self.readSize, moved: &work.moved)
                    if n < 0 {
                        if errno == EINTR { continue }
                        readError = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                        finished = true
                        break
                    }
                    if n == 0 { finished = true; break }
                } while pending.count < pieceSize && Self.readable(input)
            }
            if sink.failed { break }
            if skipping {
                guard let nl = Self.firstNewline(pending.bytes, from: 0) else {
                    work.searched += pending.count
                    pending.count = 0
                    if finished { break }
                    continue
                }
                work.searched += nl + 1
                work.moved += pending.count - (nl + 1)
                pending.removeFirst(nl + 1)
                scanned = 0
                skipping = false
            }
            // a piece ends after its last line feed (or at the end of the input)
            let end: Int
            if finished { end = pending.count } else if let nl = Self.lastNewline(pending.bytes, from: scanned) {
                work.searched += pending.count - nl
                end = nl + 1
            } else {
                work.searched += pending.count - scanned
                scanned = pending.count
                // (one more byte than the limit may be the CR of a CR LF still to come)
                if pending.count > limit + 1 {
                    // a line past the limit: report it now, skip the rest of it
                    lineNumber += 1
                    let record = Self.tooLongRecord(line: lineNumber, limit: limit)
                    submit { record }
                    pending.count = 0
                    scanned = 0
                    skipping = true
                }
                continue
            }
            if end == 0 {
                if finished { break }
                continue
            }
            // the buffer is the piece, handed over; what follows its last line feed (part of a
            // line, if any) starts a new buffer of ordinary size
            let piece = pending
            work.moved += piece.count - end
            pending = piece.split(at: end, capacity: room)
            // what is left follows the last line feed: it holds none
            scanned = finished ? 0 : pending.count
            let first = lineNumber
            lineNumber += Self.lines(in: piece.bytes, maxLineLength: limit)
            let stream = stream
            submit {
                let records = Self.match(piece.bytes, firstLine: first, stream: stream, maxLineLength: limit, ratio: ratio.sixteenths)
                ratio.observe(records: records.count, input: piece.count)
                return records
            }
            if finished && pending.count == 0 { break }
        }
        group.wait()
        if let e = sink.error { throw e }
        if let readError { throw readError }
    }

    /// The records of a piece of whole lines, the first of which is line `firstLine + 1`.
    /// - Parameter ratio: bytes of records expected per byte of input, in sixteenths (`RecordRatio`).
    static func match(_ piece: UnsafeBufferPointer<UInt8>, firstLine: Int, stream: MatchStream, maxLineLength: Int = .max,
                      ratio: Int = RecordRatio.initial) -> [UInt8] {
        var out: [UInt8] = []
        // records are about 1-4× their lines (10× with 265 findings per statement, as the pieces
        // before tell); a long line's records grow as they are written
        out.reserveCapacity(min(piece.count, 1 << 20) * ratio / 16)
        var lineNumber = firstLine
        forEachLine(piece, maxLineLength: maxLineLength) { line in
            lineNumber += 1
            guard let line else {
                out += tooLongRecord(line: lineNumber, limit: maxLineLength)
                return
            }
            stream.write(line: UnsafeBufferPointer(rebasing: piece[line]), lineNumber: lineNumber, into: &out)
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
    static func firstNewline(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < p.count else { return nil }
        return memchr(p.baseAddress! + from, 0x0A, p.count - from)
            .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - p.baseAddress! }
    }

    /// The last line feed of `b` at or after `from`.
    static func lastNewline(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < p.count else { return nil }
        var i = p.count - 1
        while i >= from {
            if p[i] == 0x0A { return i }
            i -= 1
        }
        return nil
    }

    /// Lines in a stretch of input, counted as `forEachLine` cuts them (a line too long is one
    /// line, whatever CRs it holds).
    static func lines(in b: UnsafeBufferPointer<UInt8>, maxLineLength: Int) -> Int {
        var n = 0
        forEachLine(b, maxLineLength: maxLineLength) { _ in n += 1 }
        return n
    }

    /// Bytes asked of each `read` of the input.
    static let readSize = 1 << 16

    /// Bytes of input in memory of its own: `read` writes into the room after them, and a piece
    /// is handed to its worker as it is (only what follows its last line feed is copied, into the
    /// next buffer). Owned by the reading thread until handed over, then read only by the worker.
    final class InputBuffer: @unchecked Sendable {
        private(set) var base: UnsafeMutablePointer<UInt8>
        private(set) var capacity: Int
        /// Bytes held, from `base` (lowered to drop the last ones).
        var count = 0 {
            didSet { precondition(count >= 0 && count <= capacity, "InputBuffer: count out of range") }
        }

        init(capacity: Int) {
            self.capacity = max(capacity, 1)
            guard let p = malloc(self.capacity) else { fatalError("InputBuffer: out of memory") }
            base = p.assumingMemoryBound(to: UInt8.self)
        }

        deinit { free(base) }

        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        /// One `read` of at most `n` bytes from `fd` after those held (the room doubled when it is
        /// short: a long line is read in time linear in its length); `read`'s result. The bytes
        /// held when the room grows (those `realloc` may copy) are added to `moved`.
        func read(from fd: Int32, upTo n: Int, moved: inout Int) -> Int {
            if capacity - count < n {
                moved += count
                let grown = max(count + n, 2 * capacity)
                guard let p = realloc(base, grown) else { fatalError("InputBuffer: out of memory") }
                base = p.assumingMemoryBound(to: UInt8.self)
                capacity = grown
            }
            let got = systemRead(fd, base + count, n)
            if got > 0 { count += got }
            return got
        }

        /// Drops the first `n` bytes held.
        func removeFirst(_ n: Int) {
            precondition(n >= 0 && n <= count, "InputBuffer: removing more than is held")
            memmove(base, base + n, count - n)
            count -= n
        }

        /// Keeps the first `end` bytes, and returns a new buffer (room for `capacity` at least)
        /// holding the rest.
        func split(at end: Int, capacity: Int) -> InputBuffer {
            precondition(end >= 0 && end <= count, "InputBuffer: split past the bytes held")
            let rest = InputBuffer(capacity: max(capacity, count - end))
            memcpy(rest.base, base + end, count - end)
            rest.count = count - end
            count = end
            return rest
        }
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

/// The system's `read` (a method of `InputBuffer` has its name).
private func systemRead(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
    read(fd, p, n)
}

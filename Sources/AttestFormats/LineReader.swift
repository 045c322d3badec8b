import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file or standard input line by line, in chunks: memory is bounded by the chunk and
/// `maxLineLength`, not by the size of the input or the length of its lines.
///
/// Time is linear in the input: each byte is searched for a line feed once, however long its
/// line (a line that spans many chunks is not searched again from its start). A line longer than
/// `maxLineLength` is not kept: it is reported as `.tooLong` as soon as the limit is passed, and
/// the rest of it is skipped without being buffered — so an endless line (`/dev/zero`) costs
/// constant memory.
public struct LineReader {
    /// One line of input.
    public enum Item: Equatable {
        /// A line without its line end (LF or CRLF).
        case line(ArraySlice<UInt8>)
        /// A line longer than `maxLineLength` bytes; its bytes are skipped.
        case tooLong
    }

    /// Why reading failed (a directory, an I/O error): the `errno` of `read(2)`.
    public struct ReadError: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { String(cString: strerror(code)) }
    }

    private let fd: Int32
    private var buffer = [UInt8]()
    /// What one `read(2)` fills.
    private var scratch = [UInt8]()
    private var position = 0
    /// Bytes from `position` up to here are known to hold no line feed.
    private var scanned = 0
    private var finished = false
    /// Inside a line that is too long: skip up to its line feed.
    private var skipping = false
    public private(set) var lineNumber = 0
    /// The longest line kept, in bytes (64 MiB unless set).
    public var maxLineLength: Int
    public static let defaultMaxLineLength = 64 << 20
    var chunk = 1 << 20
    /// Bytes searched for a line feed so far: a count of work, not of time, so that a test holds
    /// reading to linear in the input without a clock.
    private(set) var searchedBytes = 0

    public init(fileDescriptor: Int32, maxLineLength: Int = LineReader.defaultMaxLineLength) {
        fd = fileDescriptor
        self.maxLineLength = max(1, maxLineLength)
    }

    public init(handle: FileHandle, maxLineLength: Int = LineReader.defaultMaxLineLength) {
        self.init(fileDescriptor: handle.fileDescriptor, maxLineLength: maxLineLength)
    }

    /// Bytes held right now (for tests of the memory bound).
    public var bufferedBytes: Int { buffer.count }

    /// The next line, or nil at the end of input. Throws when reading fails. A line ends at LF
    /// or CR LF (a CR at the very end of the input is dropped too).
    public mutating func next() throws(ReadError) -> Item? {
        while true {
            if let nl = newline() {
                var end = nl
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let start = position
                position = nl + 1
                scanned = position
                if skipping {
                    // the end of a line already reported as too long
                    skipping = false
                    continue
                }
                lineNumber += 1
                return end - start > maxLineLength ? .tooLong : .line(buffer[start..<end])
            }
            scanned = buffer.count
            if skipping {
                // drop what is skipped: memory stays at one chunk
                buffer.removeAll(keepingCapacity: true)
                position = 0
                scanned = 0
            } else if buffer.count - position > maxLineLength + 1 {
                // (one byte more than the limit may be the CR of a CR LF still to come)
                skipping = true
                lineNumber += 1
                buffer.removeAll(keepingCapacity: true)
                position = 0
                scanned = 0
                return .tooLong
            }
            if finished {
                guard position < buffer.count, !skipping else { return nil }
                var line = buffer[position...]
                if line.last == 0x0D { line = line.dropLast() }
                position = buffer.count
                scanned = position
                lineNumber += 1
                return line.count > maxLineLength ? .tooLong : .line(line)
            }
            // keep the unfinished line, read more
            if position > 0 {
                buffer.removeFirst(position)
                scanned -= position
                position = 0
            }
            try fill()
        }
    }

    /// The first line feed at or after `scanned`, searched with `memchr`.
    private mutating func newline() -> Int? {
        guard scanned < buffer.count else { return nil }
        let found = buffer.withUnsafeBufferPointer { [scanned] b in
            memchr(b.baseAddress! + scanned, 0x0A, b.count - scanned)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! }
        }
        searchedBytes += (found.map { $0 + 1 } ?? buffer.count) - scanned
        return found
    }

    private mutating func fill() throws(ReadError) {
        if scratch.count != chunk { scratch = [UInt8](repeating: 0, count: chunk) }
        var n = 0
        repeat {
            n = scratch.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
        } while n < 0 && errno == EINTR
        if n < 0 { throw ReadError(code: errno) }
        if n == 0 { finished = true } else { buffer.append(contentsOf: scratch[0..<n]) }
    }
}

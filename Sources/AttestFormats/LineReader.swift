import Foundation

/// Reads a file or standard input line by line, in chunks: memory is bounded by the chunk and the
/// longest line, not by the size of the input.
public struct LineReader {
    private let handle: FileHandle
    private var buffer = [UInt8]()
    private var position = 0
    private var finished = false
    public private(set) var lineNumber = 0
    static let chunk = 1 << 20

    public init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its line end (LF or CRLF), as bytes, or nil at the end of input.
    public mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var end = nl
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[position..<end]
                position = nl + 1
                lineNumber += 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                lineNumber += 1
                return line
            }
            // keep the unfinished line, read more
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            let data = handle.readData(ofLength: Self.chunk)
            if data.isEmpty { finished = true } else { buffer.append(contentsOf: data) }
        }
    }
}

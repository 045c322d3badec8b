import Foundation

/// Reading and writing whole buffers through file descriptors, retrying what a signal
/// interrupted: the one loop behind reports, standard output, `match` and every file read.
public enum FileIO {
    /// Writes all of `bytes` to `fd`; the errno when that fails, nil when everything was written.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }

    /// Reads `fd` to its end, or until more than `limit` bytes have been read (then at most
    /// `limit + 1` are returned, so that the caller can tell "too large"), in chunks of `chunk`
    /// bytes. The errno when a read fails.
    public static func readAll(_ fd: Int32, limit: Int = .max, chunk: Int = 1 << 20) -> Result<[UInt8], POSIXError> {
        let capacity = limit == .max ? Int.max : limit + 1
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: max(1, min(chunk, capacity)))
        while bytes.count < capacity {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, min($0.count, capacity - bytes.count)) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            bytes += buffer[0..<n]
        }
        return .success(bytes)
    }
}

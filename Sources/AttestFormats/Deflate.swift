import CZlib
import Foundation

/// Raw DEFLATE (RFC 1951, no zlib or gzip wrapper), as ZIP method 8 stores it, through the
/// system zlib.
///
/// The output depends only on the input and the fixed parameters below (level 6, a 32 KiB
/// window, memory level 8, the default strategy), so the same bytes always deflate to the same
/// bytes with a given zlib; zlib has kept that output stable across its 1.2 and 1.3 releases.
public enum Deflate {
    /// What zlib reported instead of finishing.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var operation: String
        public var code: Int32
        public var description: String { "zlib \(operation) failed with code \(code)" }
    }

    static let level: Int32 = 6
    static let windowBits: Int32 = -15 // negative: raw deflate, no header or checksum
    static let memoryLevel: Int32 = 8

    /// `data` deflated in one pass.
    public static func compress(_ data: Data) throws(Failure) -> Data {
        var stream = z_stream()
        let initialised = deflateInit2_(&stream, level, Z_DEFLATED, windowBits, memoryLevel, Z_DEFAULT_STRATEGY,
                                        ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { throw Failure(operation: "deflateInit2", code: initialised) }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
        let status = Self.run(&stream, data, into: &out) { deflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END else { throw Failure(operation: "deflate", code: status) }
        return Data(out[..<Int(stream.total_out)])
    }

    /// Raw DEFLATE data inflated, which must come to `expectedSize` bytes (ZIP records the size).
    public static func decompress(_ data: Data, expectedSize: Int) throws(Failure) -> Data {
        var stream = z_stream()
        let initialised = inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { throw Failure(operation: "inflateInit2", code: initialised) }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(expectedSize, 1))
        let status = Self.run(&stream, data, into: &out) { inflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize else {
            throw Failure(operation: "inflate", code: status == Z_STREAM_END ? Z_DATA_ERROR : status)
        }
        return Data(out[..<expectedSize])
    }

    /// One zlib call over all of `data` into `out` (sized for the whole result): the loop-free
    /// shape both directions share.
    private static func run(_ stream: inout z_stream, _ data: Data, into out: inout [UInt8],
                            _ step: (inout z_stream) -> Int32) -> Int32 {
        var input = [UInt8](data)
        return input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return step(&stream)
            }
        }
    }
}

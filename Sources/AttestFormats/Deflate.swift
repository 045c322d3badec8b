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
        let bound = Int(deflateBound(&stream, uLong(data.count)))
        var out = [UInt8](repeating: 0, count: bound)
        var input = [UInt8](data)
        let status = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
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
        var input = [UInt8](data)
        let status = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize else {
            throw Failure(operation: "inflate", code: status == Z_STREAM_END ? Z_DATA_ERROR : status)
        }
        return Data(out[..<expectedSize])
    }
}

import AttestFormats
import Foundation

/// Reads a ZIP archive back from its end: the end record, the central directory, then each local
/// header, checking signatures, sizes and CRCs on the way.
public struct ZIPReader {
    public struct Entry {
        public var name: String
        public var data: Data
        public var flags: UInt16
        public var method: UInt16
        public var dosTime: UInt16
        public var dosDate: UInt16
        public var compressedSize: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String { if case .malformed(let m) = self { m } else { "" } }
    }

    public var entries: [Entry] = []

    public init(_ data: Data) throws {
        let b = [UInt8](data)
        func u16(_ o: Int) throws -> Int {
            guard o >= 0, o + 2 <= b.count else { throw Failure.malformed("read past the end at \(o)") }
            return Int(b[o]) | Int(b[o + 1]) << 8
        }
        func u32(_ o: Int) throws -> Int { try u16(o) | (u16(o + 2) << 16) }
        let end = b.count - 22
        guard end >= 0, try u32(end) == 0x0605_4b50 else { throw Failure.malformed("no end of central directory record") }
        let count = try u16(end + 10), directorySize = try u32(end + 12), directoryStart = try u32(end + 16)
        guard try u16(end + 8) == count else { throw Failure.malformed("entry counts differ") }
        guard directoryStart + directorySize == end else { throw Failure.malformed("central directory does not end at the end record") }
        var o = directoryStart
        var localEnd = 0
        for _ in 0..<count {
            guard try u32(o) == 0x0201_4b50 else { throw Failure.malformed("central header signature at \(o)") }
            let flags = try u16(o + 8), method = try u16(o + 10), time = try u16(o + 12), date = try u16(o + 14)
            let crc = try u32(o + 16), compressed = try u32(o + 20), size = try u32(o + 24)
            let nameLength = try u16(o + 28), extra = try u16(o + 30), comment = try u16(o + 32), local = try u32(o + 42)
            let name = Array(b[(o + 46)..<(o + 46 + nameLength)])
            o += 46 + nameLength + extra + comment
            guard local == localEnd else { throw Failure.malformed("local header at \(local), expected \(localEnd)") }
            guard try u32(local) == 0x0403_4b50 else { throw Failure.malformed("local header signature at \(local)") }
            guard try u16(local + 6) == flags, try u16(local + 8) == method, try u16(local + 10) == time, try u16(local + 12) == date,
                  try u32(local + 14) == crc, try u32(local + 18) == compressed, try u32(local + 22) == size
            else { throw Failure.malformed("local and central headers differ") }
            guard method == 0 && compressed == size || method == 8 else {
                throw Failure.malformed("method \(method) with \(compressed) of \(size) bytes")
            }
            let localName = try u16(local + 26), localExtra = try u16(local + 28)
            guard Array(b[(local + 30)..<(local + 30 + localName)]) == name else { throw Failure.malformed("names differ") }
            let start = local + 30 + localName + localExtra
            guard start + compressed <= directoryStart else { throw Failure.malformed("data runs into the central directory") }
            let stored = Data(b[start..<(start + compressed)])
            let content = method == 8 ? try Deflate.decompress(stored, expectedSize: size) : stored
            guard ZIPReader.bitwiseCRC32(content) == UInt32(crc) else {
                throw Failure.malformed("CRC of \(String(decoding: name, as: UTF8.self)) does not match its data")
            }
            localEnd = start + compressed
            entries.append(Entry(name: String(decoding: name, as: UTF8.self), data: content, flags: UInt16(flags), method: UInt16(method),
                                 dosTime: UInt16(time), dosDate: UInt16(date), compressedSize: compressed))
        }
        guard o == end, localEnd == directoryStart else { throw Failure.malformed("bytes between the entries and the directory") }
    }

    public func text(_ name: String) throws -> String {
        guard let e = entries.first(where: { $0.name == name }) else { throw Failure.malformed("no entry \(name)") }
        return String(decoding: e.data, as: UTF8.self)
    }

    /// CRC-32 bit by bit, independent of the writer's table-driven one.
    public static func bitwiseCRC32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}

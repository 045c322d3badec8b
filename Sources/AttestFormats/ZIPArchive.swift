import Foundation

/// A minimal ZIP writer: stored or deflated entries, in the order they were added, with a fixed
/// timestamp, so that the same entries always give the same bytes.
///
/// Deflated entries (method 8) go through the system zlib (`Deflate`) with fixed parameters; an
/// entry that deflate would not make smaller is stored instead, as ZIP tools do.
///
/// Written from the PKWARE APPNOTE (sections 4.3.7 local file header, 4.3.12 central directory
/// header, 4.3.16 end of central directory record). Names are UTF-8 and say so (general purpose
/// flag bit 11); every entry is dated 1980-01-01 00:00, the earliest DOS date, and carries no
/// extra fields, comments or file attributes. ZIP64 is not written: the archive holds fewer than
/// 65,535 entries and less than 4 GiB, which is far beyond a report.
public struct ZIPArchive: Sendable {
    /// How an entry's bytes are written.
    public enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    private struct Entry: Sendable {
        var name: [UInt8]
        var data: Data
        var crc: UInt32
        var method: Method
    }

    /// DOS time 00:00:00 and date 1980-01-01 (`(1980 - 1980) << 9 | 1 << 5 | 1`).
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = 0x0021
    /// Version 2.0: the lowest that readers expect for stored or deflated entries with a UTF-8 flag.
    static let version: UInt16 = 20
    /// General purpose bit 11: names are UTF-8.
    static let utf8Flag: UInt16 = 1 << 11

    private var entries: [Entry] = []

    public init() {}

    /// What the format cannot hold without ZIP64, which is not written.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooLarge(Int)
        case tooManyEntries(Int)
        case nameTooLong(String)
        case compression(String)

        public var description: String {
            switch self {
            case .tooLarge(let n): "ZIP archive: \(n) bytes; more than 4 GiB needs ZIP64, which is not written"
            case .tooManyEntries(let n): "ZIP archive: \(n) entries; at most 65,535"
            case .nameTooLong(let name): "ZIP archive: an entry name of more than 65,535 bytes (\(name.prefix(40))…)"
            case .compression(let message): "ZIP archive: \(message)"
            }
        }
    }

    /// Adds a file. Paths use `/` and are stored as given; entries keep the order of the calls.
    public mutating func add(path: String, data: Data, method: Method = .stored) {
        entries.append(Entry(name: Array(path.utf8), data: data, crc: Self.crc32(data), method: method))
    }

    /// The archive's bytes; throws when they do not fit the format (never traps).
    public func data() throws(Failure) -> Data {
        guard entries.count <= Int(UInt16.max) else { throw .tooManyEntries(entries.count) }
        if let long = entries.first(where: { $0.name.count > Int(UInt16.max) }) {
            throw .nameTooLong(String(decoding: long.name, as: UTF8.self))
        }
        // (method, bytes as written) of each entry
        var written: [(Method, Data)] = []
        for e in entries {
            guard e.method == .deflated else { written.append((.stored, e.data)); continue }
            let deflated: Data
            do { deflated = try Deflate.compress(e.data) } catch { throw .compression("\(error)") }
            written.append(deflated.count < e.data.count ? (.deflated, deflated) : (.stored, e.data))
        }
        var out = Data()
        var offsets: [UInt32] = []
        for (e, (method, bytes)) in zip(entries, written) {
            offsets.append(try Self.checked32(out.count))
            out.append(le32: 0x0403_4b50)
            out.append(le16: Self.version)
            out.append(le16: Self.utf8Flag)
            out.append(le16: method.rawValue)
            out.append(le16: Self.dosTime)
            out.append(le16: Self.dosDate)
            out.append(le32: e.crc)
            out.append(le32: try Self.checked32(bytes.count)) // compressed size
            out.append(le32: try Self.checked32(e.data.count)) // uncompressed size
            out.append(le16: try Self.checked16(e.name.count))
            out.append(le16: 0) // extra field length
            out.append(contentsOf: e.name)
            out.append(bytes)
        }
        let directoryStart = out.count
        for ((e, (method, bytes)), offset) in zip(zip(entries, written), offsets) {
            out.append(le32: 0x0201_4b50)
            out.append(le16: Self.version) // made by: MS-DOS, 2.0
            out.append(le16: Self.version) // needed to extract
            out.append(le16: Self.utf8Flag)
            out.append(le16: method.rawValue)
            out.append(le16: Self.dosTime)
            out.append(le16: Self.dosDate)
            out.append(le32: e.crc)
            out.append(le32: try Self.checked32(bytes.count))
            out.append(le32: try Self.checked32(e.data.count))
            out.append(le16: try Self.checked16(e.name.count))
            out.append(le16: 0) // extra field length
            out.append(le16: 0) // comment length
            out.append(le16: 0) // disk number start
            out.append(le16: 0) // internal attributes
            out.append(le32: 0) // external attributes
            out.append(le32: offset)
            out.append(contentsOf: e.name)
        }
        let directorySize = out.count - directoryStart
        out.append(le32: 0x0605_4b50)
        out.append(le16: 0) // this disk
        out.append(le16: 0) // disk where the central directory starts
        out.append(le16: try Self.checked16(entries.count))
        out.append(le16: try Self.checked16(entries.count))
        out.append(le32: try Self.checked32(directorySize))
        out.append(le32: try Self.checked32(directoryStart))
        out.append(le16: 0) // comment length
        return out
    }

    /// CRC-32 as ZIP uses it (ISO 3309 / ITU-T V.42): reflected polynomial 0xEDB88320, initial
    /// value and final XOR 0xFFFFFFFF.
    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    static func checked32(_ n: Int) throws(Failure) -> UInt32 {
        guard n <= Int(UInt32.max) else { throw .tooLarge(n) }
        return UInt32(n)
    }

    static func checked16(_ n: Int) throws(Failure) -> UInt16 {
        guard n <= Int(UInt16.max) else { throw .tooManyEntries(n) }
        return UInt16(n)
    }
}

private extension Data {
    mutating func append(le16 v: UInt16) {
        append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8)])
    }

    mutating func append(le32 v: UInt32) {
        append(contentsOf: [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)])
    }
}

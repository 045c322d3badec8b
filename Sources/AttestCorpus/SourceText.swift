import AttestFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The decoded text of one input file, with what is needed to turn byte offsets into lines.
public struct SourceText: Sendable {
    /// The path as the user gave it; used in every message.
    public let path: String
    public let text: String
    /// UTF-8 offset of the start of each line.
    private let lineStarts: [Int]
    /// NUL bytes found in the file (read as spaces), and the offset of the first.
    public private(set) var nulBytes = 0
    /// UTF-8 offset of the first NUL in `text` (after line ends are folded).
    public private(set) var firstNul: Int?
    /// SHA-256 (hex) of the bytes that were read, when the text came from a file: the hash in the
    /// reports is of exactly these bytes, not of a second read.
    public private(set) var sha256: String?
    /// Bytes dropped before the text: 3 for a byte-order mark.
    private var droppedPrefix = 0
    /// Offsets in `text` of the line feeds that replaced a CR LF (one byte dropped before each
    /// later offset), in order.
    private var foldedCRLF: [Int] = []

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [0]
        for (i, b) in text.utf8.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// Reads and decodes a file. Fails on a missing or unreadable file, an empty file, or bytes
    /// that are not UTF-8 (naming the line and column of the first bad byte). A byte-order mark is
    /// dropped and CRLF line ends are read as LF (offsets then refer to the decoded text).
    public static func load(path: String) throws(CorpusError) -> SourceText {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .isDirectory(path: path) }
        guard let data = readAll(path) else { throw .unreadable(path: path) }
        var source = try decode(path: path, data: data)
        source.sha256 = SHA256.hex(data)
        return source
    }

    /// The bytes of a file, read once with `read(2)` to its end: a regular file, or a named pipe
    /// or process substitution (`<(cmd)`), which can be read only once.
    static func readAll(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard case .success(let bytes) = FileIO.readAll(fd) else { return nil }
        return Data(bytes)
    }

    /// The offset in the file's bytes of a UTF-8 offset in `text`: what a byte-order mark and
    /// CR LF line ends (read as LF) moved. A lone CR is one byte either way.
    public func fileOffset(_ offset: Int) -> Int {
        // CR LFs folded before `offset`
        var lo = 0, hi = foldedCRLF.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if foldedCRLF[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return offset + droppedPrefix + lo
    }

    /// The offset in `text` of an offset in the file's bytes (the inverse of `fileOffset`; a
    /// dropped byte maps to the offset after it).
    public func textOffset(fileOffset: Int) -> Int {
        // the k-th folded CR LF's CR is at file offset foldedCRLF[k] + droppedPrefix + k
        var lo = 0, hi = foldedCRLF.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if foldedCRLF[mid] + droppedPrefix + mid < fileOffset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, fileOffset - droppedPrefix - lo)
    }

    /// Decodes bytes as strict UTF-8.
    public static func decode(path: String, data: Data) throws(CorpusError) -> SourceText {
        var bytes = [UInt8](data)
        var droppedPrefix = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3); droppedPrefix = 3 }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw .empty(path: path)
        }
        if let bad = firstInvalidUTF8(bytes) {
            let prefix = bytes[..<bad]
            let line = prefix.filter { $0 == 0x0A }.count + 1
            let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).unicodeScalars.count + 1
            throw .notUTF8(path: path, line: line, column: column, byte: bad)
        }
        // CR LF and a lone CR are line feeds (a byte scan: Foundation's search is slow on large texts)
        var folded: [Int] = []
        if bytes.contains(0x0D) {
            var unified: [UInt8] = []
            unified.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                        folded.append(unified.count)
                        i += 2
                    } else {
                        i += 1
                    }
                    unified.append(0x0A)
                } else {
                    unified.append(bytes[i])
                    i += 1
                }
            }
            bytes = unified
        }
        // a NUL byte (PDF conversions leave them) is read as a space: offsets stay the same; counted
        // after line ends are folded, so that its line is the line of the text
        var nuls = 0
        var firstNul: Int?
        for i in bytes.indices where bytes[i] == 0 {
            bytes[i] = 0x20
            nuls += 1
            if firstNul == nil { firstNul = i }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var source = SourceText(path: path, text: text)
        source.nulBytes = nuls
        source.firstNul = firstNul
        source.droppedPrefix = droppedPrefix
        source.foldedCRLF = folded
        return source
    }

    /// 1-based line of a UTF-8 offset.
    public func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// 1-based column (in Unicode scalars) of a UTF-8 offset.
    public func column(at offset: Int) -> Int {
        let start = lineStarts[line(at: offset) - 1]
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: start)
        let b = utf8.index(utf8.startIndex, offsetBy: offset)
        return text.unicodeScalars[a..<b].count + 1
    }

    /// Offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let width: Int
            var minScalar: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: width = 2; scalar = UInt32(b & 0x1F); minScalar = 0x80
            case 0xE0...0xEF: width = 3; scalar = UInt32(b & 0x0F); minScalar = 0x800
            case 0xF0...0xF4: width = 4; scalar = UInt32(b & 0x07); minScalar = 0x10000
            default: return i
            }
            guard i + width <= n else { return i }
            for k in 1..<width {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += width
        }
        return nil
    }
}

/// A run of text separated from its neighbours by blank lines.
public struct Paragraph: Sendable, Equatable {
    public var text: String
    /// UTF-8 offsets in the source, half-open.
    public var start: Int
    public var end: Int
    public var line: Int
}

extension SourceText {
    /// The paragraphs of the text: runs of non-blank lines. Lines inside a paragraph are joined
    /// with a space; leading and trailing whitespace is trimmed.
    public func paragraphs() -> [Paragraph] {
        var result: [Paragraph] = []
        let utf8 = Array(text.utf8)
        var lineStart = 0
        var paraStart: Int?
        var paraEnd = 0
        func isBlank(_ r: Range<Int>) -> Bool {
            utf8[r].allSatisfy { $0 == 0x20 || $0 == 0x09 } ||
                String(decoding: utf8[r], as: UTF8.self).allSatisfy { $0.isWhitespace }
        }
        func close() {
            guard let s = paraStart else { return }
            var a = s, b = paraEnd
            while a < b, utf8[a] == 0x20 || utf8[a] == 0x09 { a += 1 }
            while b > a, utf8[b - 1] == 0x20 || utf8[b - 1] == 0x09 { b -= 1 }
            let raw = String(decoding: utf8[a..<b], as: UTF8.self)
            let joined = raw.contains("\n") ? raw.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") : raw
            result.append(Paragraph(text: joined, start: a, end: b, line: line(at: a)))
            paraStart = nil
        }
        var i = 0
        while i <= utf8.count {
            if i == utf8.count || utf8[i] == 0x0A {
                let r = lineStart..<i
                if isBlank(r) { close() } else {
                    if paraStart == nil { paraStart = lineStart }
                    paraEnd = i
                }
                lineStart = i + 1
            }
            i += 1
        }
        close()
        return result
    }
}

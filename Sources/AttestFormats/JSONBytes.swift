/// Finding the bytes that end a plain run inside a JSON string — a quote, a backslash or a
/// control character — sixteen bytes at a time: statements are long runs of plain text.
public enum JSONBytes {
    /// The index of the first byte at or after `from` that is `"`, `\` or below 0x20, or `b.count`.
    @inlinable
    public static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        let n = b.count
        if let base = b.baseAddress {
            // sixteen bytes at a time (the compares' lanes read as two 64-bit words: `any` of a
            // mask is a call that reduces it lane by lane); a block that holds one is finished
            // byte by byte below
            let raw = UnsafeRawPointer(base)
            while i + 16 <= n {
                let lanes = stops(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), nonASCII: false)
                if lanes[0] | lanes[1] != 0 { break }
                i += 16
            }
        }
        while i < n {
            if isSpecial(b[i]) { return i }
            i += 1
        }
        return n
    }

    /// Where a block of sixteen bytes stops a plain run of a JSON string: 0xFF in each byte that
    /// `isSpecial`, and with `nonASCII` in each byte from 0x80 too, 0 in the others; the lanes as
    /// two 64-bit words (`any` of a mask is a call that reduces it lane by lane). For
    /// `firstSpecial` and `UTF8Validation.plainRun`.
    @inlinable @inline(__always)
    public static func stops(_ v: SIMD16<UInt8>, nonASCII: Bool) -> SIMD2<UInt64> {
        typealias Bytes = SIMD16<UInt8>
        var stop = (v .< Bytes(repeating: 0x20)) .| (v .== Bytes(repeating: 0x22)) .| (v .== Bytes(repeating: 0x5C))
        if nonASCII { stop .|= v .>= Bytes(repeating: 0x80) }
        return unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: stop), to: SIMD2<UInt64>.self)
    }

    /// True for a byte that cannot stand as itself inside a JSON string: `"`, `\` or below 0x20.
    @inlinable @inline(__always)
    public static func isSpecial(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C }

    /// Writes the escape of a special byte (`isSpecial`) at `p`, which has room for six bytes, and
    /// returns its length: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, or `\u00XX` (lower-case hex),
    /// RFC 8259's short forms where it has one. Both JSON writers escape through it.
    public static func writeEscape(_ c: UInt8, to p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = 0x5C
        switch c {
        case 0x22: p[1] = 0x22
        case 0x5C: p[1] = 0x5C
        case 0x0A: p[1] = 0x6E  // n
        case 0x0D: p[1] = 0x72  // r
        case 0x09: p[1] = 0x74  // t
        case 0x08: p[1] = 0x62  // b
        case 0x0C: p[1] = 0x66  // f
        default:
            let hex: StaticString = "0123456789abcdef"
            p[1] = 0x75  // u
            p[2] = 0x30
            p[3] = 0x30
            p[4] = hex.utf8Start[Int(c >> 4)]
            p[5] = hex.utf8Start[Int(c & 0xF)]
            return 6
        }
        return 2
    }

    /// True when every byte is below 0x80, eight at a time.
    @inlinable
    public static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = b.baseAddress {
            while i + 8 <= b.count {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
        }
        while i < b.count {
            if b[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}

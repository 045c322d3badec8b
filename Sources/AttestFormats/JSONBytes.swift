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
            typealias Bytes = SIMD16<UInt8>
            let raw = UnsafeRawPointer(base)
            while i + 16 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: Bytes.self)
                let special = (v .< Bytes(repeating: 0x20)) .| (v .== Bytes(repeating: 0x22)) .| (v .== Bytes(repeating: 0x5C))
                let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: special), to: SIMD2<UInt64>.self)
                if lanes[0] | lanes[1] != 0 { break }
                i += 16
            }
        }
        while i < n {
            let c = b[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            i += 1
        }
        return n
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

/// Finding the bytes that end a plain run inside a JSON string — a quote, a backslash or a
/// control character — eight bytes at a time: statements are long runs of plain text.
public enum JSONBytes {
    /// The index of the first byte at or after `from` that is `"`, `\` or below 0x20, or `b.count`.
    @inlinable
    public static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        let n = b.count
        if let base = b.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // a byte below 0x20, or equal to 0x22 or 0x5C (exact as a yes/no for the word)
                let low = (x &- 0x2020_2020_2020_2020) & ~x & highs
                let q = x ^ 0x2222_2222_2222_2222, s = x ^ 0x5C5C_5C5C_5C5C_5C5C
                let quote = (q &- ones) & ~q & highs, slash = (s &- ones) & ~s & highs
                if low | quote | slash != 0 { break }
                i += 8
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

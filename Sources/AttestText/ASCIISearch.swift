/// Finding an ASCII word in any case of its letters, sixteen places at a time: for the byte
/// screens that decide whether a text can hold what a slower search looks for ("behalf",
/// "resolution", "S/RES/"), where `memchr` for one of the word's letters stops every few bytes.
public enum ASCIISearch {
    /// The first offset at or after `from` where `b` holds `word` (ASCII, lower case), each of
    /// its letters as itself or its ASCII capital and every other byte exactly; nil when none.
    ///
    /// The bytes at offsets `p` and `q` of the word (two of its rarest, `p != q`) are compared at
    /// sixteen places at once, and the whole word only where both agree. A byte ORed with 0x20
    /// equals the word's byte ORed with 0x20 whenever it can stand there (a capital ORed with 0x20
    /// is its small letter; any other byte is unchanged by lowering), so no place is skipped.
    public static func first(_ word: StaticString, in b: UnsafeBufferPointer<UInt8>, from: Int = 0, comparing p: Int, _ q: Int) -> Int? {
        let w = word.utf8Start, n = word.utf8CodeUnitCount
        precondition(n > 0 && p >= 0 && q >= 0 && p < n && q < n, "ASCIISearch: offsets inside the word")
        guard let base = b.baseAddress, from >= 0, from <= b.count, b.count - from >= n else { return nil }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
        @inline(__always) func holds(_ s: Int) -> Bool {
            for k in 0..<n where lower(base[s &+ k]) != w[k] { return false }
            return true
        }
        let last = b.count - n
        var s = from
        typealias Bytes = SIMD16<UInt8>
        let raw = UnsafeRawPointer(base)
        let bit = Bytes(repeating: 0x20), x = Bytes(repeating: w[p] | 0x20), y = Bytes(repeating: w[q] | 0x20)
        let far = max(p, q)
        // the sixteen loads of a block stay inside the buffer
        while s <= last, s &+ far &+ 16 <= b.count {
            let u = raw.loadUnaligned(fromByteOffset: s &+ p, as: Bytes.self)
            let v = raw.loadUnaligned(fromByteOffset: s &+ q, as: Bytes.self)
            // (the lanes as two words of eight bytes: `any` of a mask is a call, lane by lane)
            let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: (u | bit .== x) .& (v | bit .== y)),
                                      to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                for half in 0..<2 {
                    var m = lanes[half]
                    while m != 0 {
                        let start = s &+ half &* 8 &+ m.trailingZeroBitCount / 8
                        if start <= last && holds(start) { return start }
                        m &= ~(UInt64(0xFF) &<< UInt64(m.trailingZeroBitCount & ~7))
                    }
                }
            }
            s &+= 16
        }
        while s <= last {
            if holds(s) { return s }
            s &+= 1
        }
        return nil
    }

    /// The first offset at or after `from` where `b` holds `word` or `other` (each as `first`
    /// reads it), and which: one pass for two words, each compared at its own two offsets
    /// (`p`, `q` and `op`, `oq`) sixteen places at a time. When both start at the same place,
    /// `word` is named.
    public static func first(_ word: StaticString, comparing p: Int, _ q: Int,
                             or other: StaticString, comparing op: Int, _ oq: Int,
                             in b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> (at: Int, isOther: Bool)? {
        let w = word.utf8Start, n = word.utf8CodeUnitCount
        let o = other.utf8Start, m = other.utf8CodeUnitCount
        precondition(n > 0 && p >= 0 && q >= 0 && p < n && q < n && m > 0 && op >= 0 && oq >= 0 && op < m && oq < m,
                     "ASCIISearch: offsets inside the words")
        guard let base = b.baseAddress, from >= 0, from <= b.count, b.count - from >= min(n, m) else { return nil }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
        @inline(__always) func holds(_ s: Int, _ w: UnsafePointer<UInt8>, _ n: Int) -> Bool {
            guard s <= b.count &- n else { return false }
            for k in 0..<n where lower(base[s &+ k]) != w[k] { return false }
            return true
        }
        @inline(__always) func found(_ s: Int) -> (at: Int, isOther: Bool)? {
            if holds(s, w, n) { return (s, false) }
            if holds(s, o, m) { return (s, true) }
            return nil
        }
        var s = from
        typealias Bytes = SIMD16<UInt8>
        let raw = UnsafeRawPointer(base)
        let bit = Bytes(repeating: 0x20)
        let x = Bytes(repeating: w[p] | 0x20), y = Bytes(repeating: w[q] | 0x20)
        let ox = Bytes(repeating: o[op] | 0x20), oy = Bytes(repeating: o[oq] | 0x20)
        let far = max(p, q, op, oq)
        // the loads of a block stay inside the buffer
        while s &+ far &+ 16 <= b.count {
            let u = raw.loadUnaligned(fromByteOffset: s &+ p, as: Bytes.self) | bit
            let v = raw.loadUnaligned(fromByteOffset: s &+ q, as: Bytes.self) | bit
            let ou = raw.loadUnaligned(fromByteOffset: s &+ op, as: Bytes.self) | bit
            let ov = raw.loadUnaligned(fromByteOffset: s &+ oq, as: Bytes.self) | bit
            let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: (u .== x) .& (v .== y) .| (ou .== ox) .& (ov .== oy)),
                                      to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                for half in 0..<2 {
                    var mask = lanes[half]
                    while mask != 0 {
                        if let hit = found(s &+ half &* 8 &+ mask.trailingZeroBitCount / 8) { return hit }
                        mask &= ~(UInt64(0xFF) &<< UInt64(mask.trailingZeroBitCount & ~7))
                    }
                }
            }
            s &+= 16
        }
        while s <= b.count &- min(n, m) {
            if let hit = found(s) { return hit }
            s &+= 1
        }
        return nil
    }
}

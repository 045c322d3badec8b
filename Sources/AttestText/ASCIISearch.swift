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
        let x = Bytes(repeating: w[p] | 0x20), y = Bytes(repeating: w[q] | 0x20)
        return search(b, from: from, shortest: n, far: max(p, q),
                      places: { raw, s in (load(raw, s &+ p) .== x) .& (load(raw, s &+ q) .== y) },
                      at: { s in holds(b, s, w, n) ? s : nil })
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
        let x = Bytes(repeating: w[p] | 0x20), y = Bytes(repeating: w[q] | 0x20)
        let ox = Bytes(repeating: o[op] | 0x20), oy = Bytes(repeating: o[oq] | 0x20)
        return search(b, from: from, shortest: min(n, m), far: max(p, q, op, oq),
                      places: { raw, s in
                          (load(raw, s &+ p) .== x) .& (load(raw, s &+ q) .== y) .| (load(raw, s &+ op) .== ox) .& (load(raw, s &+ oq) .== oy)
                      },
                      at: { s in holds(b, s, w, n) ? (s, false) : holds(b, s, o, m) ? (s, true) : nil })
    }

    typealias Bytes = SIMD16<UInt8>

    /// Sixteen bytes from `s`, ORed with 0x20 (a capital lowered, any other byte a word's byte
    /// can be unchanged).
    @inline(__always) private static func load(_ raw: UnsafeRawPointer, _ s: Int) -> Bytes {
        raw.loadUnaligned(fromByteOffset: s, as: Bytes.self) | Bytes(repeating: 0x20)
    }

    /// Whether `b` holds the word of `n` bytes at `w` (lower case) from `s`: each letter as itself
    /// or its capital, every other byte exactly.
    @inline(__always) private static func holds(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ w: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard s <= b.count &- n else { return false }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
        for k in 0..<n where lower(b[s &+ k]) != w[k] { return false }
        return true
    }

    /// The searches' one loop: from `from`, sixteen places at a time while their loads (up to
    /// `far` bytes past a place) stay inside `b`, the places `places` marks tried in order by
    /// `at`; then place by place while a word of `shortest` bytes fits. `at` answers for a place
    /// (nil: no word there).
    @inline(__always)
    private static func search<R>(_ b: UnsafeBufferPointer<UInt8>, from: Int, shortest: Int, far: Int,
                                  places: (UnsafeRawPointer, Int) -> SIMDMask<SIMD16<Int8>>, at: (Int) -> R?) -> R? {
        guard let base = b.baseAddress, from >= 0, from <= b.count, b.count - from >= shortest else { return nil }
        let raw = UnsafeRawPointer(base)
        var s = from
        while s &+ far &+ 16 <= b.count {
            // (the lanes as two words of eight bytes: `any` of a mask is a call, lane by lane)
            let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: places(raw, s)), to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                for half in 0..<2 {
                    var mask = lanes[half]
                    while mask != 0 {
                        if let hit = at(s &+ half &* 8 &+ mask.trailingZeroBitCount / 8) { return hit }
                        mask &= ~(UInt64(0xFF) &<< UInt64(mask.trailingZeroBitCount & ~7))
                    }
                }
            }
            s &+= 16
        }
        while s <= b.count &- shortest {
            if let hit = at(s) { return hit }
            s &+= 1
        }
        return nil
    }
}

import CAttestBytes

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
        let x = w[p] | 0x20, y = w[q] | 0x20
        return search(b, from: from, shortest: n, far: max(p, q), pair: (p, x, q, y), or: nil,
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
        let x = w[p] | 0x20, y = w[q] | 0x20, ox = o[op] | 0x20, oy = o[oq] | 0x20
        return search(b, from: from, shortest: min(n, m), far: max(p, q, op, oq), pair: (p, x, q, y), or: (op, ox, oq, oy),
                      at: { s in holds(b, s, w, n) ? (s, false) : holds(b, s, o, m) ? (s, true) : nil })
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
                                  pair: (Int, UInt8, Int, UInt8), or other: (Int, UInt8, Int, UInt8)?, at: (Int) -> R?) -> R? {
        guard let base = b.baseAddress, from >= 0, from <= b.count, b.count - from >= shortest else { return nil }
        var s = from
        // (the blocks of places scanned in C, `attest_pair_scan`: the places a bit each from
        // SSE2's movemask, the loop's values in registers; through Swift's SIMD types a mask's
        // lanes were read as two words and the loop reloaded its values from the stack, about 31
        // instructions every sixteen places)
        let last = b.count &- far &- 16
        let o = other ?? pair
        while s <= last {
            var mask: UInt32 = 0
            s = attest_pair_scan(base, s, last, pair.0, pair.1, pair.2, pair.3, other == nil ? 0 : 1, o.0, o.1, o.2, o.3, &mask)
            if mask == 0 { break }
            while mask != 0 {
                if let hit = at(s &+ mask.trailingZeroBitCount) { return hit }
                mask &= mask &- 1
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

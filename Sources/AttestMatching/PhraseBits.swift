/// A set of phrase ids as bits, for asking whether a text has any of them: bit `p % 64` of word
/// `p / 64` stands for phrase `p`. Only the words from the first id's to the last id's are kept
/// (`first` is the index of the first): a vocabulary's terms are registered together, so their
/// ids are close, and a question about them reads two or three words rather than every word up
/// to the largest id of the rule set.
struct PhraseBits: Sendable {
    /// The index of the first word kept.
    let first: Int
    /// The words from `first` on.
    let words: [UInt64]

    init(_ ids: [Int32]) {
        var low = Int32.max, high = Int32.min
        for id in ids where id >= 0 {
            low = min(low, id)
            high = max(high, id)
        }
        guard low <= high else {
            first = 0
            words = []
            return
        }
        first = Int(low) >> 6
        var w = [UInt64](repeating: 0, count: (Int(high) >> 6) - first + 1)
        for id in ids where id >= 0 { w[(Int(id) >> 6) - first] |= 1 << (UInt64(id) & 63) }
        words = w
    }

    /// The empty set.
    static let empty = PhraseBits([])

    var isEmpty: Bool { words.isEmpty }

    /// Whether phrase `id` is in the set.
    @inline(__always)
    func contains(_ id: Int32) -> Bool {
        words.withUnsafeBufferPointer { Self.contains(id, first: first, $0) }
    }

    /// Whether phrase `id` is in the set of bits `words`, its first word standing for phrases from
    /// 64 × `first` (a set as the program lays it out).
    @inline(__always)
    static func contains(_ id: Int32, first: Int, _ words: UnsafeBufferPointer<UInt64>) -> Bool {
        let w = (Int(id) >> 6) - first
        return id >= 0 && w >= 0 && w < words.count && words[w] & (1 << (UInt64(id) & 63)) != 0
    }

    /// Whether the set and `other` have a phrase in common.
    func intersects(_ other: PhraseBits) -> Bool {
        other.words.withUnsafeBufferPointer { intersects(first: other.first, $0) }
    }

    /// Whether the set and the phrases of `other` (bits as in `words`, its first word standing
    /// for phrases from 64 × `first`) have a phrase in common.
    @inline(__always)
    func intersects(first otherFirst: Int, _ other: UnsafeBufferPointer<UInt64>) -> Bool {
        words.withUnsafeBufferPointer { Self.intersect(first: first, $0, first: otherFirst, other) }
    }

    /// Whether two sets of bits (each as `words`, its first word standing for phrases from 64 ×
    /// its `first`) have a phrase in common.
    @inline(__always)
    static func intersect(first xFirst: Int, _ x: UnsafeBufferPointer<UInt64>, first yFirst: Int, _ y: UnsafeBufferPointer<UInt64>) -> Bool {
        let lo = max(xFirst, yFirst), hi = min(xFirst + x.count, yFirst + y.count)
        var w = lo
        while w < hi {
            if x[w - xFirst] & y[w - yFirst] != 0 { return true }
            w += 1
        }
        return false
    }

    /// The phrases in both the set and `other`, in ascending order.
    func intersection(_ other: PhraseBits) -> [Int32] {
        let lo = max(first, other.first), hi = min(first + words.count, other.first + other.words.count)
        // counted first: allocated once, at its size (grown from empty, it was reallocated more
        // often than not)
        var count = 0
        var w = lo
        while w < hi {
            count += (words[w - first] & other.words[w - other.first]).nonzeroBitCount
            w += 1
        }
        guard count > 0 else { return [] }
        var out: [Int32] = []
        out.reserveCapacity(count)
        w = lo
        while w < hi {
            var common = words[w - first] & other.words[w - other.first]
            while common != 0 {
                out.append(Int32(w << 6 | common.trailingZeroBitCount))
                common &= common &- 1
            }
            w += 1
        }
        return out
    }
}

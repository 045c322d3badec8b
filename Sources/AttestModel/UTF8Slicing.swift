extension String {
    /// The text between two UTF-8 offsets, without copying the whole string: O(length of the slice).
    /// Offsets are clamped to the string; an offset inside a multi-byte character decodes with
    /// replacement rather than crashing.
    public func utf8Slice(_ range: Range<Int>) -> String {
        let count = utf8.count
        let lo = Swift.min(Swift.max(0, range.lowerBound), count), hi = Swift.min(Swift.max(lo, range.upperBound), count)
        if let fast = utf8.withContiguousStorageIfAvailable({ String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }) {
            return fast
        }
        let a = utf8.index(utf8.startIndex, offsetBy: lo), b = utf8.index(a, offsetBy: hi - lo)
        return String(decoding: utf8[a..<b], as: UTF8.self)
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, without copying them for a native string.
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8(body)
    }
}

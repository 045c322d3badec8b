#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 validation for every file Attest reads (documents, rule packs, gold, facts): the index
/// of the first byte that is not well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms,
/// no surrogates, nothing above U+10FFFF), so that an error can name the line and column.
///
/// Written by hand rather than with `String(validating:)`, which needs macOS 15.
public enum UTF8Validation {
    /// The offset of the first ill-formed byte, or nil when all of `bytes` is UTF-8.
    public static func firstInvalidOffset<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        if let fast = bytes.withContiguousStorageIfAvailable({ firstInvalidOffset(buffer: $0) }) { return fast }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidOffset(buffer: $0) }
    }

    /// True when all of `bytes` is UTF-8.
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        firstInvalidOffset(bytes) == nil
    }

    /// The bytes as a String, or nil when they are not UTF-8. Where the standard library has
    /// `String(validating:)` (everywhere but macOS before 15) it is one pass over the bytes; the
    /// hand-written check and `String(decoding:)`, which validates again, were two (7% of
    /// `attest match`'s instructions on UN-typography statements, where hardly a line is ASCII).
    /// Both accept exactly the well-formed UTF-8 of table 3-7 (a test compares them).
    public static func string<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) { return String(validating: bytes, as: UTF8.self) }
        return isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// `string(_:)` of contiguous bytes (not generic: called once per JSON string on hot paths).
    ///
    /// Where the standard library has `UTF8Span` (Linux; macOS 26): the bytes are checked by
    /// `firstInvalidOffset(buffer:)` (ASCII sixteen bytes at a time, each other sequence by table
    /// 3-7) and copied into the String without a second check. The standard library's own check
    /// reads a byte at a time: about 10 instructions per byte of every statement's text, 8 % of
    /// `attest match`'s on UN typography, where hardly a line is ASCII.
    ///
    /// Elsewhere: one validating pass, `String(decoding:)`'s, which replaces each ill-formed
    /// sequence by U+FFFD (EF BF BD); the bytes were UTF-8 exactly when the String's bytes are
    /// theirs. (If they were, it holds them unchanged. If not, the String holds the bytes before
    /// the first ill-formed sequence and then EF BF BD, where the input has no EF BF BD — that
    /// would be a well-formed U+FFFD — so the two differ there or in length.)
    ///
    /// Tests compare both with `String(validating:)` and Foundation on random bytes.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            return firstInvalidOffset(buffer: bytes) == nil ? string(validated: bytes) : nil
        }
        return decodedString(bytes)
    }

    /// The String of bytes known to be UTF-8 (`firstInvalidOffset(buffer:)` is nil for them):
    /// copied without a second check where the standard library has `UTF8Span`, else through
    /// `string(_:)`, which checks them again.
    public static func string(validated bytes: UnsafeBufferPointer<UInt8>) -> String {
        assert(firstInvalidOffset(buffer: bytes) == nil, "UTF8Validation: bytes given as validated are not UTF-8")
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            guard !bytes.isEmpty else { return "" }
            return unsafe String(copying: UTF8Span(unchecked: bytes.span))
        }
        return decodedString(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The end of a plain run of a JSON string from `from` — the first `"`, `\` or control
    /// character (`JSONBytes.isSpecial`), or `b.count` — and whether the bytes before it are
    /// UTF-8: `JSONBytes.firstSpecial` and `firstInvalidOffset(buffer:)` of the run in one pass
    /// over its bytes, not two (each about 1.6 instructions a byte of every statement's text).
    /// Sixteen bytes at a time while they are ASCII and plain; each other sequence by table 3-7.
    /// (A special byte is ASCII, so it never stands inside a well-formed sequence: a sequence it
    /// cuts is ill-formed, as it is in the run alone.)
    public static func plainRun(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> (end: Int, valid: Bool) {
        guard let base = b.baseAddress else { return (from, true) }
        let n = b.count
        var i = from
        let raw = UnsafeRawPointer(base)
        while i < n {
            if i + 16 <= n {
                let lanes = JSONBytes.stops(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), nonASCII: true)
                if lanes[0] | lanes[1] == 0 {
                    i += 16
                    continue
                }
                // straight to the first byte that stops the run of plain ASCII
                i += lanes[0] != 0 ? lanes[0].trailingZeroBitCount >> 3 : 8 + lanes[1].trailingZeroBitCount >> 3
            }
            let c = b[i]
            if c < 0x80 {
                if JSONBytes.isSpecial(c) { return (i, true) }
                i += 1
                continue
            }
            guard let k = sequenceLength(b, at: i) else {
                // not UTF-8: the run's end all the same
                return (JSONBytes.firstSpecial(b, from: i), false)
            }
            i += k
        }
        return (n, true)
    }

    /// `string(_:)` by `String(decoding:)` and a comparison of its bytes (where there is no `UTF8Span`; tests use it on every platform).
    static func decodedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.withUTF8 { u in
            u.count == bytes.count && (u.isEmpty || memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0)
        }
        return same ? s : nil
    }

    /// The number of bytes of the sequence that starts at `i`, or nil when it is ill-formed.
    public static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = b.count
        let c = b[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && (lo...hi).contains(b[i + k]) }
        switch c {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    static func firstInvalidOffset(buffer b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let n = b.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            if i + 16 <= n {
                // ASCII sixteen bytes at a time; else straight to the first byte that is not
                let raw = UnsafeRawPointer(base + i)
                let x = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & high
                if x != 0 {
                    i += x.trailingZeroBitCount >> 3
                } else {
                    let y = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & high
                    if y == 0 { i += 16; continue }
                    i += 8 + (y.trailingZeroBitCount >> 3)
                }
            } else if b[i] < 0x80 {
                i += 1
                continue
            }
            // b[i] is not ASCII
            guard let k = sequenceLength(b, at: i) else { return i }
            i += k
        }
        return nil
    }
}

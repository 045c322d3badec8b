/// Bytes written through a pointer into a small fixed buffer, moved into an array when it fills
/// and at the end: for records made of many tiny pieces (a comma, a number), where appending each
/// piece to an array costs more than the piece.
///
/// The per-byte calls are `@inlinable`, so that a writer in another module (the compact records of
/// `attest match`) compiles them into its own loop: as calls, `int`, `reserve` and `bytes` cost
/// 20-60 instructions each, 16% of `attest match --compact`'s instructions with 2,000 rules.
public struct ByteSink: ~Copyable {
    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity = 4096
    /// At most `capacity` (callers `reserve` room first), so its additions are unchecked (`&+`):
    /// an overflow check on each piece written was an eighth of the compact writer's
    /// instructions with 2,000 rules.
    @usableFromInline var count = 0

    public init() {
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Makes room for `n` more bytes (n ≤ capacity), moving what is buffered into `out` if needed.
    @inlinable public mutating func reserve(_ n: Int, _ out: inout [UInt8]) {
        if count &+ n > capacity { flush(&out) }
    }

    public mutating func flush(_ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }

    @inlinable public mutating func byte(_ b: UInt8) {
        // SAFETY: callers `reserve` room first, so count < capacity; checked in debug builds.
        assert(count < capacity, "ByteSink: byte written past the reserved room")
        buffer[count] = b
        count &+= 1
    }

    /// Copies bytes, through `out` when they do not fit.
    @inlinable public mutating func bytes(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        if b.count > capacity / 2 {
            flush(&out)
            out.append(contentsOf: b)
            return
        }
        reserve(b.count, &out)
        // SAFETY: b.count <= capacity / 2 and `reserve` flushed when count + b.count > capacity.
        assert(count + b.count <= capacity, "ByteSink: copy past the buffer")
        if let base = b.baseAddress { (buffer + count).update(from: base, count: b.count) }
        count &+= b.count
    }

    /// Two ASCII digits for each number below 100, in constant memory (a `static let` array was
    /// reached through its lazy initialiser and retained and released on every number: with
    /// 2,000 rules, numbers were a tenth of `attest match --compact`'s instructions).
    @inlinable static var pairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// An integer in decimal (at most 20 bytes; `reserve` first).
    @inlinable @inline(__always) public mutating func int(_ n: Int) {
        if n >= 0 && n < 10 {
            byte(0x30 + UInt8(n))
            return
        }
        if n >= 10 && n < 10_000 {
            // Two to four digits, the offsets of most texts: two pairs written as one four-byte
            // store, shifted so that its last `digits` bytes are the number's (no loop, no count
            // of digits by division). Writes four bytes from `count`, inside the room reserved
            // for a number (`reserve(21)`): the bytes past the number are overwritten next.
            let v = UInt32(truncatingIfNeeded: n)
            let high = v / 100, low = v &- high &* 100
            let digits = v >= 1_000 ? 4 : v >= 100 ? 3 : 2
            assert(count + 4 <= capacity, "ByteSink: number past the reserved room")
            let pairs = UnsafeRawPointer(Self.pairs.utf8Start)
            let word = UInt32(UInt16(littleEndian: pairs.loadUnaligned(fromByteOffset: 2 &* Int(high), as: UInt16.self)))
                | UInt32(UInt16(littleEndian: pairs.loadUnaligned(fromByteOffset: 2 &* Int(low), as: UInt16.self))) &<< 16
            // little-endian: the first byte written is the word's lowest; a shift drops the
            // leading zeros of a two- or three-digit number
            UnsafeMutableRawPointer(buffer + count).storeBytes(of: (word &>> UInt32(8 &* (4 &- digits))).littleEndian, as: UInt32.self)
            count &+= digits
            return
        }
        long(n)
    }

    /// `int` of a number below 0 or from 10,000 on: out of line, so that the common case stays
    /// small enough to be compiled into its callers' loops.
    @usableFromInline @inline(never) mutating func long(_ n: Int) {
        if n < 0 { byte(0x2D) }
        var v = n.magnitude
        var digits = 1
        var bound: UInt = 10
        while digits < 20, v >= bound {
            digits += 1
            if digits == 20 { break }
            bound &*= 10
        }
        var at = count + digits
        // SAFETY: at most 20 digits after the sign; callers reserve room for them (`reserve(21)`).
        assert(count + digits <= capacity, "ByteSink: number past the reserved room")
        do {
            let pairs = Self.pairs.utf8Start
            while v >= 100 {
                let r = Int(v % 100)
                v /= 100
                at -= 2
                buffer[at] = pairs[2 * r]
                buffer[at + 1] = pairs[2 * r + 1]
            }
            if v >= 10 {
                at -= 2
                buffer[at] = pairs[2 * Int(v)]
                buffer[at + 1] = pairs[2 * Int(v) + 1]
            } else {
                at -= 1
                buffer[at] = 0x30 + UInt8(v)
            }
        }
        count &+= digits
    }

    /// Where the next byte goes: what is written from here on stays at this address until the
    /// next `reserve`, `bytes` or `flush` (for keeping a copy of a piece just written).
    @inlinable public var next: UnsafePointer<UInt8> { UnsafePointer(buffer + count) }

    /// Copies `n` bytes from `p` 16 at a time, with two unaligned 8-byte loads and stores per 16
    /// bytes rather than a call to `memcpy` (for the few bytes of a rule id or an offset pair).
    /// `p` must be readable, and room reserved, for `n` rounded up to a multiple of 16: bytes past
    /// `n` are written too, and overwritten by what comes next.
    @inlinable @inline(__always) public mutating func copy(chunksOf16 p: UnsafeRawPointer, count n: Int) {
        // SAFETY: callers reserve (n + 15) / 16 * 16 bytes; checked in debug builds.
        assert(count + (n + 15) / 16 * 16 <= capacity, "ByteSink: copy past the reserved room")
        let to = UnsafeMutableRawPointer(buffer + count)
        var k = 0
        while k < n {
            to.storeBytes(of: p.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
            to.storeBytes(of: p.loadUnaligned(fromByteOffset: k + 8, as: UInt64.self), toByteOffset: k + 8, as: UInt64.self)
            k += 16
        }
        count &+= n
    }
}

import AttestText
import CAttestBytes

/// The words of a text as the matcher needs them: UTF-8 offsets and ids in the automaton's word
/// table, found in one pass over the bytes with no `String` per word. The text is read in blocks
/// of 64 bytes, one bit per byte telling an ASCII letter or digit and another a non-ASCII byte
/// (sixteen bytes at a time with the vector unit, `attest_block_bits`; the last bytes of the
/// text eight at a time, so that nothing past its end is read); a word is a run of the first
/// bits, lowercased from eight-byte loads and hashed once at its end (`WordTable.hash`), and
/// looked up through the table's `Lookup`. A word with a non-ASCII or invisible character, or of
/// 64 letters and more, is read byte by byte (`slowWord`) and, unless it is ASCII, folded as
/// `WordTokenizer.fold` does. The words are exactly those of `WordTokenizer.tokens` (property
/// tests check it: `FastPathEquivalenceTests`, `WordScanEightBytesTests`), invisible characters
/// inside a word skipped as it skips them.
struct WordScan {
    let starts: [Int]
    let ends: [Int]
    let ids: [Int32]

    /// Per byte: the byte lowercased when it is an ASCII letter or digit, 0 for any other byte
    /// (one load tells a byte of a word and gives its folded form; bytes from 0x80 are 0).
    static let asciiFold: [UInt8] = (0..<256).map { c in
        switch c {
        case 0x30...0x39, 0x61...0x7A: UInt8(c)
        case 0x41...0x5A: UInt8(c) | 0x20
        default: 0
        }
    }

    init(_ b: UnsafeBufferPointer<UInt8>, table: WordTable) {
        // a word is at least one byte and words are separated: at most (n + 1) / 2 words
        let capacity = max((b.count + 1) / 2, 1)
        // the one pass that fills the three (room for `capacity` each) and tells how many words
        func fill(_ s: UnsafeMutablePointer<Int>, _ e: UnsafeMutablePointer<Int>, _ d: UnsafeMutablePointer<Int32>) -> Int {
            table.withLookup { lookup in Self.scan(b, table, lookup, s, e, d, capacity: capacity) }
        }
        guard capacity > Self.copiedCapacity else {
            // filled in one piece of temporary room, then copied into arrays of their size (not
            // `Array(unsafeUninitializedCapacity:)`, whose allocation is the standard library's
            // generic one: it looks the storage type up in the runtime's table under its lock,
            // about 900 instructions a call, 2-3 % of the time)
            let room = capacity * (2 * MemoryLayout<Int>.stride + MemoryLayout<Int32>.stride)
            let words = withUnsafeTemporaryAllocation(byteCount: room, alignment: MemoryLayout<Int>.alignment) { raw in
                let s = raw.baseAddress!.bindMemory(to: Int.self, capacity: 2 * capacity), e = s + capacity
                let d = UnsafeMutableRawPointer(e + capacity).bindMemory(to: Int32.self, capacity: capacity)
                let count = fill(s, e, d)
                return (Array(UnsafeBufferPointer(start: s, count: count)), Array(UnsafeBufferPointer(start: e, count: count)),
                        Array(UnsafeBufferPointer(start: d, count: count)))
            }
            (starts, ends, ids) = words
            return
        }
        // a long text: the three arrays filled in place (uninitialised until then), as copying
        // them would hold both at once (a 16 MB line of one-letter words: 372 MB at the peak
        // instead of 215 MB); one lookup of the storage type per array is nothing here
        var count = 0
        var ends: [Int] = [], ids: [Int32] = []
        starts = [Int](unsafeUninitializedCapacity: capacity) { s, sCount in
            ends = [Int](unsafeUninitializedCapacity: capacity) { e, eCount in
                ids = [Int32](unsafeUninitializedCapacity: capacity) { d, dCount in
                    count = fill(s.baseAddress!, e.baseAddress!, d.baseAddress!)
                    dCount = count
                }
                eCount = count
            }
            sCount = count
        }
        self.ends = ends
        self.ids = ids
    }

    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The most words (half a text's bytes) whose arrays are filled in temporary room and copied:
    /// past it (texts over 128 KB), filled in place.
    static let copiedCapacity = 65_536

    /// 0x80 in each byte of `x` that is an ASCII letter or digit, 0 in every other byte. Each
    /// range is checked by two additions on the bytes' low seven bits (no carry crosses a byte):
    /// the first sets the top bit from the range's low end on, the second from past its high end.
    @inline(__always) static func wordBytes(_ x: UInt64) -> UInt64 {
        let a = x & ~high
        let l = a | 0x2020_2020_2020_2020
        let letter = (l &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(l &+ 0x0505_0505_0505_0505)
        let digit = (a &+ 0x5050_5050_5050_5050) & ~(a &+ 0x4646_4646_4646_4646)
        return (letter | digit) & ~x & high
    }

    /// Bytes that are ASCII letters and digits, lowercased: 0x20 set in each — a capital's
    /// lowercase; a lowercase letter or a digit (0x30-0x39) has it already. Bytes of any other
    /// kind come out changed, so only a word's own bytes are kept (masked, or past its length).
    @inline(__always) static func lowercasedWord(_ x: UInt64) -> UInt64 { x | 0x2020_2020_2020_2020 }

    /// The eight bytes of the text from `i` (below `n`) as a little-endian integer, zeros for the
    /// bytes past the end: nothing past the buffer is read. Near the end, the last eight bytes of
    /// the text are read and shifted, or (a text under eight bytes) the bytes one by one.
    @inline(__always) static func chunk(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        if i &+ 8 <= n { return UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) }
        return tail(p, i, n)
    }

    @inline(never) static func tail(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        guard i < n else { return 0 }
        if n >= 8 {
            let last = UInt64(littleEndian: UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self))
            return last >> (8 * UInt64(i - (n - 8)))
        }
        return WordTable.partial(p + i, n - i)
    }

    /// One bit per byte of an eight-byte mask of 0x80 bytes (bit k for byte k): the top bits
    /// gathered into the top byte by one multiply.
    @inline(__always) static func bits(_ m: UInt64) -> UInt64 {
        ((m >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    /// One word read byte by byte from `start` (a word character), for the words the block
    /// scan leaves to it: a word with a non-ASCII or invisible character, or one that does not
    /// end inside its block. Returns the end of the word (after its last word character), the
    /// first byte not read (where the next word may start) and its id. An ASCII word is lowercased
    /// into `scratch` and looked up from it; any other is folded as `WordTokenizer.fold` does.
    @inline(never)
    static func slowWord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, _ table: WordTable, _ lookup: WordTable.Lookup,
                         _ scratch: UnsafeMutablePointer<UInt8>) -> (end: Int, next: Int, id: Int32) {
        let p = b.baseAddress!
        let n = b.count
        var i = start
        var end = i
        var ascii = true
        var invisible = false
        var length = 0
        return asciiFold.withUnsafeBufferPointer { foldTable in
            let fold = foldTable.baseAddress!
            while true {
                let run = i
                while i < n {
                    let lower = fold[Int(p[i])]
                    if lower == 0 { break }
                    // SAFETY: scratch holds 64 bytes (and 8 of padding); a word longer than 64
                    // bytes wraps around in it, but is then looked up from the text instead
                    scratch[length & 63] = lower
                    length += 1
                    i += 1
                }
                if i > run { end = i }
                guard i < n, p[i] >= 0x80 else { break }
                let (scalar, w) = WordTokenizer.decode(b, i)
                if WordTokenizer.isInvisible(scalar) {
                    invisible = true
                    i += w
                    continue
                }
                guard !WordTokenizer.isTypographicSeparator(scalar.value), WordTokenizer.isWordScalar(scalar) else { break }
                ascii = false
                i += w
                end = i
            }
            if ascii, length <= 64 {
                let (h, prefix) = WordTable.hash(padded: scratch, count: length)
                let id = lookup.mayContain(h) ? lookup.probe(scratch, count: length, hash: h, prefix: prefix) : -1
                return (end, i, id)
            }
            var surface = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            if invisible {
                var visible = String.UnicodeScalarView()
                visible.append(contentsOf: surface.unicodeScalars.lazy.filter { !WordTokenizer.isInvisible($0) })
                surface = String(visible)
            }
            var folded = WordTokenizer.fold(surface)
            return (end, i, folded.withUTF8 { table.find($0) })
        }
    }

    // (inlined into the caller's closure: as a call of its own it took 5 instructions a word more)
    @inline(__always)
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, _ table: WordTable, _ lookup: WordTable.Lookup,
                             _ starts: UnsafeMutablePointer<Int>, _ ends: UnsafeMutablePointer<Int>, _ ids: UnsafeMutablePointer<Int32>,
                             capacity: Int) -> Int {
        guard let p = b.baseAddress else { return 0 }
        let n = b.count
        // 64 bytes of a word and 8 more: a word's letters are stored eight bytes at a time (at
        // most from byte 56, so up to byte 63), and `WordTable.hash(padded:)` reads eight bytes
        // at a time up to the word's end, the last load masked
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { scratchBuffer in
            let scratch = scratchBuffer.baseAddress!
            scratch.initialize(repeating: 0, count: 72)
            var count = 0
            @inline(__always) func emit(_ count: inout Int, _ start: Int, _ end: Int, _ id: Int32) {
                // SAFETY: count < capacity = (n + 1) / 2: every word is at least one byte and is
                // followed by a separator or the end of the text; checked in debug builds
                assert(count < capacity, "WordScan: more words than the buffers hold")
                starts[count] = start
                ends[count] = end
                ids[count] = id
                count &+= 1
            }
            // The text is read in blocks of 64 bytes from `base`: one bit per byte tells an ASCII
            // letter or digit (`letters`), another a non-ASCII byte (`wide`); bytes past the end
            // read as zeros, in neither. A block is read again from a word that reaches its end.
            var base = 0
            blocks: while base < n {
                var letters: UInt64 = 0, wide: UInt64 = 0
                if base &+ 64 <= n {
                    // sixteen bytes at a time, with the vector unit
                    let bits = attest_block_bits(p + base)
                    letters = bits.letters
                    wide = bits.wide
                } else {
                    // the text's last 64 bytes or fewer, eight at a time (nothing read past its end)
                    for k in 0..<8 {
                        let x = chunk(p, base &+ 8 &* k, n)
                        letters |= bits(wordBytes(x)) &<< UInt64(8 &* k)
                        if x & high != 0 { wide |= bits(x & high) &<< UInt64(8 &* k) }
                    }
                }
                var pos = 0
                while true {
                    // skip to the next letter, digit or non-ASCII byte of the block
                    if pos >= 64 {
                        // (a non-ASCII separator across the block's end)
                        base &+= pos
                        continue blocks
                    }
                    let rest = (letters | wide) &>> UInt64(pos)
                    if rest == 0 {
                        base &+= 64
                        continue blocks
                    }
                    pos &+= rest.trailingZeroBitCount
                    let at = base &+ pos
                    if (wide &>> UInt64(pos)) & 1 != 0 {
                        let (scalar, w) = WordTokenizer.decode(b, at)
                        if WordTokenizer.isTypographicSeparator(scalar.value) || !WordTokenizer.isWordScalar(scalar) {
                            pos &+= w
                            continue
                        }
                        // a word that starts with a non-ASCII character
                        let word = slowWord(b, from: at, table, lookup, scratch)
                        emit(&count, at, word.end, word.id)
                        base = word.next
                        continue blocks
                    }
                    // an ASCII word: its letters and digits run to `stop`
                    let stop = pos &+ (~(letters &>> UInt64(pos))).trailingZeroBitCount
                    if stop >= 64, base &+ 64 < n {
                        if pos > 0 {
                            // it may go on past the block: read the block again from it
                            base = at
                            continue blocks
                        }
                        // 64 letters and more
                        let word = slowWord(b, from: at, table, lookup, scratch)
                        emit(&count, at, word.end, word.id)
                        base = word.next
                        continue blocks
                    }
                    if stop < 64, (wide &>> UInt64(stop)) & 1 != 0 {
                        // a non-ASCII character after it: an invisible one or a word character goes on
                        // with the word, which is then read byte by byte
                        let (scalar, _) = WordTokenizer.decode(b, base &+ stop)
                        if WordTokenizer.isInvisible(scalar)
                            || !WordTokenizer.isTypographicSeparator(scalar.value) && WordTokenizer.isWordScalar(scalar) {
                            let word = slowWord(b, from: at, table, lookup, scratch)
                            emit(&count, at, word.end, word.id)
                            base = word.next
                            continue blocks
                        }
                    }
                    let length = stop &- pos
                    var id: Int32 = -1
                    if length <= 8 {
                        // the word is its prefix: the probe compares nothing else (no scratch copy)
                        // (1 to 8 bytes kept: all ones shifted right by 56 to 0 bits)
                        let prefix = lowercasedWord(chunk(p, at, n)) & (UInt64.max &>> UInt64(64 &- 8 &* length))
                        let h = WordTable.finish(WordTable.mix(UInt64(length), prefix))
                        if lookup.mayContain(h) { id = lookup.probe(scratch, count: length, hash: h, prefix: prefix) }
                    } else {
                        // SAFETY: length <= 64 (the word is inside the block), so the last store, at
                        // byte 56 at most, ends at byte 63 of 72
                        var k = 0
                        while k < length {
                            let x = lowercasedWord(chunk(p, at &+ k, n))
                            UnsafeMutableRawPointer(scratch).storeBytes(of: x.littleEndian, toByteOffset: k, as: UInt64.self)
                            k &+= 8
                        }
                        let (h, prefix) = WordTable.hash(padded: scratch, count: length)
                        if lookup.mayContain(h) { id = lookup.probe(scratch, count: length, hash: h, prefix: prefix) }
                    }
                    emit(&count, at, base &+ stop, id)
                    pos = stop
                }
            }
            return count
        }
    }
}

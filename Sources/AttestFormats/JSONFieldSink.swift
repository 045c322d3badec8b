/// What a record's fields are written through: `JSONWriter`, or `JSONFieldSink` where a record is
/// written for every statement. Code that writes a record's fields once, generic over this, gives
/// the same bytes through either.
public protocol JSONFields: ~Copyable {
    mutating func field(_ key: StaticString, _ value: String?)
    mutating func field(_ key: StaticString, _ value: Int)
    mutating func field(_ key: StaticString, _ value: JSONWriter.Value)
    /// A field whose value is JSON already written (an object or an array).
    mutating func field(_ key: StaticString, json value: String)
    /// A string field given as the bytes JSON writes between its quotes: UTF-8 with no quote,
    /// backslash or control character (`JSONBytes.isSpecial`), as a string read without escapes
    /// is. The same bytes as `field(key, string)` of that string, without looking for escapes.
    mutating func field(_ key: StaticString, escaped value: UnsafeBufferPointer<UInt8>)
    /// A field whose value is an object, written next: its fields, then `endObject()`.
    mutating func beginObject(field key: StaticString)
    mutating func beginObject()
    mutating func endObject()
}

extension JSONWriter: JSONFields {}

/// `JSONWriter`'s bytes, written through a `ByteSink` instead of appended to an array piece by
/// piece: a key, its quotes and colon, a short string and its quotes are stored through a pointer
/// after one check for room. `attest match` writes about seventeen fields for every statement;
/// through `JSONWriter` each cost 400-500 instructions, most of them in `Array.append` (a
/// uniqueness and a capacity check per piece, a call per copy).
///
/// The bytes are `JSONWriter`'s for the same calls (a test compares them on random fields).
/// `bytes` holds what was written once `flush()` has run (`take(into:)` flushes).
public struct JSONFieldSink: ~Copyable, JSONFields {
    /// What was written before the last `flush()`.
    public var bytes: [UInt8]
    @usableFromInline var sink = ByteSink()
    /// The objects open, and whether each has a member already.
    private var nesting = JSONNesting()

    /// A sink that goes on from what `out` holds, taking its buffer (`out` is left empty; give it
    /// back with `take(into:)`): appending to a copy would copy the buffer.
    public init(taking out: inout [UInt8]) {
        bytes = []
        swap(&bytes, &out)
    }

    /// A sink that starts empty.
    public init() {
        bytes = []
    }

    /// The key of a field whose value the caller writes next, through `withSink`.
    public mutating func beginField(_ key: StaticString) {
        self.key(key, room: 0)
    }

    /// Lends the buffer and the bytes it flushes into, for a value written piece by piece
    /// (`reserve` before each piece).
    @inlinable public mutating func withSink<R>(_ body: (inout ByteSink, inout [UInt8]) -> R) -> R {
        body(&sink, &bytes)
    }

    /// Moves what is buffered into `bytes`.
    public mutating func flush() { sink.flush(&bytes) }

    /// Flushes and hands `bytes` to `out` (this sink's own array is left empty).
    public mutating func take(into out: inout [UInt8]) {
        flush()
        out = bytes
        bytes = []
    }

    /// Strings up to this many bytes are escaped straight into the buffer (6 bytes for each at
    /// worst, `\u00XX`, and the quotes); longer ones go through `JSONWriter.appendString`.
    @usableFromInline static let shortString = 512

    public mutating func beginObject() {
        sink.reserve(2, &bytes)
        separate()
        sink.byte(0x7B)
        open()
    }

    public mutating func endObject() {
        sink.reserve(1, &bytes)
        sink.byte(0x7D)
        close()
    }

    public mutating func beginObject(field key: StaticString) {
        self.key(key, room: 1)
        sink.byte(0x7B)
        open()
    }

    public mutating func field(_ key: StaticString, _ value: String?) {
        guard var string = value else {
            self.key(key, room: 4)
            raw("null")
            return
        }
        string.withUTF8 { b in
            if b.count <= Self.shortString {
                self.key(key, room: 6 * b.count + 2)
                self.string(b)
            } else {
                self.key(key, room: 0)
                sink.flush(&bytes)
                JSONWriter.appendString(utf8: b, to: &bytes)
            }
        }
    }

    public mutating func field(_ key: StaticString, _ value: Int) {
        self.key(key, room: 21)
        sink.int(value)
    }

    public mutating func field(_ key: StaticString, _ value: JSONWriter.Value) {
        switch value {
        case .string(let s): field(key, s)
        case .int(let n): field(key, n)
        case .bool(let b):
            self.key(key, room: 5)
            if b { raw("true") } else { raw("false") }
        case .null: field(key, nil as String?)
        }
    }

    public mutating func field(_ key: StaticString, json value: String) {
        self.key(key, room: 0)
        var value = value
        value.withUTF8 { sink.bytes($0, &bytes) }
    }

    public mutating func field(_ key: StaticString, escaped value: UnsafeBufferPointer<UInt8>) {
        assert(JSONBytes.firstSpecial(value, from: 0) == value.count, "JSONFieldSink: a byte to escape in an escaped string")
        self.key(key, room: 1)
        sink.byte(0x22)
        sink.bytes(value, &bytes)
        sink.reserve(1, &bytes)
        sink.byte(0x22)
    }

    /// The key, its quotes and colon, after a comma when the object has a member already, with
    /// room for `room` bytes more (at most `ByteSink`'s capacity less the key's).
    private mutating func key(_ k: StaticString, room: Int) {
        nesting.checkOrder(k)
        let n = k.utf8CodeUnitCount
        // SAFETY: what `string` and the rest write after a key fits in the buffer after one
        // `reserve` (6 × 512 + 2 bytes and a key of a few letters, of 4,096); checked in debug builds
        assert(n + 4 + room <= sink.capacity, "JSONFieldSink: more room asked for than the buffer holds")
        sink.reserve(n + 4 + room, &bytes)
        separate()
        sink.byte(0x22)
        // SAFETY: room for the key was reserved above
        (sink.buffer + sink.count).update(from: k.utf8Start, count: n)
        sink.count += n
        sink.byte(0x22)
        sink.byte(0x3A)
    }

    private mutating func separate() {
        if nesting.member() { sink.byte(0x2C) }
    }

    private mutating func open() { nesting.open() }

    private mutating func close() { nesting.close() }

    /// An ASCII literal (room reserved).
    private mutating func raw(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        (sink.buffer + sink.count).update(from: s.utf8Start, count: n)
        sink.count += n
    }

    /// A JSON string of valid UTF-8 bytes, escaped by `JSONBytes.writeEscape` as `JSONWriter.appendString` escapes them
    /// (room reserved: 6 bytes per byte and the quotes).
    private mutating func string(_ b: UnsafeBufferPointer<UInt8>) {
        let out = sink.buffer
        var at = sink.count
        out[at] = 0x22
        at += 1
        // the runs between bytes to escape copied whole (`firstSpecial`: sixteen bytes at a
        // time), not a byte at a time with a test of each
        if let base = b.baseAddress {
            var i = 0
            while i < b.count {
                let end = JSONBytes.firstSpecial(b, from: i)
                (out + at).update(from: base + i, count: end - i)
                at += end - i
                if end == b.count { break }
                at += JSONBytes.writeEscape(b[end], to: out + at)
                i = end + 1
            }
        }
        out[at] = 0x22
        sink.count = at + 1
    }
}

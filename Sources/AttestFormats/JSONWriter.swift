
/// A small JSON writer for records on hot paths: keys in the order given, strings escaped as
/// RFC 8259 requires (quote, backslash, control characters), everything else written as UTF-8.
/// Foundation's JSONSerialization with sorted keys spends most of its time comparing keys with
/// ICU collation; records whose keys are written already sorted do not need that.
///
/// Writes bytes: `bytes` is the output so far (append it to a larger buffer), `output` the same as a String.
/// Keys must be given in the order `JSONValue.keyPrecedes` sorts them (what `.sortKeys` writes);
/// debug builds check it.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// The objects open, and whether each has a member already.
    private var nesting = JSONNesting()

    public init() {
        bytes.reserveCapacity(256)
    }

    public var output: String { String(decoding: bytes, as: UTF8.self) }

    public enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    public mutating func beginObject() { separate(); bytes.append(0x7B); open() }
    public mutating func endObject() { bytes.append(0x7D); close() }

    private mutating func open() { nesting.open() }

    private mutating func close() { nesting.close() }

    public mutating func field(_ key: StaticString, _ value: Value) {
        self.key(key)
        switch value {
        case .string(let s): Self.appendString(s, to: &bytes)
        case .int(let n): Self.appendInt(n, to: &bytes)
        case .bool(let b): Self.appendRaw(b ? "true" : "false", to: &bytes)
        case .null: Self.appendRaw("null", to: &bytes)
        }
    }

    public mutating func field(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { Self.appendString(value, to: &bytes) } else { Self.appendRaw("null", to: &bytes) }
    }

    public mutating func field(_ key: StaticString, _ value: Int) { field(key, .int(value)) }

    /// A field whose value is an object, written next: its fields, then `endObject()`.
    public mutating func beginObject(field key: StaticString) {
        self.key(key)
        bytes.append(0x7B)
        open()
    }

    /// A field whose value is JSON already written (an object or an array).
    public mutating func field(_ key: StaticString, json value: String) {
        self.key(key)
        bytes += value.utf8
    }

    /// A string field given as the bytes JSON writes between its quotes (see `JSONFields`).
    public mutating func field(_ key: StaticString, escaped value: UnsafeBufferPointer<UInt8>) {
        assert(JSONBytes.firstSpecial(value, from: 0) == value.count, "JSONWriter: a byte to escape in an escaped string")
        self.key(key)
        bytes.append(0x22)
        bytes.append(contentsOf: value)
        bytes.append(0x22)
    }

    /// A key: a literal, written as it is (keys are plain words).
    private mutating func key(_ k: StaticString) {
        nesting.checkOrder(k)
        separate()
        bytes.append(0x22)
        Self.appendRaw(k, to: &bytes)
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    private mutating func separate() {
        if nesting.member() { bytes.append(0x2C) }
    }

    @inline(__always) public static func appendRaw(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    public static func appendInt(_ n: Int, to out: inout [UInt8]) {
        if n < 0 {
            out.append(0x2D)
            if n == .min { out.append(contentsOf: String(n).utf8.dropFirst()); return }
            appendInt(-n, to: &out)
            return
        }
        if n < 10 { out.append(0x30 + UInt8(n)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = n, k = 20
            while v > 0 {
                k -= 1
                digits[k] = 0x30 + UInt8(v % 10)
                v /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[k..<20]))
        }
    }

    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// A JSON string of valid UTF-8 bytes.
    public static func appendString(utf8 b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var run = 0 // start of the bytes not yet copied
        while true {
            let i = JSONBytes.firstSpecial(b, from: run)
            guard i < b.count else { break }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
            run = i + 1
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { t in
                let k = JSONBytes.writeEscape(b[i], to: t.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: t[0..<k]))
            }
        }
        if run < b.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count])) }
        out.append(0x22)
    }
}

/// What a JSON writer (`JSONWriter`, `JSONFieldSink`) keeps of the objects and arrays it has open:
/// whether each has a member already, so that the next one follows a comma, and in debug builds
/// the last key of each, so that keys are seen to ascend.
struct JSONNesting {
    /// One bit per open object or array (innermost lowest): whether it has a member already.
    private var needsComma: UInt64 = 0
    private var depth = 0
    #if DEBUG
    /// The last key written in each open object, to check that keys ascend.
    private var lastKeys: [String?] = []
    #endif

    /// True when a comma goes before the member about to be written; the innermost object or
    /// array has a member from now on. False outside any object.
    mutating func member() -> Bool {
        guard depth > 0 else { return false }
        if needsComma & 1 != 0 { return true }
        needsComma |= 1
        return false
    }

    mutating func open() {
        precondition(depth < 64, "JSON writer: nested deeper than 64")
        needsComma <<= 1
        depth += 1
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    mutating func close() {
        needsComma >>= 1
        depth -= 1
        #if DEBUG
        lastKeys.removeLast()
        #endif
    }

    /// In debug builds, that `key` comes after the innermost object's last key in the order of
    /// `JSONValue.keyPrecedes` (what `.sortKeys` writes).
    mutating func checkOrder(_ key: StaticString) {
        #if DEBUG
        let name = key.description
        if let last = lastKeys.last, let previous = last {
            assert(JSONValue.keyPrecedes(previous, name), "JSON writer: key '\(name)' written after '\(previous)'; keys must ascend")
        }
        if !lastKeys.isEmpty { lastKeys[lastKeys.count - 1] = name }
        #endif
    }
}

/// A small JSON writer for records on hot paths: keys in the order given, strings escaped as
/// RFC 8259 requires (quote, backslash, control characters), everything else written as UTF-8.
/// Foundation's JSONSerialization with sorted keys spends most of its time comparing keys with
/// ICU collation; records whose keys are written already sorted do not need that.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = []

    public init() {
        output.reserveCapacity(256)
    }

    public enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    public mutating func beginObject() { separate(); output += "{"; needsComma.append(false) }
    public mutating func endObject() { output += "}"; needsComma.removeLast() }
    public mutating func beginArray(_ key: String) { self.key(key); output += "["; needsComma.append(false) }
    public mutating func endArray() { output += "]"; needsComma.removeLast() }

    public mutating func field(_ key: String, _ value: Value) {
        self.key(key)
        switch value {
        case .string(let s): Self.appendString(s, to: &output)
        case .int(let n): output += String(n)
        case .bool(let b): output += b ? "true" : "false"
        case .null: output += "null"
        }
    }

    public mutating func field(_ key: String, _ value: String?) { field(key, value.map(Value.string) ?? .null) }
    public mutating func field(_ key: String, _ value: Int) { field(key, .int(value)) }

    private mutating func key(_ k: String) {
        separate()
        Self.appendString(k, to: &output)
        output += ":"
    }

    private mutating func separate() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { output += "," } else { needsComma[needsComma.count - 1] = true }
    }

    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}

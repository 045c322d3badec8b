import Foundation

/// A JSON document as a value, and the one serializer of every JSON file Attest writes that is
/// not a hot-path record (those go through `JSONWriter` directly).
///
/// `serialized(...)` writes exactly what Foundation's `JSONSerialization` writes for the same
/// value with `.sortedKeys`, `.withoutEscapingSlashes` and optionally `.prettyPrinted` (checked by
/// a property test), but with the key order fixed to one locale instead of the process's, and with
/// a script-safe mode for JSON embedded in an HTML `<script>` element.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order given; `serialized(sortKeys: true)` sorts them.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// An optional string: `null` when absent.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    public struct Options: Sendable, OptionSet {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Two-space indentation and `"key" : value`, as Foundation prints.
        public static let pretty = Options(rawValue: 1)
        /// Keys in the order of `keyPrecedes` (Foundation's `.sortedKeys`).
        public static let sortKeys = Options(rawValue: 2)
        /// `<`, `>`, `&`, U+2028, U+2029 and DEL as `\uXXXX`: safe inside an HTML `<script>`.
        public static let scriptSafe = Options(rawValue: 4)
    }

    /// The text of the value.
    public func serialized(_ options: Options = [.sortKeys]) -> String {
        var out: [UInt8] = []
        write(to: &out, options: options, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The order of `.sortKeys`: Foundation's (numeric, case-insensitive, forced ordering) in the
    /// locale `en_001`, which is what `Locale.current` is on Linux whatever `LANG` says. Fixed here
    /// so that output never depends on the environment.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: nil, locale: keyLocale) == .orderedAscending
    }

    private static let keyLocale = Locale(identifier: "en_001")

    /// The positions of `keys` in the order of `keyPrecedes`: the permutation that sorting the
    /// members by their keys gives (the same comparisons, so the same order). Remembered per list of
    /// keys, as most objects of a report have the same keys and a comparison asks the locale's
    /// collation (sorting was a sixth of `attest audit --out`'s instructions).
    static func keyOrder(_ keys: [String]) -> [Int] {
        if let known = orders.order(of: keys) { return known }
        let order = sortedKeyOrder(keys)
        orders.remember(order, of: keys)
        return order
    }

    /// `keyOrder` without the memo.
    static func sortedKeyOrder(_ keys: [String]) -> [Int] {
        keys.indices.sorted { keyPrecedes(keys[$0], keys[$1]) }
    }

    private static let orders = KeyOrders()

    /// The orders already worked out, shared by the threads that write reports (bounded: past
    /// 4,096 lists of keys, new ones are sorted every time).
    private final class KeyOrders: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [[String]: [Int]] = [:]

        func order(of keys: [String]) -> [Int]? {
            lock.lock()
            defer { lock.unlock() }
            return known[keys]
        }

        func remember(_ order: [Int], of keys: [String]) {
            lock.lock()
            defer { lock.unlock() }
            if known.count < 4_096 { known[keys] = order }
        }
    }

    private func write(to out: inout [UInt8], options: Options, indent: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let n): JSONWriter.appendInt(n, to: &out)
        case .double(let d): out += Array(Self.number(d).utf8)
        case .string(let s):
            if options.contains(.scriptSafe) { out += Array(Self.scriptSafeString(s).utf8) } else { JSONWriter.appendString(s, to: &out) }
        case .array(let items):
            writeContainer(open: 0x5B, close: 0x5D, count: items.count, to: &out, options: options, indent: indent) { i, out in
                items[i].write(to: &out, options: options, indent: indent + 2)
            }
        case .object(let members):
            let ordered = options.contains(.sortKeys) ? Self.keyOrder(members.map(\.0)).map { members[$0] } : members
            writeContainer(open: 0x7B, close: 0x7D, count: ordered.count, to: &out, options: options, indent: indent) { i, out in
                if options.contains(.scriptSafe) { out += Array(Self.scriptSafeString(ordered[i].0).utf8) } else {
                    JSONWriter.appendString(ordered[i].0, to: &out)
                }
                out += options.contains(.pretty) ? Array(" : ".utf8) : [0x3A]
                ordered[i].1.write(to: &out, options: options, indent: indent + 2)
            }
        }
    }

    private func writeContainer(open: UInt8, close: UInt8, count: Int, to out: inout [UInt8], options: Options, indent: Int,
                                item: (Int, inout [UInt8]) -> Void) {
        out.append(open)
        let pretty = options.contains(.pretty)
        if pretty { out.append(0x0A) }
        if pretty && count == 0 { out.append(0x0A) }
        for i in 0..<count {
            if i > 0 { out += pretty ? [0x2C, 0x0A] : [0x2C] }
            if pretty { out += [UInt8](repeating: 0x20, count: indent + 2) }
            item(i, &out)
        }
        if pretty {
            if count > 0 { out.append(0x0A) }
            out += [UInt8](repeating: 0x20, count: indent)
        }
        out.append(close)
    }

    /// A number as Foundation writes it: the shortest form that reads back, without `.0`.
    static func number(_ d: Double) -> String {
        let s = d.description
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// A string literal safe inside a `<script>` element.
    public static func scriptSafeString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += unicodeEscape(u.value)
            default:
                if u.value < 0x20 || u.value == 0x7F { out += unicodeEscape(u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

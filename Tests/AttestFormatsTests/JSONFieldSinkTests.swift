import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

/// `JSONFieldSink` writes the bytes `JSONWriter` writes for the same calls: random records of
/// fields in key order, with strings that need escaping, strings longer than the sink writes
/// straight into its buffer, numbers at their limits, nested objects, and records longer than
/// the buffer, so that it flushes in the middle.
final class JSONFieldSinkTests: XCTestCase {
    /// Keys in the order `JSONValue.keyPrecedes` gives them.
    static let keys: [StaticString] = ["a", "attribution", "b", "date", "delegation", "document", "evidence",
                                       "evidence_end", "group", "has_text", "id", "index", "key", "kind",
                                       "line", "on_behalf_of", "speaker", "text", "type", "z"]

    enum Piece {
        case string(String?), int(Int), value(JSONWriter.Value), json(String), object([(Int, Piece)])
        /// a string given as the bytes JSON writes for it (`field(_:escaped:)`; nothing to escape)
        case escaped(String)
    }

    func write<W: JSONFields & ~Copyable>(_ fields: [(Int, Piece)], to w: inout W) {
        w.beginObject()
        for (k, piece) in fields {
            let key = Self.keys[k]
            switch piece {
            case .string(let s): w.field(key, s)
            case .int(let n): w.field(key, n)
            case .value(let v): w.field(key, v)
            case .json(let j): w.field(key, json: j)
            case .escaped(let e):
                var bytes = e
                bytes.withUTF8 { w.field(key, escaped: $0) }
            case .object(let inner):
                w.beginObject(field: key)
                for (k2, p2) in inner {
                    if case .string(let s) = p2 { w.field(Self.keys[k2], s) }
                }
                w.endObject()
            }
        }
        w.endObject()
    }

    func randomString(_ rng: inout SplitMix64) -> String {
        let pieces = ["a", "Iran (Islamic Republic of)", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}",
                      "\u{7F}", "é", "\u{00A0}", "’", "😀", "resolution 2482 (2019)", "/"]
        var s = ""
        let n = rng.below(4) == 0 ? 200 + rng.below(400) : rng.below(12)
        for _ in 0..<n { s += rng.pick(pieces) }
        return s
    }

    func randomRecord(_ rng: inout SplitMix64) -> [(Int, Piece)] {
        var fields: [(Int, Piece)] = []
        for k in Self.keys.indices where rng.below(2) == 0 {
            let piece: Piece
            switch rng.below(8) {
            case 0: piece = .string(nil)
            case 1: piece = .int(rng.pick([0, 7, -1, 10, 99, 100, 123_456_789, Int.max, Int.min, -42]))
            case 2: piece = .value(rng.pick([.bool(true), .bool(false), .null, .int(2482), .string(randomString(&rng))]))
            case 3: piece = .json(rng.pick(["[]", "[\"Niger\",\"Tunisia\"]", "{}"]))
            case 5:
                // a string with nothing to escape, given as its bytes
                piece = .escaped(randomString(&rng).filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } })
            case 4:
                let inner = Self.keys.indices.filter { _ in rng.below(3) == 0 }.map { ($0, Piece.string(randomString(&rng))) }
                piece = .object(inner)
            default: piece = .string(randomString(&rng))
            }
            fields.append((k, piece))
        }
        return fields
    }

    func testSameBytesAsJSONWriter() {
        var rng = SplitMix64(state: 2396)
        var longest = 0
        for _ in 0..<3_000 {
            // several records one after another, as `attest match` writes a piece of lines
            let records = (0..<(1 + rng.below(4))).map { _ in randomRecord(&rng) }
            let prefix = Array("{\"findings\":[]".utf8)
            var writer = JSONWriter()
            writer.bytes = prefix
            var lent = prefix
            var sink = JSONFieldSink(taking: &lent)
            XCTAssertTrue(lent.isEmpty)
            for r in records {
                write(r, to: &writer)
                write(r, to: &sink)
            }
            var out: [UInt8] = []
            sink.take(into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: writer.bytes, as: UTF8.self))
            XCTAssertTrue(sink.bytes.isEmpty)
            longest = max(longest, out.count)
        }
        // some records are longer than the sink's buffer (4,096 bytes)
        XCTAssertGreaterThan(longest, 8_192)
    }

    /// A string given as its bytes (`field(_:escaped:)`) is written as the string itself is, by
    /// both writers: long ones (past the sink's buffer) and empty ones included.
    func testEscapedBytesAreWrittenAsTheirString() {
        var rng = SplitMix64(state: 2195)
        var long = 0
        for k in 0..<1_000 {
            var s = randomString(&rng).filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } }
            // one in ten past the sink's buffer of 4,096 bytes
            if k % 10 == 0 { s = String(repeating: s + "resolution 2482 (2019) ", count: 1 + 5_000 / (s.utf8.count + 23)) }
            if s.utf8.count > 4_096 { long += 1 }
            var copy = s
            func both<W: JSONFields & ~Copyable>(_ w: inout W, escaped: Bool) {
                w.beginObject()
                w.field("id", "s1")
                if escaped { copy.withUTF8 { w.field("text", escaped: $0) } } else { w.field("text", s) }
                w.field("type", "statement")
                w.endObject()
            }
            var a = JSONWriter(), b = JSONWriter()
            both(&a, escaped: true)
            both(&b, escaped: false)
            XCTAssertEqual(a.output, b.output)
            var c = JSONFieldSink(), d = JSONFieldSink()
            both(&c, escaped: true)
            both(&d, escaped: false)
            var outC: [UInt8] = [], outD: [UInt8] = []
            c.take(into: &outC)
            d.take(into: &outD)
            XCTAssertEqual(outC, outD)
            XCTAssertEqual(String(decoding: outC, as: UTF8.self), b.output)
        }
        XCTAssertGreaterThan(long, 20)
    }

    /// The output parses as JSON with the values written (escaping checked by a real parser).
    func testOutputParses() throws {
        var rng = SplitMix64(state: 2462)
        for _ in 0..<500 {
            let s = randomString(&rng)
            var sink = JSONFieldSink()
            sink.beginObject()
            sink.field("line", -7)
            sink.field("text", s)
            sink.endObject()
            var out: [UInt8] = []
            sink.take(into: &out)
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
            XCTAssertEqual(parsed["text"] as? String, s)
            XCTAssertEqual(parsed["line"] as? Int, -7)
        }
    }
}

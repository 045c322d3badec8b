@testable import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

/// The one JSON serializer writes what Foundation's JSONSerialization writes (sorted keys, no
/// escaped slashes, compact and pretty), so that replacing it changed no report byte.
final class JSONValueTests: XCTestCase {
    static let pieces = ["a", "B", "é", "e\u{301}", "ß", "_", "-", ".", " ", "9", "10", "ä", "Å", "/", "\"", "\\", "\n", "\t",
                         "\u{1}", "\u{7F}", "\u{2028}", "<", "&", "日本", "😀", "x"]

    func randomString(_ rng: inout SplitMix64) -> String {
        (0..<rng.below(6)).map { _ in rng.pick(Self.pieces) }.joined()
    }

    func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> (JSONValue, Any) {
        switch rng.below(depth > 3 ? 5 : 8) {
        case 0: return (.null, NSNull())
        case 1: let b = rng.below(2) == 0; return (.bool(b), b)
        case 2: let n = Int(truncatingIfNeeded: rng.next()) >> rng.below(64); return (.int(n), n)
        case 3:
            let d = rng.pick([0.1, 0.895, 1.0, 100.0, 1e-7, 2.5e20, 1e21, 0.30000000000000004, 123456789.123, -3.5])
            return (.double(d), d)
        case 4: let s = randomString(&rng); return (.string(s), s)
        case 5, 6:
            var members: [(String, JSONValue)] = [], dict: [String: Any] = [:]
            for _ in 0..<rng.below(6) {
                let k = randomString(&rng)
                guard dict[k] == nil, !members.contains(where: { $0.0 == k }) else { continue }
                let (v, f) = randomValue(&rng, depth: depth + 1)
                members.append((k, v))
                dict[k] = f
            }
            return (.object(members), dict)
        default:
            var items: [JSONValue] = [], array: [Any] = []
            for _ in 0..<rng.below(5) {
                let (v, f) = randomValue(&rng, depth: depth + 1)
                items.append(v)
                array.append(f)
            }
            return (.array(items), array)
        }
    }

    func testWritesWhatJSONSerializationWrites() throws {
        var rng = SplitMix64(state: 2482)
        for round in 0..<2000 {
            let (value, foundation) = randomValue(&rng)
            guard case .object = value else { continue }
            for (ours, theirs) in [(JSONValue.Options.sortKeys, JSONSerialization.WritingOptions([.sortedKeys, .withoutEscapingSlashes])),
                                   ([.sortKeys, .pretty], [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])] {
                let expected = String(decoding: try JSONSerialization.data(withJSONObject: foundation, options: theirs), as: UTF8.self)
                let produced = value.serialized(ours)
                XCTAssertEqual(produced, expected, "round \(round)")
                if produced != expected { return }
            }
        }
    }

    func testScriptSafeStringsCannotCloseAScriptElement() {
        let s = JSONValue.string("</script><!-- & \u{2028}\u{2029}\u{7F}").serialized([.scriptSafe])
        XCTAssertFalse(s.contains("<") || s.contains(">") || s.contains("&") || s.contains("\u{2028}"), s)
        XCTAssertEqual(s, #""\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029\u007f""#)
    }

    /// The order of an object's keys is remembered per list of keys (`keyOrder`); lists met again,
    /// or with the same keys in another order, must still come out as sorting them gives.
    func testRememberedKeyOrdersAreTheSortedOnes() {
        let pool = ["id", "ID", "rule", "rule_id", "rule-id", "a9", "a10", "a2", "speaker", "sentence", "sentence_end", "on_behalf_of",
                    "Élan", "elan", "zeta", "_x", "-y", "date", "Date", "x1y", "x01y", "évidence", "evidence"]
        var rng = SplitMix64(state: 40_96)
        var lists: [[String]] = []
        for round in 0..<3_000 {
            var keys: [String]
            if round % 3 == 0, let seen = lists.randomElement(using: &rng) {
                keys = seen.shuffled(using: &rng)
            } else {
                keys = (0..<(1 + rng.below(8))).map { _ in rng.pick(pool) }
            }
            lists.append(keys)
            let expected = keys.sorted { JSONValue.keyPrecedes($0, $1) }
            XCTAssertEqual(JSONValue.keyOrder(keys).map { keys[$0] }, expected, "\(keys)")
            XCTAssertEqual(JSONValue.keyOrder(keys).map { keys[$0] }, expected, "remembered: \(keys)")
        }
    }

    func testStreamingWriterKeysFollowTheSameOrder() {
        XCTAssertTrue(JSONValue.keyPrecedes("sentence", "sentence_end"))
        XCTAssertTrue(JSONValue.keyPrecedes("on_behalf_of", "speaker"))
        XCTAssertTrue(JSONValue.keyPrecedes("a9", "a10"), "numeric order, as Foundation")
        var w = JSONWriter()
        w.beginObject()
        w.field("end", 2)
        w.field("start", 1)
        w.endObject()
        XCTAssertEqual(w.output, #"{"end":2,"start":1}"#)
    }
}

/// `ByteSink.int` writes what `String(n)` writes, for every length of number, both signs and the
/// extremes, across buffer flushes.
final class ByteSinkTests: XCTestCase {
    func testIntegersAreWrittenAsStringWritesThem() {
        var rng = SplitMix64(state: 10)
        var numbers = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 65_535, -1, -9, -10, -100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var p = 1
        for _ in 0..<18 {
            p *= 10
            numbers += [p - 1, p, p + 1, -p, -(p - 1)]
        }
        for _ in 0..<5_000 { numbers.append(Int(bitPattern: UInt(rng.next())) >> rng.below(64)) }
        // every number of up to five digits (the four-byte path of two to four digits and its ends)
        numbers += Array(-10...100_000)
        var out: [UInt8] = []
        var sink = ByteSink()
        for n in numbers {
            sink.reserve(22, &out)
            sink.int(n)
            sink.byte(0x2C)
        }
        sink.flush(&out)
        // (number by number: the first wrong one is reported, not a megabyte of text)
        let written = String(decoding: out, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(written.count, numbers.count)
        let wrong = zip(numbers, written).first { String($0.0) != $0.1 }
        XCTAssertNil(wrong, "\(wrong.map { "\($0.0) written as \($0.1)" } ?? "")")
    }

    /// Copying 16 bytes at a time writes exactly the bytes asked for, whatever their length and
    /// place, across flushes; what it writes past them is overwritten by what comes next.
    func testCopiesInChunksOf16AreTheBytes() {
        var rng = SplitMix64(state: 16)
        let source = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) } + [UInt8](repeating: 0xFF, count: 16)
        var out: [UInt8] = [], expected: [UInt8] = []
        var sink = ByteSink()
        source.withUnsafeBufferPointer { s in
            for _ in 0..<3_000 {
                let start = rng.below(300), n = rng.below(min(40, 300 - start) + 1)
                sink.reserve(n + 16, &out)
                let at = sink.next
                sink.copy(chunksOf16: s.baseAddress! + start, count: n)
                XCTAssertEqual(sink.next - at, n)
                expected += s[start..<start + n]
                sink.reserve(1, &out)
                sink.byte(0x2C)
                expected.append(0x2C)
            }
        }
        sink.flush(&out)
        XCTAssertEqual(out, expected)
    }
}

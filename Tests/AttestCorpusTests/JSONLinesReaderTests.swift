import Foundation
import AttestCorpus
import AttestFormats
import AttestTestSupport
import XCTest

final class JSONLinesReaderTests: XCTestCase {
    func testReadsRecordsAndKeepsGoingPastABrokenLine() {
        let text = """
        {"id": "a1", "speaker": "Mr. Abarry", "delegation": "the Niger", "text": "We cite resolution 2482 (2019)."}
        {"id": 2, "speaker": "Ms. X", "delegation": "Nigeria", "text": "Nigeria speaks."}
        {"id": "broken", "text": 
        [1, 2]

        {"speaker": "Vietnam", "text": "Viet Nam speaks."}
        {"id": "c", "delegation": "Friends of the Earth", "kind": "civil-society", "text": "We speak."}
        {"id": "d", "speaker": "Someone"}
        """
        let r = JSONLinesReader().read(SourceText(path: "d.jsonl", text: text))
        XCTAssertEqual(r.statements.map(\.delegation), ["Niger", "Nigeria", "Viet Nam", "Friends of the Earth"])
        XCTAssertEqual(r.statements.map(\.kind), [.state, .state, .state, .civilSociety])
        XCTAssertEqual(r.statements.map(\.id), ["a1", "2", nil, "c"])
        XCTAssertEqual(r.statements.map(\.line), [1, 2, 6, 7])
        XCTAssertEqual(r.statements.map(\.index), [0, 1, 2, 3])
        XCTAssertEqual(r.warnings.map(\.description), [
            "d.jsonl:3: warning: skipped line: not valid JSON",
            "d.jsonl:4: warning: skipped line: not a JSON object",
            "d.jsonl:8: warning: skipped line: no \"text\" string",
        ])
    }

    /// Lines are numbered as written: blank lines (spaces, tabs, U+00A0, U+2028) count and are
    /// skipped, CR LF and a lone CR end lines (SourceText makes them line feeds), a last line
    /// without a line end is read, and offsets are those of the text.
    func testLineNumbersOffsetsAndBlankLines() throws {
        let a = #"{"delegation": "France", "text": "One."}"#
        let b = #"{"delegation": "Niger", "text": "Two\u00e9."}"#
        let raw = "\n  \t\n" + a + "\r\n\u{00A0}\u{2028}\r" + b
        let source = try SourceText.decode(path: "d.jsonl", data: Data(raw.utf8))
        let r = JSONLinesReader().read(source)
        XCTAssertEqual(r.statements.map(\.line), [3, 5])
        XCTAssertEqual(r.statements.map(\.text), ["One.", "Twoé."])
        XCTAssertEqual(r.statements.map(\.delegation), ["France", "Niger"])
        let text = Array(source.text.utf8)
        for s in r.statements { XCTAssertEqual(text[s.start], UInt8(ascii: "{")) }
        XCTAssertEqual(r.warnings, [])
        // a line that is a space and then a JSON object is not blank
        XCTAssertEqual(JSONLinesReader().read(SourceText(path: "d.jsonl", text: "   " + a)).statements.count, 1)
    }

    /// A name's attribution is worked out once and kept (`LookupCache`): a line that speaks on
    /// behalf of others changes its own statement only, never the lines of the same delegation
    /// before or after it, and each spelling of a name keeps its own evidence.
    func testAKeptAttributionIsNotChangedByAnOnBehalfOfLine() {
        let text = """
        {"delegation": "the Niger", "text": "We welcome the report."}
        {"delegation": "the Niger", "text": "I have the honour to speak on behalf of the three African members of the Security Council, namely, South Africa, Tunisia and the Niger."}
        {"delegation": "the Niger", "text": "We welcome the report."}
        {"delegation": "Niger", "text": "We welcome the report."}
        """
        let reader = JSONLinesReader()
        for _ in 0..<2 {
            let r = reader.read(SourceText(path: "d.jsonl", text: text))
            XCTAssertEqual(r.statements.map(\.delegation), ["Niger", "Niger", "Niger", "Niger"])
            XCTAssertEqual(r.statements.map(\.capacity), [.national, .onBehalfOf, .national, .national])
            XCTAssertEqual(r.statements.map(\.onBehalfOf), [[], ["South Africa", "Tunisia", "Niger"], [], []])
            XCTAssertEqual(r.statements.map { $0.attribution?.evidence }, ["the Niger", "the Niger", "the Niger", "Niger"])
            XCTAssertEqual(r.statements.map { $0.attribution?.method }, Array(repeating: .gazetteerEntry, count: 4))
        }
    }

    /// `statement(utf8:…rawText:)` tells where a flat line holds its text without escapes (the
    /// bytes between the quotes, which are the text's UTF-8), and nothing for a text with an
    /// escape, a line read by JSONSerialization (a number, nesting), or a line that is no statement.
    func testRawTextIsTheTextsBytesWhenTheLineHasNoEscapes() {
        let reader = JSONLinesReader()
        let cases: [(String, Bool)] = [
            (#"{"id": "a", "delegation": "France", "text": "We recall resolution 2482 (2019) – “all”."}"#, true),
            (#"{"text": "Ünïcode é", "speaker": "Mr. X", "delegation": "Niger"}"#, true),
            (#"{"delegation": "France", "text": ""}"#, true),
            (#"{"delegation": "France", "text": "Line\nbreak"}"#, false),
            (#"{"delegation": "France", "text": "\u00e9"}"#, false),
            (#"{"delegation": "France", "text": "a \"quote\""}"#, false),
            (#"{"delegation": "France", "text": "plain", "index": 3}"#, false),
            (#"{"delegation": "France", "text": "plain", "extra": {"x": 1}}"#, false),
            (#"{"delegation": "France", "text": "plain", "text": "again"}"#, false),
            (#"{"delegation": "France", "texts": "plain"}"#, false),
        ]
        for (line, plain) in cases {
            let bytes = Array(line.utf8)
            var raw: Range<Int>? = 0..<1
            let result = bytes.withUnsafeBufferPointer {
                reader.statement(utf8: $0, line: 1, start: 0, document: "d", index: 0, rawText: &raw)
            }
            guard plain else {
                XCTAssertNil(raw, line)
                continue
            }
            guard let raw, case .success(let (statement, _)) = result else { return XCTFail(line) }
            XCTAssertEqual(Array(bytes[raw]), Array(statement.text.utf8), line)
            XCTAssertEqual(bytes[raw.lowerBound - 1], UInt8(ascii: "\""), line)
            XCTAssertEqual(bytes[raw.upperBound], UInt8(ascii: "\""), line)
        }
    }

    func testUnknownDelegationIsKeptWithAWarning() {
        let r = JSONLinesReader().read(SourceText(path: "d.jsonl", text: #"{"speaker": "Mr. Nobody", "delegation": "Atlantis", "text": "Hi."}"#))
        XCTAssertEqual(r.statements.first?.delegation, "Atlantis")
        XCTAssertEqual(r.statements.first?.kind, .unknown)
        XCTAssertEqual(r.warnings.map(\.message), ["unrecognised delegation 'Atlantis'"])
    }

    /// `statement(utf8:)` validates a line once, as it reads it: nil exactly when the bytes are
    /// not UTF-8 (wherever the bad byte is: in a string, beside an escape, outside the object),
    /// and otherwise the statement (or the failure) that reading the line as a String gives.
    func testStatementFromBytesIsNilExactlyWhenTheLineIsNotUTF8() {
        var rng = SplitMix64(state: 15)
        let pieces: [[UInt8]] = [
            Array("resolution 2482".utf8), Array(#"\u00e9"#.utf8), Array(#"\n"#.utf8), Array(#"\\"#.utf8), Array(#"\""#.utf8),
            Array(#"\ud83d\ude00"#.utf8), Array(#"\ud800"#.utf8), Array(#"\u0000"#.utf8), Array("é".utf8), Array("\u{2011}".utf8),
            Array("\u{00A0}".utf8), Array("𝄞".utf8), [0xC3], [0xA9], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xC0, 0xAF], [0xFF], [0x80], [0xF1, 0x80, 0x80], [0x01], Array(" on behalf of ".utf8), Array("Mr. X".utf8),
        ]
        func string() -> [UInt8] {
            var s: [UInt8] = [0x22]
            for _ in 0..<rng.below(5) { s += rng.pick(pieces) }
            return s + [0x22]
        }
        let reader = JSONLinesReader()
        var invalid = 0, flat = 0
        for _ in 0..<4000 {
            var line: [UInt8] = Array("{\"delegation\":".utf8) + (rng.below(8) == 0 ? string() : Array("\"France\"".utf8))
            if rng.below(3) == 0 { line += Array(",\"id\":".utf8) + string() }
            if rng.below(6) == 0 { line += Array(",\"index\":7".utf8) }
            if rng.below(6) == 0 { line += Array(",\"speaker\":null".utf8) }
            line += Array(",\"text\":".utf8) + string() + [0x7D]
            if rng.below(10) == 0 { line.insert(rng.pick([0xFF, 0xC3, 0x20]), at: rng.below(line.count + 1)) }
            let valid = UTF8Validation.isValid(line)
            let fromBytes = line.withUnsafeBufferPointer { reader.statement(utf8: $0, line: 3, start: 10, document: "d", index: 2) }
            guard valid else {
                invalid += 1
                XCTAssertNil(fromBytes, String(decoding: line, as: UTF8.self))
                continue
            }
            let fromString = reader.statement(Substring(String(decoding: line, as: UTF8.self)), line: 3, start: 10, document: "d", index: 2)
            switch (fromBytes, fromString) {
            case (.success(let a)?, .success(let b)):
                flat += 1
                XCTAssertEqual(a.0, b.0)
                XCTAssertEqual(a.1, b.1)
            case (.failure(let a)?, .failure(let b)):
                XCTAssertEqual(a.message, b.message)
            default:
                XCTFail("\(String(decoding: line, as: UTF8.self)): \(String(describing: fromBytes)) against \(fromString)")
            }
        }
        // both kinds of line were made, often
        XCTAssertGreaterThan(invalid, 300)
        XCTAssertGreaterThan(flat, 300)
    }
}

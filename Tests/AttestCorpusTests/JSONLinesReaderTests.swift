import Foundation
import AttestCorpus
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

    func testUnknownDelegationIsKeptWithAWarning() {
        let r = JSONLinesReader().read(SourceText(path: "d.jsonl", text: #"{"speaker": "Mr. Nobody", "delegation": "Atlantis", "text": "Hi."}"#))
        XCTAssertEqual(r.statements.first?.delegation, "Atlantis")
        XCTAssertEqual(r.statements.first?.kind, .unknown)
        XCTAssertEqual(r.warnings.map(\.message), ["unrecognised delegation 'Atlantis'"])
    }
}

import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

final class TextFormatsTests: XCTestCase {
    // MARK: CSV

    func testCSVFieldsQuoteAndNeutralise() {
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.field("=1+1"), "'=1+1")
        XCTAssertEqual(CSV.field(",\u{301}"), "\",\u{301}\"", "a comma with a combining mark is still a comma")
        XCTAssertEqual(CSV.field("a\tb", separator: "\t"), "a b")
    }

    /// OWASP: a cell starting with TAB or CR before `=` is a formula to some spreadsheets.
    func testTabOrCarriageReturnBeforeAFormulaIsNeutralised() {
        XCTAssertEqual(Escaping.neutralisingFormula("\t=1+1"), "'\t=1+1")
        XCTAssertEqual(Escaping.neutralisingFormula("\r\t@SUM(A1)"), "'\r\t@SUM(A1)")
        XCTAssertEqual(Escaping.neutralisingFormula("\tplain"), "\tplain")
        XCTAssertEqual(CSV.field("\r=1"), "\"'\r=1\"")
    }

    func testCSVReaderKeepsLinesAndColumnsAndQuotedLineBreaks() {
        let records = CSV.parse("\u{FEFF}a,\"b\r\nc\",d\r\né,\"x\"\"y\",z\n")
        XCTAssertEqual(records.map(\.values), [["a", "b\nc", "d"], ["é", "x\"y", "z"]])
        XCTAssertEqual(records[1].line, 3)
        XCTAssertEqual(records[1].fields.map(\.column), [1, 3, 10])
    }

    func testCSVRoundTrip() {
        var rng = SplitMix64(state: 11)
        let pieces = ["a", ",", "\"", "\n", " ", "é", "x\r\ny", "=", "-"]
        for _ in 0..<300 {
            let row = (0..<(1 + rng.below(5))).map { _ in (0..<rng.below(4)).map { _ in rng.pick(pieces) }.joined() }
                .map { $0.first.map { "=+-@".contains($0) } == true ? "x" + $0 : $0 }
            let parsed = CSV.parse(CSV.line(row) + "\n")
            XCTAssertEqual(parsed.first?.values.map { $0.replacingOccurrences(of: "\r\n", with: "\n") },
                           row.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }, "\(row)")
        }
    }

    // MARK: UTF-8

    func testUTF8ValidationAgreesWithFoundation() {
        var rng = SplitMix64(state: 5)
        let interesting: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
                                      [0x80], [0xC3], [0x41], [0xEF, 0xBF, 0xBF]]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(12) {
                bytes += rng.below(3) == 0 ? [UInt8(truncatingIfNeeded: rng.next())] : rng.pick(interesting)
            }
            let foundation = String(data: Data(bytes), encoding: .utf8) != nil
            XCTAssertEqual(UTF8Validation.isValid(bytes), foundation, "\(bytes)")
            XCTAssertEqual(UTF8Validation.string(bytes), foundation ? String(decoding: bytes, as: UTF8.self) : nil, "\(bytes)")
            XCTAssertEqual(UTF8Validation.string(bytes[...]), UTF8Validation.string(bytes), "\(bytes)")
        }
        XCTAssertEqual(UTF8Validation.firstInvalidOffset(Array("abcdefghij".utf8) + [0xFF]), 10)
    }

    /// The String of contiguous bytes (one pass of `String(decoding:)`, its bytes compared with
    /// the input's) is nil exactly when the bytes are not UTF-8, and otherwise those bytes: on
    /// random bytes, against the hand-written check and `String(validating:)`. Among the pieces:
    /// ill-formed sequences that U+FFFD replaces with as many bytes as they have (F1 80 80, E1 80
    /// before ASCII), U+FFFD itself, surrogates, overlong forms, truncated sequences.
    func testStringOfContiguousBytesIsNilExactlyWhenNotUTF8() {
        var rng = SplitMix64(state: 15)
        let interesting: [[UInt8]] = [[0xEF, 0xBF, 0xBD], [0xF1, 0x80, 0x80], [0xE1, 0x80], [0xEF, 0xBF], [0xF4, 0x8F, 0xBF],
                                      [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
                                      [0xC2, 0xA0], [0x80], [0xBD], [0xC3], [0x41], Array("resolution 2482".utf8), [0xFF]]
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(10) {
                bytes += rng.below(4) == 0 ? [UInt8(truncatingIfNeeded: rng.next())] : rng.pick(interesting)
            }
            let valid = UTF8Validation.isValid(bytes)
            let got = bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }
            XCTAssertEqual(got, valid ? String(decoding: bytes, as: UTF8.self) : nil, "\(bytes)")
            if #available(macOS 15, *) { XCTAssertEqual(got, String(validating: bytes, as: UTF8.self), "\(bytes)") }
            if let got { XCTAssertEqual(Array(got.utf8), bytes) } else { invalid += 1 }
        }
        XCTAssertGreaterThan(invalid, 5_000)
        XCTAssertEqual([UInt8]().withUnsafeBufferPointer { UTF8Validation.string($0) }, "")
        // the same length as what replaces them, and not UTF-8
        XCTAssertNil([0xF1, 0x80, 0x80, 0x41].withUnsafeBufferPointer { UTF8Validation.string($0) })
        XCTAssertEqual([0xEF, 0xBF, 0xBD].withUnsafeBufferPointer { UTF8Validation.string($0) }, "\u{FFFD}")
    }

    // MARK: Edit distance

    func testLevenshtein() {
        XCTAssertEqual(EditDistance.levenshtein("tittle", "title"), 1)
        XCTAssertEqual(EditDistance.levenshtein("", "abc"), 3)
        XCTAssertEqual(EditDistance.levenshtein("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.levenshtein("kitten", "sitting", limit: 1), 2, "gives up past the limit")
        XCTAssertEqual(EditDistance.closest(to: "tittle", in: ["id", "title", "tags"], maxDistance: 2), "title")
        XCTAssertNil(EditDistance.closest(to: "zzz", in: ["id", "title"], maxDistance: 1))
    }

    // MARK: Escaping

    func testTerminalTextCannotForgeLinesOrControlTheTerminal() {
        XCTAssertEqual(Escaping.terminal("Niger\n attest: note: forged"), "Niger\\u{A} attest: note: forged")
        XCTAssertEqual(Escaping.terminal("\u{1B}]0;title\u{7}x"), "\\u{1B}]0;title\\u{7}x")
        XCTAssertEqual(Escaping.terminal("abc\u{202E}def"), "abc\\u{202E}def")
        XCTAssertEqual(Escaping.terminal("Côte d’Ivoire\tx"), "Côte d’Ivoire\tx")
    }

    func testXMLReplacesWhatXMLCannotHold() {
        XCTAssertEqual(Escaping.xml("a<b>&\"'\r\u{1}\u{FFFE}"), "a&lt;b&gt;&amp;&quot;&apos;&#13;\u{FFFD}\u{FFFD}")
        XCTAssertEqual(Escaping.html("<a href='x'>\u{1}"), "&lt;a href=&#39;x&#39;&gt;\u{FFFD}")
    }

    func testZIPRefusesWhatItCannotWriteInsteadOfTrapping() {
        var zip = ZIPArchive()
        zip.add(path: String(repeating: "n", count: 70_000), data: Data())
        XCTAssertThrowsError(try zip.data()) { XCTAssertTrue("\($0)".contains("65,535"), "\($0)") }
    }
}

import AttestCorpus
import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

/// Offsets, lines and hashes of what was read, whatever the line ends and byte-order mark.
final class SourceOffsetTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try TestFiles.temporaryDirectory("attest-offsets") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    // regression: a NUL on line 43 of a CRLF file was reported on line 44
    func testNULAfterCRLFLinesNamesItsOwnLine() throws {
        var text = (1...42).map { #"{"delegation": "France", "text": "line \#($0)"}"# }.joined(separator: "\r\n") + "\r\n"
        text += #"{"delegation": "Chile", "text": "a NUL"# + "\u{0}" + #" here"}"# + "\r\n"
        text += (44...60).map { #"{"delegation": "France", "text": "line \#($0)"}"# }.joined(separator: "\r\n") + "\r\n"
        let loaded = CorpusLoader().load(try write("nul.jsonl", Array(text.utf8)))
        let warnings = try loaded.result.get().warnings
        XCTAssertEqual(warnings.first { $0.message.contains("NUL") }?.line, 43, "\(warnings)")
    }

    // regression: with a byte-order mark or CRLF, `start`/`end` pointed into the decoded text, not the file
    func testStartAndEndPointIntoTheFileWithABOMAndCRLF() throws {
        let lines = [#"{"delegation": "France", "text": "one"}"#, #"{"delegation": "Chile", "text": "two"}"#,
                     #"{"delegation": "Niger", "text": "three"}"#]
        for (name, bytes) in [("bom-crlf.jsonl", [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8)),
                              ("crlf.jsonl", Array(lines.joined(separator: "\r\n").utf8)),
                              ("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\n").utf8))] {
            let statements = try CorpusLoader().load(try write(name, bytes)).result.get().statements
            XCTAssertEqual(statements.count, 3)
            for (s, line) in zip(statements, lines) {
                XCTAssertEqual(String(decoding: bytes[s.start..<s.end], as: UTF8.self), line, name)
            }
        }
        // and a press release with a BOM and CRLF: each one-line paragraph is its bytes in the file
        let release = [0xEF, 0xBB, 0xBF] + Array("SC/1\r\n\r\nThe representative of France said that the Council must act.\r\n\r\nThe representative of Chile said that it would.\r\n".utf8)
        let path = try write("release.txt", release)
        let statements = try CorpusLoader(format: .pressRelease).load(path).result.get().statements
        XCTAssertFalse(statements.isEmpty)
        for s in statements {
            XCTAssertEqual(String(decoding: release[s.start..<s.end], as: UTF8.self), s.text)
        }
    }

    // regression: the reports' SHA-256 came from a second read of the file
    func testLoaderGivesTheSHA256OfTheBytesItRead() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"delegation": "France", "text": "one"}"#.utf8) + [0x0D, 0x0A]
        let loaded = CorpusLoader().load(try write("h.jsonl", bytes))
        XCTAssertEqual(loaded.sha256, SHA256.hex(bytes))
    }

    func testFileOffsetAndTextOffsetAreInverse() throws {
        let source = try SourceText.decode(path: "x", data: Data([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\r\nd".utf8)))
        XCTAssertEqual(source.text, "a\nb\nc\nd")
        XCTAssertEqual((0...7).map(source.fileOffset), [3, 4, 6, 7, 8, 9, 11, 12])
        for o in 0...7 { XCTAssertEqual(source.textOffset(fileOffset: source.fileOffset(o)), o) }
    }
}

import AttestCorpus
import Foundation
import XCTest

final class BadInputTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let url = dir.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    func failure(_ path: String) -> String? {
        if case .failure(let e) = CorpusLoader().load(path).result { return e.description }
        return nil
    }

    func testMissingFile() {
        let path = dir.appendingPathComponent("nope.txt").path
        XCTAssertEqual(failure(path), "\(path): no such file")
    }

    func testDirectory() {
        XCTAssertEqual(failure(dir.path), "\(dir.path): is a directory, not a document")
    }

    func testEmptyAndBlankFiles() {
        let empty = write("empty.txt", [])
        XCTAssertEqual(failure(empty), "\(empty): file is empty")
        let blank = write("blank.txt", Array(" \n\n \r\n".utf8))
        XCTAssertEqual(failure(blank), "\(blank): file is empty")
    }

    func testNotUTF8NamesLineAndColumn() {
        // cp1252 curly apostrophe (0x92) on line 2, after "Belgium"
        let path = write("cp1252.txt", Array("Title\n\nBelgium".utf8) + [0x92] + Array("s delegate said.".utf8))
        XCTAssertEqual(failure(path), "\(path):3:8: not UTF-8 (invalid byte at offset 14)")
    }

    func testUnreadableFile() throws {
        try XCTSkipIf(getuid() == 0, "root can read any file")
        let path = write("secret.txt", Array("x".utf8))
        chmod(path, 0)
        XCTAssertEqual(failure(path), "\(path): cannot be read")
    }

    func testNoRecognisableStatements() {
        let path = write("data.jsonl", Array("not json\n[1]\n".utf8))
        XCTAssertEqual(failure(path), "\(path): no statements recognised; skipped")
    }

    func testByteOrderMarkAndCRLFAreAccepted() throws {
        let path = write("bom.txt", [0xEF, 0xBB, 0xBF] + Array("Belgium’s delegate said yes.\r\n\r\nFrance’s representative said no.\r\n".utf8))
        guard case .success(let r) = CorpusLoader().load(path).result else { return XCTFail("not read") }
        XCTAssertEqual(r.statements.map(\.delegation), ["Belgium", "France"])
        XCTAssertEqual(r.statements.map(\.text), ["Belgium’s delegate said yes.", "France’s representative said no."])
    }

    func testOneBrokenFileDoesNotLoseTheOthers() {
        let bad = write("bad.txt", [0xFF, 0xFE])
        let loaded = CorpusLoader().load([bad, Fixtures.pressReleaseText])
        XCTAssertEqual(loaded.count, 2)
        if case .success = loaded[0].result { XCTFail("bad file read") }
        guard case .success(let r) = loaded[1].result else { return XCTFail("good file lost") }
        XCTAssertEqual(r.statements.count, 23)
    }

    /// The files are read on every core: the outcomes keep the order of the paths, and progress
    /// counts each file once, from 1 to the number of files, one call at a time.
    func testFilesReadTogetherKeepTheirOrderAndCountOnce() {
        let paths = (0..<12).map { i in
            i % 4 == 3 ? write("bad\(i).txt", [0xFF, 0xFE]) : write("s\(i).txt", Array("Belgium’s delegate said \(i).\n".utf8))
        }
        let calls = Calls()
        let loaded = CorpusLoader().load(paths) { done, total, path in calls.add(done, total, path) }
        XCTAssertEqual(loaded.map(\.path), paths)
        for (i, l) in loaded.enumerated() {
            if case .success(let r) = l.result {
                XCTAssertNotEqual(i % 4, 3)
                XCTAssertEqual(r.statements.map(\.text), ["Belgium’s delegate said \(i)."])
            } else {
                XCTAssertEqual(i % 4, 3, "\(paths[i]) not read")
            }
        }
        let seen = calls.all
        XCTAssertEqual(seen.map(\.done), Array(1...12))
        XCTAssertTrue(seen.allSatisfy { $0.total == 12 })
        XCTAssertEqual(Set(seen.map(\.path)), Set(paths))
    }

    private final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(done: Int, total: Int, path: String)] = []
        func add(_ done: Int, _ total: Int, _ path: String) { lock.lock(); calls.append((done, total, path)); lock.unlock() }
        var all: [(done: Int, total: Int, path: String)] { lock.lock(); defer { lock.unlock() }; return calls }
    }

    func testFormatDetection() {
        XCTAssertEqual(DocumentFormat.detect(path: "a.jsonl", text: "{}"), .jsonLines)
        XCTAssertEqual(DocumentFormat.detect(path: "a.html", text: "<html>"), .pressReleaseHTML)
        XCTAssertEqual(DocumentFormat.detect(path: "a.txt", text: "The President: I open the meeting."), .verbatimRecord)
        XCTAssertEqual(DocumentFormat.detect(path: "a.txt", text: "Mr. Auvaart (Estonia): Thank you."), .verbatimRecord)
        XCTAssertEqual(DocumentFormat.detect(path: "a.txt", text: "Skip to main content\n\nBriefing Security Council"), .pressRelease)
    }
}

final class UnusualTextTests: XCTestCase {
    func testNulBytesAreReadAsSpacesWithAWarning() throws {
        let bytes = Array("Belgium’s delegate said yes\u{0}\u{0}.\n\nFrance’s representative said no.\n".utf8)
        let source = try SourceText.decode(path: "nul.txt", data: Data(bytes))
        XCTAssertEqual(source.nulBytes, 2)
        let r = try CorpusLoader().read(source).get()
        XCTAssertEqual(r.statements.map(\.delegation), ["Belgium", "France"])
        XCTAssertEqual(r.statements[0].text, "Belgium’s delegate said yes  .")
        XCTAssertEqual(r.warnings.map(\.description), ["nul.txt:1: warning: 2 NUL bytes read as spaces"])
    }

    func testRightToLeftAndMixedScriptsKeepTheirOffsets() throws {
        // Arabic and Hebrew with a right-to-left mark, beside Latin text
        let text = "Mr. Abdelaziz (Egypt) (spoke in Arabic): \u{200F}نحن ندين الإرهاب\u{200F} and we cite resolution 2482 (2019). שלום.\n"
        let r = try CorpusLoader().read(SourceText(path: "rtl.txt", text: text)).get()
        let s = try XCTUnwrap(r.statements.first)
        XCTAssertEqual(s.delegation, "Egypt")
        XCTAssertEqual(s.language, "Arabic")
        XCTAssertTrue(s.text.hasPrefix("\u{200F}نحن"))
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[s.start..<s.end], as: UTF8.self), String(text.dropLast()))
    }

    /// A 20 MB paragraph with no line break is read in one pass: the reader looks for its
    /// reporting clause only at the opening and the end of a paragraph.
    func testAVeryLongSingleLineIsReadAsOneStatement() throws {
        let sentence = "Belgium’s delegate said the links between terrorism and organized crime persist. "
        let more = String(repeating: "Member States must cooperate across borders on every front. ", count: 20_000_000 / 60)
        let r = try CorpusLoader().read(SourceText(path: "long.txt", text: sentence + more)).get()
        XCTAssertEqual(r.statements.count, 1)
        XCTAssertEqual(r.statements[0].delegation, "Belgium")
        XCTAssertGreaterThan(r.statements[0].text.utf8.count, 20_000_000)
    }
}

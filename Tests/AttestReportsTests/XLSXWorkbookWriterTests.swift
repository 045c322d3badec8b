import AttestAudit
import AttestCorpus
import AttestMatching
import AttestRules
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import AttestTestSupport
import XCTest
@testable import AttestReports
import AttestModel
import AttestFormats

/// The ZIP container, read back byte by byte, and the workbook, read back by openpyxl.
final class XLSXWorkbookWriterTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = [
        "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt",
        "Corpus/unsc-2020/S-PV-8711.txt",
        "Corpus/unsc-2020/S-PV-8715.txt",
    ]
    static let hostileScript = #"=HYPERLINK("http://x","y") <script>alert(1)</script> We recall resolution 2482 (2019) & "more"."#
    static let matrixHeader = ["delegation", "kind", "iso3"]
    static let evidenceHeader = ["document", "line", "statement", "speaker", "delegation", "kind", "rule", "title", "sentence", "matched",
                                 "offsets", "date", "attribution"]

    // MARK: ZIP

    func testCRC32MatchesTheCheckValueOfTheStandard() {
        XCTAssertEqual(ZIPArchive.crc32(Data("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(ZIPArchive.crc32(Data()), 0)
        let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        XCTAssertEqual(ZIPArchive.crc32(bytes), Self.bitwiseCRC32(bytes))
    }

    func testZIPEntriesReadBackWithSignaturesCRCsAndTheCentralDirectory() throws {
        var zip = ZIPArchive()
        let entries: [(String, Data)] = [("first.txt", Data("hello".utf8)), ("dir/empty", Data()), ("données/é ü.xml", Data("<a>ü</a>".utf8))]
        for (path, data) in entries { zip.add(path: path, data: data) }
        let bytes = try zip.data()
        let parsed = try ZIPReader(bytes)
        XCTAssertEqual(parsed.entries.map(\.name), entries.map(\.0))
        XCTAssertEqual(parsed.entries.map(\.data), entries.map(\.1))
        for e in parsed.entries {
            XCTAssertEqual(e.flags & 0x0800, 0x0800, "\(e.name): names are flagged UTF-8")
            XCTAssertEqual(e.method, 0, "\(e.name): stored")
            XCTAssertEqual(e.dosDate, 0x0021, "\(e.name): 1980-01-01")
            XCTAssertEqual(e.dosTime, 0, "\(e.name): 00:00")
        }
        XCTAssertEqual(try ZIPArchive().data(), Data([0x50, 0x4b, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)), "an empty archive is its end record")
    }

    func testDeflatedEntriesInflateBackAndIncompressibleOnesAreStored() throws {
        var zip = ZIPArchive()
        let text = Data(String(repeating: "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", count: 500).utf8)
        var random = SplitMix64(state: 17)
        let noise = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        zip.add(path: "text.xml", data: text, method: .deflated)
        zip.add(path: "noise.bin", data: noise, method: .deflated)
        zip.add(path: "empty", data: Data(), method: .deflated)
        let bytes = try zip.data()
        let parsed = try ZIPReader(bytes)
        XCTAssertEqual(parsed.entries.map(\.data), [text, noise, Data()])
        XCTAssertEqual(parsed.entries.map(\.method), [8, 0, 0], "deflated when it helps, stored when it does not")
        XCTAssertLessThan(parsed.entries[0].compressedSize * 20, text.count, "repetitive XML deflates at least 20:1")
        XCTAssertEqual(try zip.data(), bytes, "the same entries give the same bytes")
    }

    func testWorkbookIsAZIPOfWellFormedOfficeOpenXMLParts() throws {
        let parsed = try ZIPReader(try XLSXWorkbookWriter().workbook(try corpusReport()))
        XCTAssertEqual(parsed.entries.map(\.name), [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        for e in parsed.entries {
            let parser = XMLParser(data: e.data)
            XCTAssertTrue(parser.parse(), "\(e.name) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        XCTAssertEqual(parsed.entries.map(\.method), Array(repeating: 8, count: parsed.entries.count), "every part is deflated")
        let sheet = try parsed.text("xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheet.contains("<pane xSplit=\"1\" ySplit=\"1\" topLeftCell=\"B2\" activePane=\"bottomRight\" state=\"frozen\"/>"),
                      "the Matrix freezes its header row and its delegation column")
        XCTAssertTrue(sheet.contains("<autoFilter ref=\"A1:"))
        XCTAssertTrue(sheet.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(XLSXWorkbookWriter.mainNS)\" "
                                      + "xmlns:r=\"\(XLSXWorkbookWriter.relNS)\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        XCTAssertTrue(sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"),
                      "the Matrix prints landscape, one page wide")
        let workbook = try parsed.text("xl/workbook.xml")
        XCTAssertTrue(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">&apos;Matrix&apos;!$A:$A,&apos;Matrix&apos;!$1:$1</definedName>"),
                      "the Matrix repeats row 1 and column A on every printed page")
        let evidence = try parsed.text("xl/worksheets/sheet2.xml")
        XCTAssertTrue(evidence.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    }

    // The Evidence sheet's statement column held the whole speech (mean 6,193 characters) where findings.jsonl has its index
    func testEvidenceStatementIsTheIndexAndTheRuleHasItsTitle() throws {
        let report = try corpusReport()
        let sheet = XLSXWorkbookWriter().evidenceSheet(report.findings, titles: Dictionary(uniqueKeysWithValues: report.rules.map { ($0.id, $0.title) }))
        XCTAssertEqual(sheet.columns.map(\.title), Self.evidenceHeader)
        let f = try XCTUnwrap(report.findings.first { $0.statement.index > 0 })
        let row = try XCTUnwrap(sheet.rows.first { $0[2].value == .number(f.statement.index) && $0[6].value == .text(f.ruleID) })
        XCTAssertEqual(row[7].value, .text(try XCTUnwrap(report.rules.first { $0.id == f.ruleID }).title))
        XCTAssertFalse(sheet.rows.contains { $0[2].value == .text(XLSXWorkbookWriter.cellText(f.statement.text)) })
    }

    func testTheSameReportGivesByteIdenticalWorkbooks() throws {
        let report = try corpusReport()
        let a = try XLSXWorkbookWriter().workbook(report)
        let b = try XLSXWorkbookWriter().workbook(try corpusReport())
        XCTAssertEqual(a, b)
        XCTAssertFalse(try ZIPReader(a).text("docProps/core.xml").contains("dcterms:created"), "no date unless the report has a timestamp")
        var stamped = report
        stamped.timestamp = "2026-01-02T03:04:05Z"
        let core = try ZIPReader(try XLSXWorkbookWriter().workbook(stamped)).text("docProps/core.xml")
        XCTAssertTrue(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-02T03:04:05Z</dcterms:created>"))
    }

    // MARK: Hostile text

    func testHostileTextIsEscapedNeutralisedAndNeverAFormula() throws {
        let zip = try ZIPReader(try XLSXWorkbookWriter().workbook(try hostileReport()))
        let strings = try zip.text("xl/sharedStrings.xml")
        XCTAssertFalse(strings.contains("<script>"))
        XCTAssertTrue(strings.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(strings.contains(">&apos;=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) &lt;script&gt;"), "statement text is prefixed with '")
        XCTAssertTrue(strings.contains("<t xml:space=\"preserve\">&apos;-1</t>"))
        XCTAssertTrue(strings.contains("<t xml:space=\"preserve\">&apos;@SUM(A1)</t>"))
        XCTAssertTrue(strings.contains("Evil\u{FFFD}Land"), "a control character is replaced, not dropped silently or written")
        XCTAssertTrue(strings.contains("_x005F_x0041_"), "a literal _xHHHH_ is kept literal")
        for e in zip.entries {
            XCTAssertFalse(e.data.contains(0x01), "\(e.name) holds U+0001")
        }
        for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            let xml = try zip.text(sheet)
            XCTAssertFalse(xml.contains("<f>") || xml.contains("<f "), "\(sheet) holds a formula")
            XCTAssertFalse(xml.contains("t=\"str\""), "\(sheet) holds a formula result")
        }
    }

    func testCellTextRules() {
        XCTAssertEqual(XLSXWorkbookWriter.cellText("=1+1"), "'=1+1")
        XCTAssertEqual(XLSXWorkbookWriter.cellText("+1"), "'+1")
        XCTAssertEqual(XLSXWorkbookWriter.cellText("@x"), "'@x")
        XCTAssertEqual(XLSXWorkbookWriter.cellText("a=1 - b"), "a=1 - b")
        XCTAssertEqual(XLSXWorkbookWriter.cellText("a\u{01}b\u{0B}c\td\ne\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\td\ne\u{FFFD}")
        let long = String(repeating: "word ", count: 10_000) + "😀"
        let cut = XLSXWorkbookWriter.cellText(long)
        XCTAssertEqual(cut.utf16.count, XLSXWorkbookWriter.maxCellLength)
        XCTAssertTrue(cut.hasSuffix(XLSXWorkbookWriter.truncationMarker))
        XCTAssertTrue(long.hasPrefix(String(cut.dropLast(XLSXWorkbookWriter.truncationMarker.count))))
        let exact = String(repeating: "x", count: XLSXWorkbookWriter.maxCellLength)
        XCTAssertEqual(XLSXWorkbookWriter.cellText(exact), exact, "text at the limit is kept whole")
    }

    func testCanonicallyEquivalentTextsKeepTheirOwnBytes() {
        var strings = XLSXWorkbookWriter.SharedStrings()
        XCTAssertEqual([strings.index(of: "Côte"), strings.index(of: "Co\u{302}te"), strings.index(of: "Côte")], [0, 1, 0])
        XCTAssertEqual(strings.references, 3)
    }

    // MARK: openpyxl

    /// The real check: openpyxl opens the workbook and finds every matrix cell, the evidence, the
    /// frozen headers and the hostile text as the report has them.
    func testOpenpyxlReadsTheCorpusAndHostileWorkbook() throws {
        try checkWithOpenpyxl(try hostileReport(), name: "aggregated")
    }

    func testOpenpyxlReadsTheWorkbookWithRowsPerDocument() throws {
        let report = try hostileReport(byDocument: true)
        XCTAssertTrue(report.matrix.rows.allSatisfy { $0.document != nil })
        try checkWithOpenpyxl(report, name: "by-document")
    }

    /// The year's workbook (161 delegations × 25 rules, written by the built `attest audit --out`)
    /// printed by LibreOffice: every delegation's name on the page of its cells, the header row on
    /// every page, and the parts deflated with print titles, frozen panes and fit-to-width.
    // LibreOffice printed the year's Matrix over 216 pages, names on other pages than their cells
    func testLibreOfficePrintsTheYearMatrixWithNamesBesideTheirCells() throws {
        let python = try requirePython()
        for tool in ["soffice", "pdftotext"] where ProcessRunner.which(tool) == nil {
            let message = "\(tool) is missing: run .ci/setup-tools"
            if ProcessInfo.processInfo.environment["ATTEST_REQUIRE_TOOLS"] == "1" { return XCTFail(message) }
            throw XCTSkip(message)
        }
        let year = try YearReportFixture.directory()
        let workbook = year.appendingPathComponent("matrix.xlsx")
        let run = try ProcessRunner.run(python, [Self.root.appendingPathComponent("Tests/Workbook/check_workbook.py").path, "--print",
                                                 workbook.path, year.appendingPathComponent("matrix.json").path], timeout: 900)
        print("check_workbook.py --print (year):\n" + run.output, terminator: "")
        XCTAssertFalse(run.timedOut, "check_workbook.py timed out:\n\(run.output)")
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains(" passed, 0 failed"), run.output)
    }

    func requirePython() throws -> URL {
        let python = Self.root.appendingPathComponent(".venv-tools/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            let message = "\(python.path) is missing: run .ci/setup-tools"
            if ProcessInfo.processInfo.environment["ATTEST_REQUIRE_TOOLS"] == "1" { throw YearReportFixture.Missing(description: message) }
            throw XCTSkip(message)
        }
        return python
    }

    func checkWithOpenpyxl(_ report: AuditReport, name: String) throws {
        let python = try requirePython()
        // ATTEST_KEEP_WORKBOOKS=DIR keeps the workbooks and expectations there, to open them by hand
        let keep = ProcessInfo.processInfo.environment["ATTEST_KEEP_WORKBOOKS"].map { URL(fileURLWithPath: $0) }
        let dir = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("attest-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let workbook = dir.appendingPathComponent("matrix-\(name).xlsx"), expected = dir.appendingPathComponent("expected-\(name).json")
        try XLSXWorkbookWriter().workbook(report).write(to: workbook)
        try JSONSerialization.data(withJSONObject: Self.expectations(report), options: [.sortedKeys]).write(to: expected)
        let run = try ProcessRunner.run(python, [Self.root.appendingPathComponent("Tests/Workbook/check_workbook.py").path, workbook.path, expected.path],
                               timeout: 120)
        print("check_workbook.py (\(name)):\n" + run.output, terminator: "")
        XCTAssertFalse(run.timedOut, "check_workbook.py timed out:\n\(run.output)")
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains(" passed, 0 failed"), run.output)
        XCTAssertFalse(run.output.contains("FAIL"), run.output)
    }

    // MARK: Reports

    func corpusStatements() throws -> [Statement] {
        try Self.corpus.flatMap { try CorpusLoader().load(Self.root.appendingPathComponent($0).path).result.get().statements }
    }

    func packs() -> [RulePack] {
        let outcome = RuleLoader().load(path: Self.root.appendingPathComponent("Rules").path)
        XCTAssertEqual(outcome.errors, [])
        return outcome.packs
    }

    func report(_ statements: [Statement], byDocument: Bool = false) -> AuditReport {
        let packs = packs()
        let findings = Auditor(rules: packs.flatMap(\.rules)).findings(statements)
        let inputs = Self.corpus.map { AuditReport.Input(path: $0, sha256: "0", statements: 0) }
        return AuditReport(attestVersion: "test", inputs: inputs, packs: packs, statements: statements, findings: findings, byDocument: byDocument)
    }

    func corpusReport() throws -> AuditReport {
        report(try corpusStatements())
    }

    /// The bundled corpus plus statements written to break a spreadsheet: markup, a formula, a
    /// delegation named `-1`, a control character, Excel's own `_xHHHH_` escape and a statement
    /// longer than a cell can hold.
    func hostileReport(byDocument: Bool = false) throws -> AuditReport {
        func statement(_ delegation: String, _ text: String, speaker: String? = nil) -> Statement {
            Statement(document: "hostile.jsonl", index: 0, speaker: speaker, delegation: delegation, kind: .state,
                      text: text, start: 0, end: text.utf8.count, line: 1)
        }
        let hostile = [
            statement("-1", Self.hostileScript, speaker: "=cmd|' /C calc'!A0"),
            statement("@SUM(A1)", "+1 We must respect international humanitarian law _x0041_."),
            statement("Evil\u{01}Land", "We recall resolution 2482 (2019).\u{01} Nothing else."),
            statement("Longland", "We recall resolution 2482 (2019) " + String(repeating: "and it goes on ", count: 3000) + "."),
            statement("<b>Silent</b>", ""),
        ]
        let r = report(try corpusStatements() + hostile, byDocument: byDocument)
        XCTAssertTrue(r.findings.contains { $0.sentence.utf16.count > XLSXWorkbookWriter.maxCellLength },
                      "a sentence longer than a cell must be evidence, or the truncation is not tested")
        XCTAssertTrue(r.findings.contains { $0.statement.delegation == "-1" && $0.sentence.hasPrefix("=HYPERLINK") },
                      "the hostile sentence must be evidence, or the test proves nothing")
        return r
    }

    // MARK: Expectations for check_workbook.py

    /// What the workbook must hold, derived from the report without the writer's code.
    static func expectations(_ report: AuditReport) -> [String: Any] {
        let perDocument = report.matrix.rows.contains { $0.document != nil }
        let header = (perDocument ? ["document"] : []) + matrixHeader + report.matrix.ruleIDs
        let rows: [[Any]] = report.matrix.rows.map { row in
            (perDocument ? [text(row.document)] : []) + [text(row.delegation), text(row.kind.rawValue), text(row.iso3)]
                + row.cells.map { cell -> Any in
                    switch cell {
                    case .yes: 1
                    case .no: 0
                    case .noText: NSNull()
                    }
                }
        }
        var cells: [[String: Any]] = []
        let sampled = report.findings.indices.filter { i in
            i == 0 || i == report.findings.count - 1 || report.findings[i].statement.document == "hostile.jsonl"
        }
        for i in sampled {
            let f = report.findings[i]
            let bytes = Array(f.statement.text.utf8)
            let values: [Any] = [
                text(f.statement.document), f.statement.line, f.statement.index, text(f.statement.speaker),
                text(f.statement.delegation), text(f.statement.kind.rawValue), text(f.ruleID),
                text(report.rules.first { $0.id == f.ruleID }?.title), text(f.sentence),
                text(f.spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }.joined(separator: " | ")),
                text(f.spans.map { "\($0.start)-\($0.end)" }.joined(separator: ";")),
                text(f.statement.date), text(f.statement.attribution?.summary),
            ]
            for (column, value) in zip(evidenceHeader, values) {
                cells.append(["row": i + 2, "column": column, "value": value])
            }
        }
        let longTexts = report.findings.filter { $0.sentence.utf16.count > XLSXWorkbookWriter.maxCellLength }.count
        return [
            "name_columns": perDocument ? 2 : 1,
            "sheets": ["Matrix", "Evidence"],
            "matrix": ["header": header, "rows": rows],
            "evidence": ["header": evidenceHeader, "count": report.findings.count, "cells": cells],
            "literals": [#"'=HYPERLINK("http://x","y") <script>alert(1)</script> We recall resolution 2482 (2019) & "more"."#,
                         "'-1", "'=cmd|' /C calc'!A0", "'@SUM(A1)", "'+1 We must respect international humanitarian law _x0041_.",
                         "Evil\u{FFFD}Land", "<b>Silent</b>"],
            "truncated": longTexts,
        ]
    }

    /// A text cell as the workbook must hold it: empty is no value; XML-forbidden characters are
    /// U+FFFD; formula-like text starts with `'`; too long a text is checked by its ends.
    static func text(_ s: String?) -> Any {
        guard var s, !s.isEmpty else { return NSNull() }
        s = String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            u.value < 0x20 && ![0x9, 0xA, 0xD].contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF ? "\u{FFFD}" : u
        }))
        if let c = s.first, ["=", "+", "-", "@"].contains(c) { s = "'" + s }
        if s.utf16.count > XLSXWorkbookWriter.maxCellLength {
            return ["prefix": String(s.prefix(1000)), "suffix": XLSXWorkbookWriter.truncationMarker, "max_length": XLSXWorkbookWriter.maxCellLength]
        }
        return s
    }

    // MARK: Helpers

    /// CRC-32 one bit at a time, straight from the definition, to check the table-driven one.
    static func bitwiseCRC32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}

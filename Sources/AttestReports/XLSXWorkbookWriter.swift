import AttestClaims
import AttestAudit
import AttestFormats
import AttestModel
import AttestText
import Foundation

/// The audit as an Excel workbook (Office Open XML, `.xlsx`): a **Matrix** sheet with the same
/// cells as `matrix.csv` and an **Evidence** sheet with one row per finding (`statement` is the
/// statement's 0-based index in its document, as in `findings.jsonl`, and `title` the rule's title).
///
/// Both sheets freeze their header row; the Matrix also freezes its name columns, and prints
/// landscape, fitted to the page width, with row 1 and the name columns repeated on every page
/// (print titles), so that a delegation's name is on the page of its cells. The parts are
/// deflated (ZIP method 8, through the system zlib).
///
/// Matrix cells are the numbers 1 and 0, or empty when the delegation has no text; fills colour
/// them, but the meaning is in the value. Every text cell is literal text from the shared-strings
/// table, never a formula: characters XML 1.0 forbids become U+FFFD, text that a spreadsheet
/// would read as a formula (`=`, `+`, `-`, `@` first) gets a leading `'` as in
/// `CSVMatrixReporter`, and text beyond Excel's 32,767 characters per cell is cut with a visible
/// marker. The bytes depend only on the report: no dates unless `report.timestamp` is set.
public struct XLSXWorkbookWriter: FileReporter {
    public var fileName: String { "matrix.xlsx" }
    public func data(_ report: AuditReport) throws -> Data { try workbook(report) }

    /// Excel's limit on the length of a cell's text, in UTF-16 code units.
    public static let maxCellLength = 32_767
    /// Ends a text that was cut to `maxCellLength`.
    public static let truncationMarker = " … [truncated]"
    /// Excel's limit on rows per sheet.
    static let maxRows = 1_048_576

    public init() {}

    /// The workbook's bytes.
    public func workbook(_ report: AuditReport) throws -> Data {
        var strings = SharedStrings()
        let sheets = [matrixSheet(report.matrix), evidenceSheet(report.findings, titles: Dictionary(
            report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }))] + (report.claims.isEmpty ? [] : [claimsSheet(report.claims)])
        let sheetXML = sheets.enumerated().map { i, sheet in sheet.xml(strings: &strings, selected: i == 0) }
        var zip = ZIPArchive()
        func add(_ path: String, _ xml: String) { zip.add(path: path, data: Data((Self.declaration + xml).utf8), method: .deflated) }
        add("[Content_Types].xml", contentTypes(sheetCount: sheets.count))
        add("_rels/.rels", packageRelationships)
        add("docProps/core.xml", coreProperties(report))
        add("docProps/app.xml", appProperties(sheets))
        add("xl/workbook.xml", workbookXML(sheets))
        add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count))
        add("xl/styles.xml", Self.styles)
        add("xl/sharedStrings.xml", strings.xml)
        for (i, xml) in sheetXML.enumerated() { add("xl/worksheets/sheet\(i + 1).xml", xml) }
        return try zip.data()
    }

    // MARK: Sheets

    func matrixSheet(_ matrix: CoverageMatrix) -> Sheet {
        let perDocument = matrix.rows.contains { $0.document != nil }
        var columns = (perDocument ? [Sheet.Column("document", maxWidth: 40)] : []) + [
            // wide enough for the longest names ("Office of the Special Envoy of the Secretary-General for the Great Lakes Region"):
            // a clipped name prints as half a name
            Sheet.Column("delegation", maxWidth: 84), Sheet.Column("kind", maxWidth: 16), Sheet.Column("iso3", maxWidth: 8),
        ]
        // rule ids are long and the cells one digit wide: the ids are written upwards
        columns += matrix.ruleIDs.map { Sheet.Column($0, style: .headerRotated, minWidth: 7, maxWidth: 7) }
        let rows = matrix.rows.map { row -> [Sheet.Cell] in
            (perDocument ? [.text(row.document ?? "")] : []) + [.text(row.delegation), .text(row.kind.rawValue), .text(row.iso3 ?? "")]
                + row.cells.map { cell -> Sheet.Cell in
                    switch cell {
                    case .yes: Sheet.Cell(value: .number(1), style: .yes)
                    case .no: Sheet.Cell(value: .number(0), style: .no)
                    case .noText: Sheet.Cell(value: .blank, style: .noText)
                    }
                }
        }
        let longestRule = matrix.ruleIDs.map(\.count).max() ?? 0
        // the name columns (document and delegation) stay on screen and on every printed page
        let nameColumns = perDocument ? 2 : 1
        return Sheet(name: "Matrix", columns: columns, rows: rows,
                     headerHeight: longestRule == 0 ? nil : min(409, 12 + 6 * longestRule),
                     frozenColumns: nameColumns, print: Sheet.PrintSetup(titleColumns: nameColumns))
    }

    /// One row per claim: where, who, what, the verdict and reason, the sentence and the facts.
    func claimsSheet(_ claims: [CheckedClaim]) -> Sheet {
        let columns = [
            Sheet.Column("document", maxWidth: 40), Sheet.Column("statement", maxWidth: 10), Sheet.Column("delegation", maxWidth: 40),
            Sheet.Column("date", maxWidth: 12), Sheet.Column("subject", maxWidth: 40), Sheet.Column("predicate", maxWidth: 30),
            Sheet.Column("object", maxWidth: 24), Sheet.Column("polarity", maxWidth: 10), Sheet.Column("verdict", maxWidth: 14),
            Sheet.Column("reason", maxWidth: 28), Sheet.Column("claim", maxWidth: 80), Sheet.Column("facts", maxWidth: 80),
        ]
        let rows = claims.map { c -> [Sheet.Cell] in
            let facts = c.facts.map { "\($0.place): \($0.summary) (source: \($0.source); retrieved \($0.retrieved))" }.joined(separator: "; ")
            return [.text((c.claim.document as NSString).lastPathComponent), Sheet.Cell(value: .number(c.claim.statement), style: .normal),
                    .text(c.claim.delegation ?? ""), .text(c.claim.date ?? ""), .text(c.claim.subject ?? ""), .text(c.claim.predicate.rawValue),
                    .text(c.claim.object), .text(c.claim.polarity.rawValue), .text(c.verdict.rawValue), .text(c.reason), .text(c.claim.text),
                    .text(facts.isEmpty ? c.explanation : facts)]
        }
        return Sheet(name: "Claims", columns: columns, rows: rows, headerHeight: nil)
    }

    func evidenceSheet(_ findings: [Finding], titles: [String: String]) -> Sheet {
        let columns = [
            Sheet.Column("document", maxWidth: 40), Sheet.Column("line", maxWidth: 8), Sheet.Column("statement", maxWidth: 11),
            Sheet.Column("speaker", maxWidth: 30), Sheet.Column("delegation", maxWidth: 40), Sheet.Column("kind", maxWidth: 16),
            Sheet.Column("rule", maxWidth: 40), Sheet.Column("title", maxWidth: 60), Sheet.Column("sentence", maxWidth: 80),
            Sheet.Column("matched", maxWidth: 40), Sheet.Column("offsets", maxWidth: 24), Sheet.Column("date", maxWidth: 12),
            Sheet.Column("attribution", maxWidth: 60),
        ]
        let rows = findings.map { f -> [Sheet.Cell] in
            let s = f.statement
            let matched = f.spans.map { span in s.text.utf8Slice(span.start..<span.end) }
            return [.text(s.document), Sheet.Cell(value: .number(s.line), style: .normal), Sheet.Cell(value: .number(s.index), style: .normal),
                    .text(s.speaker ?? ""), .text(s.delegation ?? ""), .text(s.kind.rawValue), .text(f.ruleID), .text(titles[f.ruleID] ?? ""),
                    .text(f.sentence), .text(matched.joined(separator: " | ")),
                    .text(f.spans.map { "\($0.start)-\($0.end)" }.joined(separator: ";")),
                    .text(s.date ?? ""), .text(s.attribution?.summary ?? "")]
        }
        return Sheet(name: "Evidence", columns: columns, rows: rows, headerHeight: nil)
    }

    // MARK: Package parts

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    func contentTypes(sheetCount: Int) -> String {
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var x = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        x += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ml).sheet.main+xml\"/>"
        for i in 1...sheetCount {
            x += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"\(ml).worksheet+xml\"/>"
        }
        x += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ml).styles+xml\"/>"
        x += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ml).sharedStrings+xml\"/>"
        x += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        x += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return x + "</Types>"
    }

    var packageRelationships: String {
        "<Relationships xmlns=\"\(Self.packageRelNS)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(Self.relNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(Self.relNS)/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>"
    }

    /// Title, creator and provenance (packs and inputs with their SHA-256); dates only when the
    /// report has a timestamp.
    func coreProperties(_ report: AuditReport) -> String {
        let packs = report.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        let inputs = report.inputs.map { "\($0.path) (sha256 \($0.sha256))" }.joined(separator: ", ")
        var x = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        x += "<dc:title>Attest coverage matrix</dc:title>"
        x += "<dc:subject>Which delegation addressed which commitment, with evidence</dc:subject>"
        x += "<dc:creator>Attest \(Escaping.xml(report.attestVersion))</dc:creator>"
        x += "<dc:description>Rule packs: \(Escaping.xml(packs.isEmpty ? "none" : packs)). Inputs: \(Escaping.xml(inputs.isEmpty ? "none" : inputs)).</dc:description>"
        if let t = report.timestamp {
            x += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(Escaping.xml(t))</dcterms:created>"
            x += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(Escaping.xml(t))</dcterms:modified>"
        }
        return x + "</cp:coreProperties>"
    }

    func appProperties(_ sheets: [Sheet]) -> String {
        var x = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
            + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        x += "<Application>Attest</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        x += "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
        x += "<vt:variant><vt:i4>\(sheets.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        x += "<TitlesOfParts><vt:vector size=\"\(sheets.count)\" baseType=\"lpstr\">"
        x += sheets.map { "<vt:lpstr>\(Escaping.xml($0.name))</vt:lpstr>" }.joined()
        x += "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        return x + "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    }

    func workbookXML(_ sheets: [Sheet]) -> String {
        var x = "<workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">"
        x += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            x += "<sheet name=\"\(Escaping.xml(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        x += "</sheets><definedNames>"
        // Excel records every autofilter's range under this hidden name
        for (i, sheet) in sheets.enumerated() {
            x += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">"
                + "\(Escaping.xml(sheet.name))!\(sheet.absoluteRange)</definedName>"
        }
        // print titles: the columns and row repeated on every printed page (Excel sorts defined names by name)
        for (i, sheet) in sheets.enumerated() {
            guard let titles = sheet.printTitles else { continue }
            x += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">\(Escaping.xml(titles))</definedName>"
        }
        return x + "</definedNames></workbook>"
    }

    func workbookRelationships(sheetCount: Int) -> String {
        var x = "<Relationships xmlns=\"\(Self.packageRelNS)\">"
        for i in 1...sheetCount {
            x += "<Relationship Id=\"rId\(i)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        x += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        x += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return x + "</Relationships>"
    }

    /// Cell formats, indexed by `Sheet.Style`: default; bold header on a blue fill; the same
    /// written upwards; 1 in green (Excel's "Good" colours); 0 in red ("Bad"); no text in grey.
    static let styles: String = {
        func solid(_ rgb: String) -> String {
            "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(rgb)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        }
        func font(_ extra: String) -> String { "<font>\(extra)<sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>" }
        let center = "<alignment horizontal=\"center\"/>"
        return "<styleSheet xmlns=\"\(mainNS)\">"
            + "<fonts count=\"4\">" + font("") + font("<b/>") + font("<color rgb=\"FF006100\"/>") + font("<color rgb=\"FF9C0006\"/>") + "</fonts>"
            + "<fills count=\"6\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + solid("D9E1F2") + solid("C6EFCE") + solid("FFC7CE") + solid("EDEDED") + "</fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"6\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\">"
            + "<alignment horizontal=\"center\" textRotation=\"90\"/></xf>"
            + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\">\(center)</xf>"
            + "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"4\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\">\(center)</xf>"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"5\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>"
    }()

    // MARK: Cell text

    /// The text a cell holds: forbidden characters replaced, formulas neutralised, length capped.
    static func cellText(_ raw: String) -> String {
        // the same formula rule as the CSV (TextEscaping), on text XML can hold
        let s = Escaping.neutralisingFormula(String(String.UnicodeScalarView(raw.unicodeScalars.map { Escaping.isXMLCharacter($0) ? $0 : "\u{FFFD}" })))
        guard s.utf16.count > maxCellLength else { return s }
        let budget = maxCellLength - truncationMarker.utf16.count
        var used = 0
        var end = s.startIndex
        for c in s {
            used += c.utf16.count
            if used > budget { break }
            end = s.index(after: end)
        }
        return String(s[..<end]) + truncationMarker
    }
}

extension XLSXWorkbookWriter {
    /// One worksheet: a bold header row, frozen, with an autofilter, then the data rows.
    struct Sheet: Sendable {
        /// Indexes into `cellXfs` of `styles`.
        enum Style: Int, Sendable {
            case normal = 0, header, headerRotated, yes, no, noText
        }

        enum Value: Sendable, Equatable {
            case text(String), number(Int), blank
        }

        struct Cell: Sendable {
            var value: Value
            var style: Style

            /// A text cell, made safe by `cellText`; empty text is an empty cell.
            static func text(_ raw: String) -> Cell {
                Cell(value: raw.isEmpty ? .blank : .text(XLSXWorkbookWriter.cellText(raw)), style: .normal)
            }
        }

        struct Column: Sendable {
            var title: String
            var style: Style
            var minWidth: Int
            var maxWidth: Int

            init(_ title: String, style: Style = .header, minWidth: Int = 6, maxWidth: Int) {
                self.title = title
                self.style = style
                self.minWidth = minWidth
                self.maxWidth = maxWidth
            }
        }

        /// How a sheet prints: landscape, fitted to one page wide (as many pages tall as it
        /// takes), with row 1 and the first `titleColumns` columns repeated on every page.
        struct PrintSetup: Sendable {
            var titleColumns: Int
        }

        var name: String
        var columns: [Column]
        var rows: [[Cell]]
        /// Points, for a header written upwards; nil for the default height.
        var headerHeight: Int?
        /// Columns frozen at the left, besides the header row frozen at the top.
        var frozenColumns: Int
        var print: PrintSetup?

        /// Rows beyond what Excel can open are replaced by one row that says how many were left out.
        init(name: String, columns: [Column], rows: [[Cell]], headerHeight: Int?, frozenColumns: Int = 0, print: PrintSetup? = nil) {
            self.name = name
            self.columns = columns
            self.headerHeight = headerHeight
            self.frozenColumns = frozenColumns
            self.print = print
            if rows.count > XLSXWorkbookWriter.maxRows - 1 {
                let kept = XLSXWorkbookWriter.maxRows - 2
                self.rows = Array(rows[..<kept]) + [[.text("… [truncated: \(rows.count - kept) more rows]")]]
            } else {
                self.rows = rows
            }
        }

        /// `A1:X18`: the header and every row, as the autofilter and the dimension give it.
        var range: String { "A1:\(Self.column(max(columns.count, 1) - 1))\(rows.count + 1)" }
        var absoluteRange: String { "$A$1:$\(Self.column(max(columns.count, 1) - 1))$\(rows.count + 1)" }

        /// `'Matrix'!$A:$A,'Matrix'!$1:$1`: what `_xlnm.Print_Titles` holds, or nil when the sheet
        /// does not print with titles.
        var printTitles: String? {
            guard let print else { return nil }
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            let rowTitles = "\(quoted)!$1:$1"
            guard print.titleColumns > 0 else { return rowTitles }
            return "\(quoted)!$A:$\(Self.column(print.titleColumns - 1)),\(rowTitles)"
        }

        /// The first cell below the frozen header and right of the frozen columns: `A2`, `B2`.
        var topLeftCell: String { "\(Self.column(frozenColumns))2" }

        /// Column letters: 0 → A, 25 → Z, 26 → AA.
        static func column(_ index: Int) -> String {
            var n = index + 1
            var letters: [Character] = []
            while n > 0 {
                letters.insert(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26))), at: 0)
                n = (n - 1) / 26
            }
            return String(letters)
        }

        /// Widths in characters: the longest value (and header, unless it is written upwards)
        /// plus a margin, within the column's bounds.
        func widths() -> [Int] {
            columns.indices.map { i in
                var longest = columns[i].style == .headerRotated ? 0 : columns[i].title.count + 2
                for row in rows where i < row.count {
                    switch row[i].value {
                    case .text(let t): longest = max(longest, t.count)
                    case .number(let n): longest = max(longest, String(n).count)
                    case .blank: break
                    }
                }
                return min(max(longest + 2, columns[i].minWidth), columns[i].maxWidth)
            }
        }

        func xml(strings: inout SharedStrings, selected: Bool) -> String {
            var x = "<worksheet xmlns=\"\(XLSXWorkbookWriter.mainNS)\" xmlns:r=\"\(XLSXWorkbookWriter.relNS)\">"
            if print != nil { x += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
            x += "<dimension ref=\"\(range)\"/>"
            x += "<sheetViews><sheetView \(selected ? "tabSelected=\"1\" " : "")workbookViewId=\"0\">"
            if frozenColumns > 0 {
                x += "<pane xSplit=\"\(frozenColumns)\" ySplit=\"1\" topLeftCell=\"\(topLeftCell)\" activePane=\"bottomRight\" state=\"frozen\"/>"
                x += "<selection pane=\"topRight\"/><selection pane=\"bottomLeft\"/>"
                x += "<selection pane=\"bottomRight\" activeCell=\"\(topLeftCell)\" sqref=\"\(topLeftCell)\"/></sheetView></sheetViews>"
            } else {
                x += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                x += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            }
            x += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
            for (i, w) in widths().enumerated() {
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            x += "</cols><sheetData>"
            x += "<row r=\"1\"" + (headerHeight.map { " ht=\"\($0)\" customHeight=\"1\"" } ?? "") + ">"
            for (i, column) in columns.enumerated() {
                x += cell(Cell(value: .text(XLSXWorkbookWriter.cellText(column.title)), style: column.style), "\(Self.column(i))1", &strings)
            }
            x += "</row>"
            for (r, row) in rows.enumerated() {
                x += "<row r=\"\(r + 2)\">"
                for (i, c) in row.enumerated() { x += cell(c, "\(Self.column(i))\(r + 2)", &strings) }
                x += "</row>"
            }
            x += "</sheetData><autoFilter ref=\"\(range)\"/>"
            if print != nil {
                // fitToHeight 0: as many pages tall as the rows need; one page wide
                x += "<printOptions gridLines=\"1\"/>"
                x += "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.2\" footer=\"0.2\"/>"
                x += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
            } else {
                x += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            }
            return x + "</worksheet>"
        }

        /// Text goes to the shared-strings table (`t="s"`), numbers are `<v>` alone; nothing is
        /// ever written as a formula (`<f>`).
        private func cell(_ c: Cell, _ ref: String, _ strings: inout SharedStrings) -> String {
            let style = c.style == .normal ? "" : " s=\"\(c.style.rawValue)\""
            switch c.value {
            case .text(let t): return "<c r=\"\(ref)\"\(style) t=\"s\"><v>\(strings.index(of: t))</v></c>"
            case .number(let n): return "<c r=\"\(ref)\"\(style)><v>\(n)</v></c>"
            case .blank: return c.style == .normal ? "" : "<c r=\"\(ref)\"\(style)/>"
            }
        }
    }

    /// The workbook's shared-strings table, in order of first use.
    struct SharedStrings: Sendable {
        // keyed by bytes: Swift's String equality would merge canonically equivalent texts ("é", "e\u{301}")
        private var indexes: [[UInt8]: Int] = [:]
        private(set) var strings: [String] = []
        private(set) var references = 0

        mutating func index(of s: String) -> Int {
            references += 1
            let key = Array(s.utf8)
            if let i = indexes[key] { return i }
            indexes[key] = strings.count
            strings.append(s)
            return strings.count - 1
        }

        var xml: String {
            var x = "<sst xmlns=\"\(XLSXWorkbookWriter.mainNS)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
            for s in strings {
                x += "<si><t xml:space=\"preserve\">\(Escaping.xml(XLSXWorkbookWriter.escapingUnderscoreSequences(s)))</t></si>"
            }
            return x + "</sst>"
        }
    }

    /// Spreadsheet strings read `_xHHHH_` as the character U+HHHH (ECMA-376 ST_Xstring); a
    /// literal one is kept by writing its `_` as `_x005F_`.
    static func escapingUnderscoreSequences(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for i in u.indices {
            if u[i] == "_", i + 6 < u.count, u[i + 1] == "x", u[i + 6] == "_",
               (2...5).allSatisfy({ u[i + $0].properties.isASCIIHexDigit }) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(u[i])
            }
        }
        return String(out)
    }
}

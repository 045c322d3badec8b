import AttestAudit
import AttestClaims
import AttestFacts
import AttestCorpus
import AttestMatching
import AttestRules
import Foundation
import XCTest
@testable import AttestReports
import AttestModel
import AttestFormats

/// Audit reports for the HTML tests: one from the bundled corpus, one built by hand from hostile text.
enum HTMLReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pressRelease = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"
    static let pressReleaseHTML = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.html"

    /// The bundled press release (and, with `byDocument`, its HTML form too) audited with the packs in `Rules/`.
    static func bundled(byDocument: Bool = false) throws -> AuditReport {
        let outcome = RuleLoader().load(path: root.appendingPathComponent("Rules").path)
        guard outcome.errors.isEmpty else { throw FixtureError("rule packs have errors: \(outcome.errors)") }
        var inputs: [AuditReport.Input] = []
        var statements: [Statement] = []
        for relative in byDocument ? [pressRelease, pressReleaseHTML] : [pressRelease] {
            let path = root.appendingPathComponent(relative).path
            let loaded = try CorpusLoader().load(path).result.get()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            inputs.append(AuditReport.Input(path: relative, sha256: SHA256.hex(bytes), statements: loaded.statements.count))
            statements += loaded.statements
        }
        let findings = Auditor(rules: outcome.rules).findings(statements)
        var report = AuditReport(attestVersion: "test", inputs: inputs, packs: outcome.packs, statements: statements,
                                 findings: findings, byDocument: byDocument)
        // the claims of the shipped claims pack, so that the browser test sees the claims section
        report.claims = ClaimChecker(packs: outcome.packs, facts: try ClaimFacts.load(directory: root.appendingPathComponent("Facts").path))
            .check(statements)
        return report
    }

    /// Text with markup, quotes, an entity, ’, U+00A0 and U+2028: the sentence that matches starts
    /// after multi-byte characters and holds more.
    static let hostileText = "Côte d’Ivoire’s delegate spoke first.\u{00A0}We recall resolution 2482 (2019) <script>alert(1)</script> "
        + "and </script><script>alert(2)</script>, with \"quotes\" &amp; it’s\u{00A0}done. Then\u{2028}more."
    static let hostileSentence = "We recall resolution 2482 (2019) <script>alert(1)</script> "
        + "and </script><script>alert(2)</script>, with \"quotes\" &amp; it’s\u{00A0}done."
    static let hostileDelegation = "</script><script>alert(5)</script>"
    static let formulaDelegation = "=HYPERLINK(\"x\")"

    /// UTF-8 offsets of the first occurrence of `part` in `text`.
    static func offsets(of part: String, in text: String) -> (start: Int, end: Int) {
        let range = text.range(of: part)!
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return (start, start + part.utf8.count)
    }

    /// Two delegations whose names are markup or a spreadsheet formula, one organization without
    /// text, a rule title with markup, spans that end on multi-byte characters.
    static func hostile(timestamp: String? = nil) -> AuditReport {
        let at = { (line: Int) in SourceLocation(path: "Rules/hostile/rules.yaml", line: line, column: 5) }
        let cites = Rule(id: "cites-2482", title: "Cites \"2482\" <b>bold</b> &amp; more",
                         commitment: "</script><script>alert(3)</script>", source: "S/RES/2482 (2019) <i>", match: .phrase("2482", at(3)),
                         location: at(1), pack: "hostile")
        let never = Rule(id: "never-fires", title: "Never fires", match: .phrase("zzz", at(9)), location: at(7), pack: "hostile")
        let pack = RulePack(id: "hostile", title: "Hostile <pack>", version: "0.0.1\"><script>", path: "Rules/hostile/pack.yaml",
                            rules: [cites, never])
        func statement(_ index: Int, _ delegation: String, _ kind: SpeakerKind, text: String = hostileText) -> Statement {
            Statement(document: "hostile<1>.txt", index: index, speaker: "<script>alert(4)</script> \"Mr. X\"", delegation: delegation,
                      kind: kind, iso3: kind == .state ? "XXX" : nil, text: text, start: 0, end: text.utf8.count, line: 3 + 4 * index)
        }
        let statements = [statement(0, formulaDelegation, .state), statement(1, hostileDelegation, .unEntity),
                          statement(2, "Quiet Co", .organization, text: "")]
        let sentence = offsets(of: hostileSentence, in: hostileText)
        let citation = offsets(of: "resolution 2482 (2019)", in: hostileText)
        let tail = offsets(of: "it’s\u{00A0}done", in: hostileText)
        let spans = [MatchedSpan(start: citation.start, end: citation.end, by: "phrase \"2482\" </script>", at: "Rules/hostile/rules.yaml:3:5"),
                     MatchedSpan(start: tail.start, end: tail.end, by: "regex <it>", at: "Rules/hostile/rules.yaml:4:5")]
        let findings = statements.prefix(2).map { s in
            Finding(statement: s, match: RuleMatch(ruleID: "cites-2482", unitStart: sentence.start, unitEnd: sentence.end, spans: spans))
        }
        return AuditReport(attestVersion: "1.0<script>", timestamp: timestamp,
                           inputs: [AuditReport.Input(path: "hostile<1>.txt", sha256: String(repeating: "ab", count: 32), statements: 3)],
                           packs: [pack], statements: statements, findings: findings)
    }

    /// The parsed `<script type="application/json" id="evidence">` block of a page, and its raw text.
    static func evidence(_ html: String) throws -> (object: [String: Any], raw: String) {
        let open = "<script type=\"application/json\" id=\"evidence\">"
        guard let a = html.range(of: open), let b = html.range(of: "</script>", range: a.upperBound..<html.endIndex) else {
            throw FixtureError("no evidence block")
        }
        let raw = String(html[a.upperBound..<b.lowerBound])
        guard let object = try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else {
            throw FixtureError("evidence is not an object")
        }
        return (object, raw)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

final class HTMLAuditReporterTests: XCTestCase {
    func occurrences(_ part: String, in text: String) -> Int {
        text.components(separatedBy: part).count - 1
    }

    func cells(_ json: [String: Any]) -> [[String: Any]] {
        json["cells"] as? [[String: Any]] ?? []
    }

    func testHostileTextsAppearOnlyEscaped() {
        let html = HTMLAuditReporter().render(HTMLReportFixtures.hostile())
        // the two script elements of the page, and nothing that opens or closes another
        XCTAssertEqual(occurrences("<script", in: html), 2)
        XCTAssertEqual(occurrences("</script", in: html), 2)
        XCTAssertFalse(html.contains("alert(1)</"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertFalse(html.contains("<i>"))
        XCTAssertFalse(html.contains("\"quotes\""))
        XCTAssertFalse(html.contains("HYPERLINK(\"x\")"))
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;x&quot;)"))
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(5)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("Cites &quot;2482&quot; &lt;b&gt;bold&lt;/b&gt; &amp;amp; more"))
        XCTAssertTrue(html.contains("0.0.1&quot;&gt;&lt;script&gt;"))
        // every "&amp;" of the page is the start of an escaped "&amp;" of the input
        XCTAssertEqual(occurrences("&amp;", in: html), occurrences("&amp;amp;", in: html))
        XCTAssertFalse(html.contains("\u{2028}"))
    }

    func testEvidenceBlockEscapesMarkupAndParsesBack() throws {
        let report = HTMLReportFixtures.hostile()
        let (json, raw) = try HTMLReportFixtures.evidence(HTMLAuditReporter().render(report))
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            XCTAssertFalse(raw.contains(forbidden), "raw \(forbidden.unicodeScalars.first!.escaped(asASCII: true)) in the JSON block")
        }
        XCTAssertTrue(raw.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        XCTAssertTrue(raw.contains("\\u0026amp;"))

        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["delegation"] as? String }, report.matrix.rows.map(\.delegation))
        XCTAssertEqual(Set(report.matrix.rows.map(\.delegation)),
                       [HTMLReportFixtures.hostileDelegation, HTMLReportFixtures.formulaDelegation, "Quiet Co"])
        let rules = try XCTUnwrap(json["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.compactMap { $0["title"] as? String }, ["Cites \"2482\" <b>bold</b> &amp; more", "Never fires"])

        // one cell per yes: both delegations with text matched the first rule
        let cells = cells(json)
        let withText = report.matrix.rows.indices.filter { report.matrix.rows[$0].statements > 0 }
        XCTAssertEqual(cells.map { "\($0["row"]!):\($0["rule"]!)" }, withText.map { "\($0):0" })
        let hostileRow = report.matrix.rows.firstIndex { $0.delegation == HTMLReportFixtures.hostileDelegation }
        let cell = try XCTUnwrap(cells.first { $0["row"] as? Int == hostileRow })
        let finding = try XCTUnwrap((cell["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["document"] as? String, "hostile<1>.txt")
        XCTAssertEqual(finding["line"] as? Int, 7)
        XCTAssertEqual(finding["speaker"] as? String, "<script>alert(4)</script> \"Mr. X\"")
        let sentence = try XCTUnwrap(finding["sentence"] as? [[String: Any]])
        XCTAssertEqual(sentence.compactMap { $0["text"] as? String }.joined(), HTMLReportFixtures.hostileSentence)
        let marked = sentence.filter { ($0["spans"] as? [Int])?.isEmpty == false }
        XCTAssertEqual(marked.compactMap { $0["text"] as? String }, ["resolution 2482 (2019)", "it’s\u{00A0}done"])
        XCTAssertEqual(marked.compactMap { $0["spans"] as? [Int] }, [[0], [1]])
        let spans = try XCTUnwrap(finding["spans"] as? [[String: Any]])
        XCTAssertEqual(spans.compactMap { $0["by"] as? String }, ["phrase \"2482\" </script>", "regex <it>"])
        XCTAssertEqual(spans.compactMap { $0["at"] as? String }, ["Rules/hostile/rules.yaml:3:5", "Rules/hostile/rules.yaml:4:5"])
        XCTAssertEqual(spans.compactMap { $0["text"] as? String }, ["resolution 2482 (2019)", "it’s\u{00A0}done"])
    }

    func testSegmentsCutAtUTF8OffsetsAroundMultiByteCharacters() {
        let text = "A’B\u{00A0}C’D"
        let ab = HTMLReportFixtures.offsets(of: "’B\u{00A0}", in: text)
        let cd = HTMLReportFixtures.offsets(of: "C’", in: text)
        let spans = [MatchedSpan(start: ab.start, end: ab.end, by: "x", at: "y"), MatchedSpan(start: ab.start + 3, end: cd.end, by: "z", at: "w")]
        let segments = HTMLAuditReporter.segments(text: text, start: 0, end: text.utf8.count, spans: spans)
        XCTAssertEqual(segments, [.init(text: "A", spans: []), .init(text: "’", spans: [0]), .init(text: "B\u{00A0}", spans: [0, 1]),
                                  .init(text: "C’", spans: [1]), .init(text: "D", spans: [])])
        // an offset inside a character moves back to its start instead of splitting it
        let inside = HTMLAuditReporter.segments(text: text, start: 0, end: text.utf8.count, spans: [MatchedSpan(start: 2, end: 3, by: "", at: "")])
        XCTAssertEqual(inside.map(\.text).joined(), text)
        XCTAssertFalse(inside.map(\.text).joined().contains("\u{FFFD}"))
        // spans beyond the sentence are clipped to it
        let clipped = HTMLAuditReporter.segments(text: text, start: 1, end: 5, spans: [MatchedSpan(start: 0, end: 100, by: "", at: "")])
        XCTAssertEqual(clipped, [.init(text: "’B", spans: [0])])
    }

    func testTableHasARowPerDelegationAndACellPerRule() {
        let report = HTMLReportFixtures.hostile()
        let html = HTMLAuditReporter().render(report)
        XCTAssertTrue(html.contains("<table id=\"heatmap\">\n<caption>"))
        XCTAssertEqual(occurrences("<th scope=\"row\" class=\"name\"", in: html), 3)
        XCTAssertEqual(occurrences("<th scope=\"col\" class=\"rule\"", in: html), 2)
        XCTAssertEqual(occurrences("<td class=\"c yes\"", in: html), 2)
        XCTAssertEqual(occurrences("<td class=\"c no\"", in: html), 2)
        XCTAssertEqual(occurrences("<td class=\"c notext\"", in: html), 2)
        XCTAssertEqual(occurrences("<button type=\"button\" class=\"ev\"", in: html), 2)
        XCTAssertTrue(html.contains("title=\"Cites &quot;2482&quot; &lt;b&gt;bold&lt;/b&gt; &amp;amp; more\""))
        XCTAssertTrue(html.contains("<span class=\"vh\">no text</span>"))
        XCTAssertTrue(html.contains("aria-live=\"polite\""))
        XCTAssertTrue(html.contains("<label for=\"kind-filter\">"))
        XCTAssertTrue(html.contains("<option value=\"un-entity\">UN entity (1)</option>"))
        // the silent rule and the delegation without text are listed
        XCTAssertTrue(html.contains("<li><code>never-fires</code> Never fires</li>"))
        XCTAssertTrue(html.contains("<li>Quiet Co</li>"))
        XCTAssertFalse(html.contains("class=\"doc\""))
    }

    // At a year's scale the provenance (79 paths and hashes) filled the first screen and the headers scrolled away
    func testHeatmapFirstInItsOwnScrollBoxProvenanceLastWithItsInputsCollapsed() throws {
        let report = try HTMLReportFixtures.bundled()
        let html = HTMLAuditReporter().render(report)
        let heatmap = try XCTUnwrap(html.range(of: "<table id=\"heatmap\">")).lowerBound
        let provenance = try XCTUnwrap(html.range(of: "<section class=\"provenance\"")).lowerBound
        XCTAssertLessThan(heatmap, provenance, "the heatmap comes before the provenance")
        XCTAssertTrue(html.contains("<details class=\"inputs\"><summary>\(report.inputs.count) document"), "the inputs are collapsed")
        XCTAssertTrue(html.contains("<div class=\"table-wrap\" id=\"heatmap-scroll\" tabindex=\"0\" role=\"region\""))
        XCTAssertTrue(html.contains("aria-labelledby=\"evidence-h\" tabindex=\"-1\" hidden>"), "the evidence panel opens on a click")
        XCTAssertTrue(html.contains("<th scope=\"col\" class=\"name\" data-label=\"Delegation\""))
        let style = HTMLAuditReporter.style
        for rule in [".table-wrap{display:inline-block;max-width:100%;max-height:calc(100vh - 24px);overflow:auto;",
                     "#heatmap thead th{position:sticky;top:0;", "#heatmap tbody th.name{position:sticky;left:0;",
                     ".evidence{position:fixed;", "thead{display:table-header-group}",
                     "#heatmap thead th[data-label]::before{content:attr(data-label);"] {
            XCTAssertTrue(style.contains(rule), rule)
        }
        XCTAssertTrue(HTMLAuditReporter.script.contains("\"Back to the cell\""))
    }

    func testPerDocumentRowsShowTheDocument() throws {
        let report = try HTMLReportFixtures.bundled(byDocument: true)
        let html = HTMLAuditReporter().render(report)
        XCTAssertTrue(html.contains("<button type=\"button\" class=\"sort\">Document</button>"))
        XCTAssertEqual(occurrences("<td class=\"doc\"", in: html), report.matrix.rows.count)
        let json = try HTMLReportFixtures.evidence(html).object
        let documents = Set((json["rows"] as? [[String: Any]] ?? []).compactMap { $0["document"] as? String })
        XCTAssertEqual(documents.count, 2)
    }

    func testProvenanceAndTimestamp() {
        let plain = HTMLAuditReporter().render(HTMLReportFixtures.hostile())
        XCTAssertTrue(plain.contains(String(repeating: "ab", count: 32)))
        XCTAssertTrue(plain.contains("version 1.0&lt;script&gt;"))
        XCTAssertFalse(plain.contains("<time>"))
        let stamped = HTMLAuditReporter().render(HTMLReportFixtures.hostile(timestamp: "2020-08-06T10:00:00Z"))
        XCTAssertTrue(stamped.contains("<time>2020-08-06T10:00:00Z</time>"))
    }

    func testOutputIsByteIdentical() throws {
        XCTAssertEqual(HTMLAuditReporter().render(HTMLReportFixtures.hostile()), HTMLAuditReporter().render(HTMLReportFixtures.hostile()))
        let a = HTMLAuditReporter().render(try HTMLReportFixtures.bundled())
        let b = HTMLAuditReporter().render(try HTMLReportFixtures.bundled())
        XCTAssertEqual(a, b)
    }

    func testNothingIsLoadedFromTheNetwork() throws {
        for html in [HTMLAuditReporter().render(HTMLReportFixtures.hostile()), HTMLAuditReporter().render(try HTMLReportFixtures.bundled())] {
            let reference = try NSRegularExpression(pattern: #"(?i)(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:)?//"#)
            XCTAssertEqual(reference.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)), 0)
            for tag in ["<link", "<img", "<iframe", "@import", "url(", "@font-face"] {
                XCTAssertFalse(html.lowercased().contains(tag), tag)
            }
            XCTAssertTrue(html.contains("default-src 'none'"))
        }
    }

    /// The evidence of the bundled corpus: one JSON cell per yes cell, each with the report's
    /// findings, whose segments rebuild the matched sentence (’ and other multi-byte characters included).
    func testBundledCorpusEvidenceMatchesTheReport() throws {
        let report = try HTMLReportFixtures.bundled()
        let html = HTMLAuditReporter().render(report)
        let json = try HTMLReportFixtures.evidence(html).object
        let yes = report.matrix.rows.reduce(0) { $0 + $1.addressed }
        XCTAssertGreaterThan(yes, 10)
        XCTAssertEqual(cells(json).count, yes)
        XCTAssertEqual(occurrences("<td class=\"c yes\"", in: html), yes)
        XCTAssertEqual(occurrences("<th scope=\"row\" class=\"name\"", in: html), report.matrix.rows.count)
        XCTAssertEqual(occurrences("<th scope=\"col\" class=\"rule\"", in: html), report.rules.count)
        var multiByte = 0
        for cell in cells(json) {
            let row = report.matrix.rows[try XCTUnwrap(cell["row"] as? Int)]
            let rule = report.matrix.ruleIDs[try XCTUnwrap(cell["rule"] as? Int)]
            XCTAssertEqual(row.cells[cell["rule"] as! Int], .yes)
            let expected = report.evidence(row: row, rule: rule)
            let findings = try XCTUnwrap(cell["findings"] as? [[String: Any]])
            XCTAssertEqual(findings.count, expected.count, "\(row.delegation) \(rule)")
            for (f, finding) in zip(findings, expected) {
                let segments = try XCTUnwrap(f["sentence"] as? [[String: Any]])
                let sentence = segments.compactMap { $0["text"] as? String }.joined()
                XCTAssertEqual(sentence, finding.sentence)
                if sentence.unicodeScalars.contains(where: { $0.value > 0x7F }) { multiByte += 1 }
                XCTAssertEqual(f["line"] as? Int, finding.statement.line)
                let spans = try XCTUnwrap(f["spans"] as? [[String: Any]])
                let bytes = Array(finding.statement.text.utf8)
                XCTAssertEqual(spans.compactMap { $0["text"] as? String },
                               finding.spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) })
                let marked = segments.filter { ($0["spans"] as? [Int])?.isEmpty == false }.compactMap { $0["text"] as? String }
                XCTAssertFalse(marked.isEmpty, "\(row.delegation) \(rule): nothing marked")
                XCTAssertFalse(marked.contains(""))
            }
        }
        XCTAssertGreaterThan(multiByte, 0, "no sentence with a multi-byte character was exercised")
        XCTAssertTrue(html.contains("<dt>Rule packs</dt>"))
        for input in report.inputs { XCTAssertTrue(html.contains(input.sha256)) }
    }
}

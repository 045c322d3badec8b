import AttestAudit
import AttestClaims
import AttestFacts
import AttestReports
import AttestTestSupport
import XCTest

/// The claims of an audit in audit.md, audit.html and matrix.xlsx.
final class ClaimReportsInAuditTests: XCTestCase {
    func report() throws -> AuditReport {
        let facts = try ClaimFacts.load(directory: TestFiles.url("Facts").path)
        let statements = [
            ClaimFixture.statement("South Africa is also an active member of the Financial Action Task Force.", speaker: "South Africa",
                                   date: "2020-08-06", document: "a.txt"),
            ClaimFixture.statement("The Council unanimously adopted resolution 2504 (2020).", speaker: "France", date: "2020-01-20", document: "b.txt"),
            ClaimFixture.statement("We have ratified the Budapest Convention <script>alert(1)</script>.", speaker: "Estonia", date: "2020-01-20",
                                   document: "c.txt"),
        ]
        var report = AuditReport(attestVersion: "test", inputs: [], packs: [], statements: statements, findings: [])
        report.claims = ClaimChecker(packs: ClaimFixture.packs, facts: facts).check(statements)
        XCTAssertEqual(report.claims.map(\.verdict), [.consistent, .contradicted, .unverifiable])
        return report
    }

    func testMarkdownSection() throws {
        let md = MarkdownAuditReporter().render(try report())
        XCTAssertTrue(md.contains("## Claims\n\n3 claims: 1 consistent, 1 contradicted, 1 unverifiable"), md)
        XCTAssertTrue(md.contains("**contradicted** (not-unanimous)"))
        XCTAssertTrue(md.contains("resolutions.csv:6"))
    }

    func testHTMLSectionEscapesAndColours() throws {
        let html = HTMLAuditReporter().render(try report())
        XCTAssertTrue(html.contains("<section class=\"claims\""))
        XCTAssertTrue(html.contains("<tr class=\"contradicted\" data-reason=\"not-unanimous\">"))
        XCTAssertTrue(html.contains(".claims tr.contradicted td.verdict{color:#fff;background:#b3261e}"))
        XCTAssertFalse(html.contains("<script>alert(1)</script>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    func testWorkbookHasAClaimsSheet() throws {
        let zip = try ZIPReader(try XLSXWorkbookWriter().workbook(try report()))
        XCTAssertTrue(try zip.text("xl/workbook.xml").contains("<sheet name=\"Claims\" sheetId=\"3\""))
        XCTAssertTrue(zip.entries.contains { $0.name == "xl/worksheets/sheet3.xml" })
        XCTAssertTrue(try zip.text("xl/sharedStrings.xml").contains("not-unanimous"))
        let empty = AuditReport(attestVersion: "test", inputs: [], packs: [], statements: [], findings: [])
        XCTAssertFalse(try ZIPReader(try XLSXWorkbookWriter().workbook(empty)).text("xl/workbook.xml").contains("Claims"))
    }
}

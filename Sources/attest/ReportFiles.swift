import AttestAudit
import AttestReports
import Foundation

/// The files `attest audit --out` writes, in the order they are written.
enum ReportFiles {
    static func all(_ report: AuditReport) -> [(String, Data)] {
        [
            ("audit.md", Data(MarkdownAuditReporter().render(report).utf8)),
            ("audit.html", Data(HTMLAuditReporter().render(report).utf8)),
            ("matrix.csv", Data(CSVMatrixReporter().render(report.matrix).utf8)),
            ("matrix.json", Data(JSONMatrixReporter().render(report.matrix).utf8)),
            ("findings.jsonl", Data(FindingsJSONLReporter().render(report).utf8)),
            ("matrix.xlsx", XLSXWorkbookWriter().workbook(report)),
        ]
    }
}

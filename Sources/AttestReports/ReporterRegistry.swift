import AttestAudit
import Foundation

/// A report written as one file of `attest audit --out` (and `attest merge --out`).
public protocol FileReporter: Sendable {
    /// The file's name inside the output directory.
    var fileName: String { get }
    /// The file's bytes for a report.
    func data(_ report: AuditReport) throws -> Data
}

/// The matrix alone, in the formats `attest audit` and `attest matrix` print.
public enum MatrixFormat: String, CaseIterable, Sendable {
    case csv, tsv, markdown, json

    public var reporter: any MatrixReporter {
        switch self {
        case .csv: CSVMatrixReporter()
        case .tsv: CSVMatrixReporter(separator: "\t")
        case .markdown: MarkdownMatrixReporter()
        case .json: JSONMatrixReporter()
        }
    }
}

/// Every report Attest writes, in one list: what `--out` writes, in the order it is written.
/// A new format is one `FileReporter` added here.
public enum ReporterRegistry {
    public static let auditFiles: [any FileReporter] = [
        MarkdownAuditReporter(),
        HTMLAuditReporter(),
        MatrixFile(fileName: "matrix.csv", reporter: CSVMatrixReporter()),
        MatrixFile(fileName: "matrix.json", reporter: JSONMatrixReporter()),
        FindingsJSONLReporter(),
        XLSXWorkbookWriter(),
        ClaimsAuditFile(reporter: ClaimsCSVReporter()),
        ClaimsAuditFile(reporter: ClaimsJSONLReporter()),
        ClaimsAuditFile(reporter: ClaimReviewReporter()),
    ]

    /// The names `--out` writes, in order.
    public static var fileNames: [String] { auditFiles.map(\.fileName) }

    /// Writes every report into `directory`. Every name is checked (not an input, a plain name)
    /// before anything is written, so a refusal leaves the directory as it was.
    /// - Returns: the paths written, in order.
    public static func writeAll(_ report: AuditReport, to directory: ReportDirectory) throws -> [String] {
        try directory.checkWritable(fileNames)
        var rendered: [(String, Data)] = []
        for r in auditFiles { rendered.append((r.fileName, try r.data(report))) }
        return try rendered.map { try directory.write($0.0, $0.1) }
    }
}

/// A matrix reporter written as a file of `--out`.
struct MatrixFile: FileReporter {
    let fileName: String
    let reporter: any MatrixReporter & Sendable

    func data(_ report: AuditReport) throws -> Data { Data(reporter.render(report.matrix).utf8) }
}

import ArgumentParser
import AttestAudit
import AttestReports
import AttestRules
import Foundation

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run rule packs over documents and print the delegation × commitment matrix.",
        discussion: "With no FILE, audits the bundled example (\(InputOptions.bundledExample)) with the packs in Rules/.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, tsv, markdown, json }

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: csv, tsv, markdown or json.")
    var format: Format = .csv

    func run() throws {
        let outcome = try ruleOptions.load()
        let (statements, readable) = input.load()
        guard readable > 0 else {
            Console.error("attest: no input could be read")
            throw ExitStatus.failure
        }
        let auditor = Auditor(rules: outcome.rules)
        let findings = auditor.findings(statements)
        for id in auditor.silentRules(findings) {
            Console.error("attest: note: rule '\(id)' matched nothing in the audited documents")
        }
        let matrix = CoverageMatrix(ruleIDs: auditor.ruleIDs, statements: statements, findings: findings)
        let reporter: any MatrixReporter = switch format {
        case .csv: CSVMatrixReporter()
        case .tsv: CSVMatrixReporter(separator: "\t")
        case .markdown: MarkdownMatrixReporter()
        case .json: JSONMatrixReporter()
        }
        Console.out(reporter.render(matrix))
    }
}

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

    @Option(help: "A rule pack file, or a directory of them.")
    var rules: String = "Rules"

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: csv, tsv, markdown or json.")
    var format: Format = .csv

    func run() throws {
        let outcome = RuleLoader().load(path: rules)
        for d in outcome.diagnostics { Console.error(d.description) }
        guard outcome.errors.isEmpty, !outcome.rules.isEmpty else {
            Console.error("attest: no usable rules in \(rules)")
            throw ExitStatus.failure
        }
        let (statements, readable) = input.load()
        guard readable > 0 else {
            Console.error("attest: no input could be read")
            throw ExitStatus.failure
        }
        let auditor = Auditor(rules: outcome.rules)
        let findings = auditor.findings(statements)
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

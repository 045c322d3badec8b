import ArgumentParser
import AttestAudit
import AttestFacts
import AttestRules
import AttestReports
import Foundation

/// The options `audit` and `matrix` share: rules, inputs, and how rows are grouped.
struct AuditOptions: ParsableArguments {
    enum Grouping: String, ExpressibleByArgument, CaseIterable { case delegation, document }

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var input: InputOptions

    @Option(help: "One row per delegation (aggregated over all files) or per document and delegation: delegation or document.")
    var by: Grouping = .delegation

    @Option(help: "The facts directory for the packs' claim rules (default: Facts, when it exists).")
    var facts: String?

    /// The claim facts when the packs have claim rules: --facts, or Facts/ when it exists.
    func claimFacts(_ packs: [RulePack]) throws -> ClaimFacts? { try Self.claimFacts(packs, facts: facts) }

    /// The claim facts of `--facts` (or of Facts/ when it exists) when the packs have claim rules;
    /// `audit`, `matrix` and `merge` find claims with them.
    static func claimFacts(_ packs: [RulePack], facts: String?) throws -> ClaimFacts? {
        guard packs.contains(where: { !$0.claimRules.isEmpty }) else { return nil }
        let directory = facts ?? "Facts"
        if facts == nil && !FileManager.default.fileExists(atPath: directory) {
            Console.error("attest: note: no Facts directory; claim rules are not run (give --facts DIR)")
            return nil
        }
        do { return try ClaimFacts.load(directory: directory) } catch {
            Console.error("\(error)")
            throw ExitStatus.failure
        }
    }

    /// Loads the packs, reads every file (reporting the ones that fail) and runs the audit.
    func run(timestamp: String? = nil, showProgress: Bool = false) throws -> AuditReport {
        let packs = try ruleOptions.load().packs
        let paths = input.paths
        var progress: (@Sendable (Int, Int, String) -> Void)?
        if showProgress {
            progress = { @Sendable i, n, path in Console.progress("attest: read \(i)/\(n) \(path)") }
        }
        let outcome = AuditRunner(packs: packs, loader: input.loader, claimFacts: try claimFacts(packs))
            .run(paths: paths, byDocument: by == .document, attestVersion: AttestVersion.current, timestamp: timestamp, progress: progress)
        if showProgress { Console.progress(nil) }
        for e in outcome.failures { Console.error("attest: \(e)") }
        for w in outcome.warnings { Console.error("attest: \(w)") }
        guard !outcome.report.inputs.isEmpty else {
            Console.error("attest: no input could be read")
            throw ExitStatus.failure
        }
        return outcome.report
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run rule packs over documents and report which delegation addressed which commitment.",
        discussion: """
            With no FILE, audits the bundled example (\(InputOptions.bundledExample)) with the packs in Rules/. \
            Without --out, prints the matrix; with --out DIR, writes audit.md, audit.html, matrix.csv, \
            matrix.json, findings.jsonl and matrix.xlsx into DIR.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, tsv, markdown, json }

    @OptionGroup var options: AuditOptions

    @Option(help: "Output format of the matrix printed without --out: csv, tsv, markdown or json.")
    var format: Format = .csv

    @Option(help: "Write every report into this directory instead of printing the matrix.")
    var out: String?

    @Flag(help: "Record the time of the run in the reports (they are otherwise byte-identical for the same input).")
    var timestamp = false

    func run() throws {
        let report = try options.run(timestamp: timestamp ? Self.now() : nil, showProgress: Console.stderrIsTerminal)
        for id in report.silentRules {
            Console.error("attest: note: rule '\(id)' matched nothing in the audited documents")
        }
        guard let out else {
            Console.out(format.reporter.render(report.matrix))
            return
        }
        let directory: ReportDirectory
        do {
            directory = try ReportDirectory(path: out, inputs: options.input.paths)
            let written = try ReporterRegistry.writeAll(report, to: directory)
            Console.error("attest: wrote \(written.count) reports to \(out): \(ReporterRegistry.fileNames.joined(separator: ", "))")
        } catch {
            Console.error("attest: \(error)")
            throw ExitStatus.failure
        }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print only the delegation × commitment matrix, for piping.")

    @OptionGroup var options: AuditOptions

    @Option(help: "Output format: csv, tsv, markdown or json.")
    var format: Audit.Format = .csv

    func run() throws {
        Console.out(format.reporter.render(try options.run().matrix))
    }
}

extension Audit.Format {
    var reporter: any MatrixReporter { MatrixFormat(rawValue: rawValue)!.reporter }
}

import ArgumentParser
import AttestAudit
import AttestStreaming
import AttestFormats
import AttestMatching
import AttestReports
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `attest match` from many partitions into one matrix and one set of reports.",
        discussion: """
            The merge is associative and independent of order; on the same statements it gives the same \
            matrix as `attest audit`. Without --out prints the matrix; --emit records prints the merged \
            records instead, to be merged again.
            """)

    enum Emit: String, ExpressibleByArgument, CaseIterable { case matrix, records }

    @OptionGroup var ruleOptions: RuleOptions

    @Argument(help: "Files of `attest match` output; - for standard input.")
    var partials: [String]

    @Option(help: "Output format of the matrix: csv, tsv, markdown or json.")
    var format: Audit.Format = .csv

    @Option(help: "What to print: the matrix, or the merged records (which merge again).")
    var emit: Emit = .matrix

    @Option(help: "Write every report into this directory (as `attest audit --out`).")
    var out: String?

    func run() throws {
        let loaded = try ruleOptions.load()
        let packs = loaded.packs
        var merged = MergedRecords(rules: RuleSet(loaded.rules), keepingRecords: emit == .records)
        for path in partials {
            let handle: FileHandle
            if path == "-" { handle = .standardInput } else {
                guard let h = FileHandle(forReadingAtPath: path) else {
                    Console.error("attest: \(path): cannot be read")
                    throw ExitStatus.failure
                }
                handle = h
            }
            var reader = LineReader(handle: handle)
            while let bytes = reader.next() {
                let line = String(decoding: bytes, as: UTF8.self)
                merged.add(line, source: "\(path):\(reader.lineNumber)")
            }
        }
        for e in merged.errors { Console.error("attest: \(e)") }
        if emit == .records {
            Console.out(merged.records.joined(separator: "\n") + "\n")
            return
        }
        merged.finish(ruleOrder: packs.flatMap(\.rules).map(\.id))
        let report = AuditReport(attestVersion: AttestVersion.current, inputs: [], packs: packs,
                                 statements: merged.statements, findings: merged.findings)
        guard let out else {
            Console.out(format.reporter.render(report.matrix))
            return
        }
        do {
            let directory = try ReportDirectory(path: out, inputs: partials.filter { $0 != "-" })
            let written = try ReporterRegistry.writeAll(report, to: directory)
            Console.error("attest: wrote \(written.count) reports to \(out): \(ReporterRegistry.fileNames.joined(separator: ", "))")
        } catch {
            Console.error("attest: \(error)")
            throw ExitStatus.failure
        }
    }
}

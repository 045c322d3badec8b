import ArgumentParser
import AttestAudit
import AttestClaims
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

    @Option(help: "The facts directory for the packs' claim rules (default: Facts, when it exists), as `attest audit`.")
    var facts: String?

    @Option(help: "The longest line read, in bytes; a longer line is reported and skipped.")
    var maxLineLength: Int = LineReader.defaultMaxLineLength

    func validate() throws {
        if maxLineLength < 1 { throw ValidationError("--max-line-length must be at least 1") }
    }

    func run() throws {
        let loaded = try ruleOptions.load()
        let packs = loaded.packs
        var merged = MergedRecords(rules: RuleSet(loaded.rules), keepingRecords: emit == .records)
        merged.maxTextLength = maxLineLength
        // claims are found in the statements' texts as `attest audit` finds them (never for --emit records)
        if emit == .matrix, let claimFacts = try AuditOptions.claimFacts(packs, facts: facts) {
            merged.claimChecker = ClaimChecker(packs: packs, facts: claimFacts)
        }
        for path in partials {
            let fd: Int32 = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
            guard fd >= 0 else {
                Console.error("attest: \(path): cannot be read (\(String(cString: strerror(errno))))")
                throw ExitStatus.failure
            }
            defer { if fd != STDIN_FILENO { close(fd) } }
            var reader = LineReader(fileDescriptor: fd, maxLineLength: maxLineLength)
            do {
                while let item = try reader.next() {
                    switch item {
                    case .line(let bytes):
                        merged.add(String(decoding: bytes, as: UTF8.self), source: "\(path):\(reader.lineNumber)")
                    case .tooLong:
                        merged.reject(source: "\(path):\(reader.lineNumber)", "line is longer than \(maxLineLength) bytes; not read")
                    }
                }
            } catch {
                // a directory, an I/O error: reported, not a crash
                Console.error("attest: \(path): cannot be read (\(error))")
                throw ExitStatus.failure
            }
        }
        for e in merged.errors { Console.error("attest: \(e)") }
        if let first = merged.firstEarlierRecord {
            Console.error("attest: note: \(first): \(merged.earlierRecords) record\(merged.earlierRecords == 1 ? "" : "s") without 'index' (written by an "
                          + "earlier attest match): their statement numbers are their lines in the partition and they carry no attribution "
                          + "and no claims; match the statements again for the reports attest audit gives")
        }
        if emit == .records {
            Console.out(merged.records.joined(separator: "\n") + "\n")
            return
        }
        merged.finish(ruleOrder: packs.flatMap(\.rules).map(\.id))
        var report = AuditReport(attestVersion: AttestVersion.current, inputs: [], packs: packs,
                                 statements: merged.statements, findings: merged.findings)
        report.claims = merged.claims
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

import ArgumentParser
import AttestAudit
import Foundation

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read statements as JSON Lines on stdin and write findings as JSON Lines on stdout, line by line.",
        discussion: """
            A streaming filter for Spark's RDD.pipe, Hadoop Streaming or any batch system: no state \
            between lines, output flushed after each statement, memory bounded by the rules and the \
            longest line. Each statement gives a {"type": "statement"} record and one {"type": "finding"} \
            record per match; a malformed line gives {"type": "error", "line": N} and the stream goes on. \
            Combine partitions with `attest merge`.
            """)

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "The document name for statements that carry none.")
    var document: String = "-"

    func run() throws {
        let stream = MatchStream(rules: try ruleOptions.load().rules, document: document)
        var reader = LineReader(handle: .standardInput)
        let out = FileHandle.standardOutput
        while let line = reader.next() {
            let records = stream.records(forLine: line, lineNumber: reader.lineNumber)
            guard !records.isEmpty else { continue }
            // one write per statement: a partition killed midway never leaves half a record behind
            out.write(Data((records.joined(separator: "\n") + "\n").utf8))
        }
    }
}

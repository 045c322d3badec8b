import ArgumentParser
import AttestAudit
import AttestStreaming
import Foundation

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read statements as JSON Lines on stdin and write findings as JSON Lines on stdout, line by line.",
        discussion: """
            A streaming filter for Spark's RDD.pipe, Hadoop Streaming or any batch system: no state \
            between lines, records written in input order after each block of lines (about 256 KB, matched \
            on every core), memory bounded by the rules, the block and the longest line. Each statement gives a {"type": "statement"} record and one {"type": "finding"} \
            record per match; a malformed line gives {"type": "error", "line": N} and the stream goes on. \
            Combine partitions with `attest merge`.
            """)

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "The document name for statements that carry none.")
    var document: String = "-"

    @Flag(help: ArgumentHelp("One line per statement: the statement record with its text and its findings as offsets.",
                             discussion: "Each finding is [rule, unit start, unit end, [[start, end, label], ...]]; `attest merge` with the same rules reads it back into the same reports."))
    var compact = false

    @Option(help: "Statements matched at once, on this many cores (default: all of them; at most 4 × cores, a larger number is lowered to it).")
    var jobs: Int?

    @Option(help: "The longest input line read, in bytes; a longer line gives an error record and is skipped.")
    var maxLineLength: Int = MatchPipeline.defaultMaxLineLength

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxLineLength < 1 { throw ValidationError("--max-line-length must be at least 1") }
    }

    func run() throws {
        let stream = MatchStream(rules: try ruleOptions.load().rules, document: document, compact: compact)
        // each worker holds up to five pieces: more workers than 4 × cores only costs memory
        var pipeline = MatchPipeline(stream: stream, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        pipeline.maxLineLength = maxLineLength
        do {
            try pipeline.run(input: 0, output: 1)
        } catch {
            Console.error("attest: \(error.localizedDescription)")
            throw ExitStatus.failure
        }
    }
}

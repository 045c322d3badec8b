import ArgumentParser
import AttestClaims
import AttestFacts
import AttestReports
import AttestRules
import Foundation

struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Find factual claims (treaty status, memberships, Council decisions) and check them against the facts as of the statement's date.",
        discussion: """
            Claim rules are the rules with `kind: claim` in the packs (default: Rules). Facts are the \
            CSV tables of --facts (default: Facts). Prints one line per claim (or --format csv / jsonl); \
            --out DIR writes claims.csv, claims.jsonl and claimreview.jsonld. With --gold, scores the \
            claims against a claims gold (JSON Lines; see docs/claims.md) and gates on \
            --min-detection-f1 and --min-verdict-accuracy. Exit 0; 1 when a gate fails; 2 on an error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, jsonl }

    @Option(help: "The facts directory (instruments.csv, instrument_aliases.csv, treaty_actions.csv, body_memberships.csv, council_members.csv, resolutions.csv, meetings.csv).")
    var facts: String = "Facts"

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var input: InputOptions

    @Option(help: "Output format on stdout: text, csv or jsonl.")
    var format: Format = .text

    @Option(help: "Write claims.csv, claims.jsonl and claimreview.jsonld into this directory.")
    var out: String?

    @Option(help: "A claims gold (JSON Lines: document, statement, claim, text, expected_verdict) to score against.")
    var gold: String?

    @Option(help: "With --gold: minimum detection F1.") var minDetectionF1: Double?
    @Option(help: "With --gold: minimum verdict accuracy on found gold claims.") var minVerdictAccuracy: Double?

    func validate() throws {
        for (name, value) in [("--min-detection-f1", minDetectionF1), ("--min-verdict-accuracy", minVerdictAccuracy)] {
            if let v = value, !(0...1).contains(v) { throw ValidationError("\(name) must be between 0 and 1") }
            if value != nil && gold == nil { throw ValidationError("\(name) needs --gold") }
        }
    }

    func run() throws {
        let outcome = RuleLoader().load(path: ruleOptions.rules)
        for d in outcome.diagnostics { Console.error(d.description) }
        let claimRules = outcome.packs.flatMap(\.claimRules)
        guard outcome.errors.isEmpty, !claimRules.isEmpty else {
            Console.error("attest: no usable claim rules in \(ruleOptions.rules)")
            throw ExitStatus.failure
        }
        let claimFacts: ClaimFacts
        do { claimFacts = try ClaimFacts.load(directory: facts) } catch {
            Console.error("\(error)")
            throw ExitStatus.failure
        }
        let (statements, readable) = input.load()
        guard readable > 0 else {
            Console.error("attest: no input could be read")
            throw ExitStatus.failure
        }
        let checked = ClaimChecker(packs: outcome.packs, facts: claimFacts).check(statements)
        let report = ClaimReport(claims: checked, factsDirectory: facts, packs: outcome.packs.filter { !$0.claimRules.isEmpty }.map(\.id))
        if let out {
            do {
                let directory = try ReportDirectory(path: out, inputs: input.paths)
                for path in try ReporterRegistry.writeClaims(report, to: directory) { Console.error("wrote \(path)") }
            } catch {
                Console.error("attest: \(error)")
                throw ExitStatus.failure
            }
        }
        if gold == nil {
            switch format {
            case .text: Console.out(ClaimsTextReporter().render(report))
            case .csv: Console.out(String(decoding: ClaimsCSVReporter().data(report), as: UTF8.self))
            case .jsonl: Console.out(String(decoding: ClaimsJSONLReporter().data(report), as: UTF8.self))
            }
        }
        guard let gold else { return }
        let rows: [ClaimGoldRow]
        do { rows = try ClaimGold.load(path: gold) } catch {
            Console.error("\(error)")
            throw ExitStatus.failure
        }
        let evaluation = ClaimEvaluation.evaluate(claims: checked, statements: statements, gold: rows)
        Console.out(ClaimEvaluationReporter().render(evaluation))
        var failures: [String] = []
        if let m = minDetectionF1, evaluation.detectionF1 < m { failures.append(String(format: "detection F1 %.3f < %.3f", evaluation.detectionF1, m)) }
        if let m = minVerdictAccuracy, evaluation.verdictAccuracy < m { failures.append(String(format: "verdict accuracy %.3f < %.3f", evaluation.verdictAccuracy, m)) }
        for f in failures { Console.error("attest: gate failed: \(f)") }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

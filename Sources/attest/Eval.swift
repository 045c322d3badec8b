import ArgumentParser
import AttestAudit
import AttestEvaluation
import AttestFormats
import AttestReports
import AttestRules
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score rule packs against gold annotations and gate on precision, recall and F1.",
        discussion: """
            Gold is a CSV in the shape of matrix.csv (per delegation) or YAML / JSON Lines (per \
            statement); see docs/evaluation.md. Thresholds come from the flags and from the project file \
            (attest.yaml in the current directory, or --config). Exit 0 when every gate passes, 1 when a \
            gate fails, 2 on a usage or configuration error.
            """)

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var input: InputOptions

    @Option(help: "The gold annotations (.csv, .yaml, .jsonl).")
    var gold: String

    @Option(help: "Output format: text, markdown, json, junit or sarif.")
    var format: EvaluationFormat = .text

    @Option(help: "Minimum micro-averaged precision.") var minPrecision: Double?
    @Option(help: "Minimum micro-averaged recall.") var minRecall: Double?
    @Option(help: "Minimum micro-averaged F1.") var minF1: Double?
    @Option(help: "Finding-level gold: minimum Wilson 95% lower bound of every rule's precision.") var minLowerBound: Double?
    @Option(help: "Finding-level gold: minimum precision (right / labelled) of every rule.") var minSamplePrecision: Double?

    @Option(help: "Project file with thresholds (default: attest.yaml when it exists).")
    var config: String?

    @Option(help: "A rule every State recorded with text must address (repeatable).")
    var require: [String] = []

    @Option(help: "Fail only on regressions against this baseline (a rule whose F1 dropped).")
    var baseline: String?

    @Option(help: "Write the per-rule figures of this run as a baseline file.")
    var writeBaseline: String?

    func validate() throws {
        for (name, value) in [("--min-precision", minPrecision), ("--min-recall", minRecall), ("--min-f1", minF1),
                              ("--min-lower-bound", minLowerBound), ("--min-sample-precision", minSamplePrecision)] {
            if let v = value, !(0...1).contains(v) { throw ValidationError("\(name) must be between 0 and 1") }
        }
    }

    /// The files this run reads: `--write-baseline` may be none of them.
    var readFiles: [String] {
        [gold, ruleOptions.rules] + input.paths + [config, baseline].compactMap { $0 }
            + (config == nil && FileManager.default.fileExists(atPath: "attest.yaml") ? ["attest.yaml"] : [])
    }

    func run() throws {
        if let path = writeBaseline {
            // no command writes over its input (`--write-baseline` onto the gold file lost it)
            // the same file whatever the path: device and inode (symbolic and hard links included)
            if let target = FileIdentity(path: path), let input = readFiles.first(where: { FileIdentity(path: $0) == target }) {
                Console.error("attest: \(path): is an input (\(input)); refusing to overwrite it with the baseline")
                throw ExitStatus.failure
            }
        }
        let project = try loadConfig()
        // the gold is read once; its level is told from its text
        let goldText: String
        do { goldText = try GoldStandard.readText(path: gold) } catch {
            Console.error(error.description)
            throw ExitStatus.failure
        }
        if FindingGold.isFindingGold(path: gold, text: goldText) { return try runSample(project, goldText: goldText) }
        if minLowerBound != nil || minSamplePrecision != nil {
            Console.error("attest: \(gold) is statement- or delegation-level gold: --min-lower-bound and --min-sample-precision "
                          + "are for a labelled sample of findings; use --min-precision/recall/f1")
            throw ExitStatus.failure
        }
        let goldStandard: GoldStandard
        do { goldStandard = try GoldStandard.parse(goldText, path: gold) } catch {
            Console.error(error.description)
            throw ExitStatus.failure
        }
        let outcome = try ruleOptions.load()
        let ruleIDs = outcome.rules.map(\.id)
        let required = require + project.require
        for r in required where !ruleIDs.contains(r) {
            Console.error("attest: --require \(r): no such rule in \(ruleOptions.rules)")
            throw ExitStatus.failure
        }
        let audit = try auditDocuments(outcome)
        let resolvedGold: GoldStandard
        do { resolvedGold = try goldStandard.resolvingDelegations(in: audit.report.statements) } catch {
            Console.error(error.description)
            throw ExitStatus.failure
        }
        let evaluation = Evaluation(gold: resolvedGold, ruleIDs: ruleIDs, statements: audit.report.statements, findings: audit.report.findings)
        var overall = project.thresholds(forGold: gold)
        overall.precision = minPrecision ?? overall.precision
        overall.recall = minRecall ?? overall.recall
        overall.f1 = minF1 ?? overall.f1
        let baselineFile: Baseline?
        do { baselineFile = try baseline.map(Baseline.load(path:)) } catch {
            Console.error("attest: \(baseline!): cannot read baseline (\(error.localizedDescription))")
            throw ExitStatus.failure
        }
        var verdict = GateVerdict(evaluation, overall: overall, perRule: project.rules, baseline: baselineFile)
        verdict.require(required, in: audit.report.matrix)
        if let path = writeBaseline {
            do { try Baseline(evaluation).json().write(to: URL(fileURLWithPath: path)) } catch {
                Console.error("attest: \(path): cannot write baseline")
                throw ExitStatus.failure
            }
        }
        let titles = Dictionary(outcome.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        Console.out(EvaluationReporter(format: format, ruleTitles: titles).render(evaluation, verdict, attestVersion: AttestVersion.current))
        if !verdict.passed {
            if format != .text { for f in verdict.failures { Console.error("attest: gate failed: \(f)") } }
            throw ExitCode(1)
        }
    }

    /// Finding-level gold (a labelled sample of findings): precision per rule with a Wilson interval.
    func runSample(_ project: ProjectConfig, goldText: String) throws {
        let sample: FindingGold
        do { sample = try FindingGold.parse(goldText, path: gold) } catch {
            Console.error(error.description)
            throw ExitStatus.failure
        }
        if baseline != nil || writeBaseline != nil || !require.isEmpty || minPrecision != nil || minRecall != nil || minF1 != nil {
            Console.error("attest: \(gold) is a labelled sample of findings: --baseline, --write-baseline, --require and --min-precision/recall/f1 "
                          + "are for statement- and delegation-level gold; gate a sample with --min-sample-precision and --min-lower-bound")
            throw ExitStatus.failure
        }
        if format == .sarif {
            Console.error("attest: --format sarif is for statement- and delegation-level gold; use text, markdown, json or junit")
            throw ExitStatus.failure
        }
        let outcome = try ruleOptions.load()
        let audit = try auditDocuments(outcome)
        let evaluation = PrecisionEvaluation(gold: sample, ruleIDs: outcome.rules.map(\.id), findings: audit.report.findings,
                                             documents: audit.report.inputs.map(\.path))
        var gates = project.sampleGates
        gates.precision = minSamplePrecision ?? gates.precision
        gates.lowerBound = minLowerBound ?? gates.lowerBound
        let verdict = evaluation.verdict(gates)
        Console.out(EvaluationReporter(format: format).render(evaluation, verdict))
        if !verdict.passed {
            if format != .text { for f in verdict.failures { Console.error("attest: gate failed: \(f)") } }
            throw ExitCode(1)
        }
    }

    /// The documents audited with the loaded packs; failures and warnings printed; exit 2 when
    /// no input could be read.
    func auditDocuments(_ outcome: RuleLoader.Outcome) throws -> AuditRunner.Outcome {
        let audit = AuditRunner(packs: outcome.packs, loader: input.loader)
            .run(paths: input.paths, attestVersion: AttestVersion.current)
        for e in audit.failures { Console.error("attest: \(e)") }
        for w in audit.warnings { Console.error("attest: \(w)") }
        guard !audit.report.inputs.isEmpty else {
            Console.error("attest: no input could be read")
            throw ExitStatus.failure
        }
        return audit
    }

    func loadConfig() throws -> ProjectConfig {
        let path = config ?? (FileManager.default.fileExists(atPath: "attest.yaml") ? "attest.yaml" : nil)
        guard let path else { return ProjectConfig() }
        do { return try ProjectConfig.load(path: path) } catch {
            Console.error(error.description)
            throw ExitStatus.failure
        }
    }
}

extension EvaluationFormat: ExpressibleByArgument {}

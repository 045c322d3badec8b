import ArgumentParser
import AttestClaims
import AttestFacts
import AttestMatching
import AttestReports
import AttestRules

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every example of every rule and report per rule what passed and what failed.",
        discussion: "Exit 0 when every example passes, 1 when any fails, 2 when the packs have errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, junit }

    @Argument(help: "Rule pack files or directories (default: Rules).")
    var paths: [String] = []

    @Option(help: "A rule pack file or a directory of them, as every other command takes it (repeatable; adds to the paths).")
    var rules: [String] = []

    /// The paths given as arguments and with --rules, or the default `Rules`.
    var packPaths: [String] {
        let given = paths + rules
        return given.isEmpty ? [RuleOptions.defaultPath] : given
    }

    @Option(help: "Output format: text or junit.")
    var format: Format = .text

    @Option(help: "The facts directory the examples of claim rules are checked against.")
    var facts: String = "Facts"

    func run() throws {
        try RuleOptions.requireDefault(packPaths)
        let outcome = RuleLoader().load(paths: packPaths)
        for d in outcome.diagnostics { Console.error(d.description) }
        guard outcome.errors.isEmpty else { throw ExitStatus.failure }
        var reports = ExampleRunner(rules: outcome.rules).run()
        if outcome.packs.contains(where: { !$0.claimRules.isEmpty }) {
            do { reports += ClaimExampleRunner(packs: outcome.packs, facts: try ClaimFacts.load(directory: facts)).run() } catch {
                Console.error("\(error)")
                throw ExitStatus.failure
            }
        }
        switch format {
        case .text: Console.out(ExampleTextReporter().render(reports))
        case .junit: Console.out(JUnitExampleReporter().render(reports))
        }
        if reports.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}

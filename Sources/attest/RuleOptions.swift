import ArgumentParser
import AttestRules

/// Where the rule packs are, shared by the commands that run rules.
struct RuleOptions: ParsableArguments {
    @Option(help: "A rule pack file, or a directory of them.")
    var rules: String = "Rules"

    /// Loads the packs, printing every diagnostic; fails with exit code 2 on any error.
    func load() throws -> RuleLoader.Outcome {
        let outcome = RuleLoader().load(path: rules)
        for d in outcome.diagnostics { Console.error(d.description) }
        guard outcome.errors.isEmpty, !outcome.rules.isEmpty else {
            Console.error("attest: no usable rules in \(rules)")
            throw ExitStatus.failure
        }
        return outcome
    }
}

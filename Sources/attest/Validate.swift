import ArgumentParser
import AttestRules

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check rule packs and report every problem as path:line:col.",
        discussion: "Exit 0 when there are no errors (warnings allowed), 2 when there is any error.")

    @Argument(help: "Rule pack files or directories (default: Rules).")
    var paths: [String] = []

    @Option(help: "A rule pack file or a directory of them, as every other command takes it (repeatable; adds to the paths).")
    var rules: [String] = []

    /// The paths given as arguments and with --rules, or the default `Rules`.
    var packPaths: [String] {
        let given = paths + rules
        return given.isEmpty ? [RuleOptions.defaultPath] : given
    }

    func run() throws {
        try RuleOptions.requireDefault(packPaths)
        let outcome = RuleLoader().load(paths: packPaths)
        let diagnostics = outcome.validation
        for d in diagnostics { Console.out(d.description + "\n") }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let claimRules = outcome.packs.reduce(0) { $0 + $1.claimRules.count }
        Console.error("\(outcome.packs.count) pack\(outcome.packs.count == 1 ? "" : "s"), \(outcome.rules.count) rule\(outcome.rules.count == 1 ? "" : "s")\(claimRules > 0 ? " and \(claimRules) claim rule\(claimRules == 1 ? "" : "s")" : ""): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw ExitStatus.failure }
    }
}

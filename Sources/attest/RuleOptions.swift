import ArgumentParser
import AttestRules
import Foundation

/// Where the rule packs are, shared by the commands that run rules.
struct RuleOptions: ParsableArguments {
    /// Where the packs are looked for when no path is given: `Rules` in the current directory.
    static let defaultPath = "Rules"

    @Option(help: "A rule pack file, or a directory of them (default: Rules in the current directory).")
    var rules: String = RuleOptions.defaultPath

    /// Loads the packs, printing every diagnostic; fails with exit code 2 on any error.
    func load() throws -> RuleLoader.Outcome {
        try Self.requireDefault([rules])
        let outcome = RuleLoader().load(path: rules)
        for d in outcome.diagnostics { Console.error(d.description) }
        guard outcome.errors.isEmpty, !outcome.rules.isEmpty else {
            Console.error("attest: no usable rules in \(rules)")
            throw ExitStatus.failure
        }
        return outcome
    }

    /// Fails with a hint to pass `--rules` when the packs are only the default `Rules` and there is
    /// no such directory here (attest run from outside the project).
    static func requireDefault(_ paths: [String]) throws {
        guard paths == [defaultPath], !FileManager.default.fileExists(atPath: defaultPath) else { return }
        let here = FileManager.default.currentDirectoryPath
        Console.error("attest: no Rules directory in \(here); pass --rules PATH (a rule pack file or a directory of them), "
            + "for example --rules /path/to/attest/Rules")
        throw ExitStatus.failure
    }
}

import ArgumentParser
import Foundation

@main
struct Attest: ParsableCommand {
    /// Parses and runs the command, mapping usage errors to exit code 2 (ArgumentParser's own is 64)
    /// so that every error Attest reports has the same code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.failure.rawValue)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Check which delegation addressed which commitment, with the sentence that proves it.",
        version: AttestVersion.current,
        subcommands: [Audit.self, Matrix.self, Statements.self, Validate.self, TestRules.self, Explain.self, Eval.self]
    )
}

enum AttestVersion {
    static let current = "0.1.0"
}

/// Exit codes, documented in README.md; CI gates depend on them.
enum ExitStatus {
    /// Something could not be read and nothing could be done: no input readable, invalid rules, bad usage.
    static let failure = ExitCode(2)
}

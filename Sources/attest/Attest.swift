import ArgumentParser

@main
struct Attest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Check which delegation addressed which commitment, with the sentence that proves it.",
        version: AttestVersion.current,
        subcommands: [Audit.self, Statements.self]
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

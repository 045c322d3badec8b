import ArgumentParser
import AttestReports
import Foundation

@main
struct Attest: ParsableCommand {
    /// Parses and runs the command, mapping usage errors to exit code 2 (ArgumentParser's own is 64)
    /// so that every error Attest reports has the same code.
    static func main() {
        Console.guardClosedDescriptors()
        Interruption.install()
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
        subcommands: [Audit.self, Matrix.self, Statements.self, Validate.self, TestRules.self, Explain.self, Eval.self, Claims.self, Match.self, Merge.self]
    )
}

/// On SIGINT or SIGTERM: remove the report files being written, then exit 130 or 143.
enum Interruption {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    static func install() {
        for (signalNumber, code) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                ReportDirectory.removeTemporaryFiles()
                Foundation.exit(code)
            }
            source.resume()
            sources.append(source)
        }
    }
}

enum AttestVersion {
    static let current = "0.1.0"
}

/// Exit codes, documented in README.md; CI gates depend on them.
enum ExitStatus {
    /// Something could not be read and nothing could be done: no input readable, invalid rules, bad usage.
    static let failure = ExitCode(2)
}

import ArgumentParser
import AttestCorpus
import AttestFacts
import AttestModel
import Foundation

/// The documents to read, shared by every subcommand that reads them.
struct InputOptions: ParsableArguments {
    @Argument(help: "Documents to read: press releases (.txt, .html), S/PV records (.txt), JSON Lines datasets (.jsonl).")
    var files: [String] = []

    @Option(help: "Read every file as this format instead of detecting it: \(DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var input: DocumentFormat?

    @Option(help: ArgumentHelp("Meeting dates: a CSV with columns symbol, part, date (S/PV.8764,main,2020-10-05). Without it, the shipped Facts/meetings.csv dates the records it lists.", valueName: "file"))
    var meetings: String?

    /// The bundled example, used when no file is given.
    static let bundledExample = "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt"

    var paths: [String] { files.isEmpty ? [Self.bundledExample] : files }

    /// The facts the readers use: the meetings table given with `--meetings`, or the shipped one, and
    /// the shipped presidencies. A `--meetings` file that cannot be read stops the command.
    func facts() throws -> AttributionFacts {
        var facts = AttributionFacts.shipped()
        if let path = meetings {
            do {
                facts.meetings = try MeetingsTable(contentsOf: path)
            } catch {
                Console.error("attest: \(error)")
                throw ExitStatus.failure
            }
        }
        return facts
    }

    var loader: CorpusLoader { CorpusLoader(format: input, facts: (try? facts()) ?? AttributionFacts.shipped()) }

    func validate() throws {
        if let path = meetings {
            do { _ = try MeetingsTable(contentsOf: path) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Reads every file, printing one line on stderr for each that cannot be read and for each
    /// warning. Returns the statements of every readable file, in input order.
    func load() -> (statements: [Statement], readable: Int) {
        var statements: [Statement] = []
        var readable = 0
        for loaded in loader.load(paths) {
            switch loaded.result {
            case .failure(let error):
                Console.error("attest: \(error)")
            case .success(let result):
                readable += 1
                for w in result.warnings { Console.error("attest: \(w)") }
                statements += result.statements
            }
        }
        return (statements, readable)
    }
}

extension DocumentFormat: ExpressibleByArgument {}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Rewrites the progress line on stderr (nil clears it); only call when stderr is a terminal.
    static func progress(_ line: String?) {
        let text = line.map { String($0.prefix(100)) } ?? ""
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }
}

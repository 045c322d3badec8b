import ArgumentParser
import AttestCorpus
import AttestFacts
import AttestFormats
import AttestModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

/// Everything the CLI prints. Text for a person (stderr, `statements --format table`) has its
/// control characters escaped (`Escaping.terminal`): a delegation or file name cannot forge a line
/// of output, clear the screen or set the window title. Writes go through `write(2)`: a write error
/// on stdout (`/dev/full`, a closed stdout, a closed pipe with SIGPIPE ignored) is reported and
/// exits 2, never a crash.
enum Console {
    /// One line (or several) on stderr; each line is escaped. Write errors on stderr are ignored:
    /// there is nowhere left to report them.
    static func error(_ text: String) {
        let escaped = text.split(separator: "\n", omittingEmptySubsequences: false).map { Escaping.terminal(String($0)) }
        _ = write(STDERR_FILENO, escaped.joined(separator: "\n") + "\n")
    }

    /// Text on stdout, as it is (records, matrices, reports). Exits 2 when it cannot be written.
    static func out(_ text: String) {
        if let code = write(STDOUT_FILENO, text) {
            error("attest: standard output: cannot write (\(String(cString: strerror(code))))")
            Foundation.exit(ExitStatus.failure.rawValue)
        }
    }

    /// Writes all of `text` to `fd`; the errno when that fails.
    private static func write(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { FileIO.writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// When the process starts with stdout or stderr closed, /dev/null is opened read-only on that
    /// descriptor: no file opened later (a report) can take descriptor 1 or 2 and receive the
    /// output, and a write to it still fails (EBADF) and is reported.
    static func guardClosedDescriptors() {
        for fd in [STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0, null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Rewrites the progress line on stderr (nil clears it); only call when stderr is a terminal.
    static func progress(_ line: String?) {
        let text = line.map { Escaping.terminal(String($0.prefix(100))) } ?? ""
        _ = write(STDERR_FILENO, "\r\u{1B}[K" + text)
    }
}

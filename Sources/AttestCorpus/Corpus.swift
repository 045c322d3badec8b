import AttestModel
import Foundation

/// The format of an input document.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case pressRelease = "press-release"
    case pressReleaseHTML = "press-release-html"
    case verbatimRecord = "verbatim"
    case jsonLines = "jsonl"

    /// Guesses the format from the file name and the opening of its text: `.jsonl`/`.ndjson` are
    /// JSON Lines, `.html`/`.htm` saved press releases; a text whose first paragraph opens with a
    /// speaker header (`The President:`, `Mr. X (Country):`) is a verbatim record; any other text is
    /// a press release.
    public static func detect(path: String, text: String) -> DocumentFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" { return .jsonLines }
        if ext == "html" || ext == "htm" { return .pressReleaseHTML }
        let opening = text.drop(while: \.isWhitespace).prefix(300)
        if opening.hasPrefix("{") { return .jsonLines }
        if opening.hasPrefix("<") { return .pressReleaseHTML }
        if let firstLine = opening.split(separator: "\n").first, VerbatimRecordReader.header(String(firstLine)) != nil,
           firstLine.hasPrefix("The President") || firstLine.hasPrefix("The Secretary-General") || firstLine.contains("):") {
            return .verbatimRecord
        }
        return .pressRelease
    }

    public func reader(resolver: SpeakerResolver, facts: AttributionFacts = AttributionFacts()) -> any DocumentReader {
        switch self {
        case .pressRelease: PressReleaseReader(resolver: resolver)
        case .pressReleaseHTML: PressReleaseHTMLReader(paragraphReader: PressReleaseReader(resolver: resolver))
        case .verbatimRecord: VerbatimRecordReader(resolver: resolver, facts: facts)
        case .jsonLines: JSONLinesReader(resolver: resolver)
        }
    }
}

/// Reads documents, each on its own: one broken file never loses the statements of the others.
public struct CorpusLoader: Sendable {
    public let resolver: SpeakerResolver
    /// Forces one format for every file instead of detecting it.
    public var format: DocumentFormat?
    /// Meeting dates and presidencies: dates statements whose document does not, and lets the
    /// verbatim reader use the month's presidency.
    public var facts: AttributionFacts

    public init(resolver: SpeakerResolver = SpeakerResolver(), format: DocumentFormat? = nil, facts: AttributionFacts = AttributionFacts()) {
        self.resolver = resolver
        self.format = format
        self.facts = facts
    }

    /// The outcome for one file: its statements and warnings, or why it could not be read.
    public struct Loaded: Sendable {
        public var path: String
        public var result: Result<ReadResult, CorpusError>
        /// SHA-256 (hex) of the bytes read, when the file could be read.
        public var sha256: String?
    }

    /// Each file read on its own, the files on every core at once; the outcomes in the order of `paths`.
    /// - Parameter progress: called as each file has been read, with the number of files read so
    ///   far, the total and the file's path (one call at a time, from the thread that read it).
    public func load(_ paths: [String], progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> [Loaded] {
        let read = ReadCount()
        return concurrentBatches(paths, batch: 1) { batch in
            batch.map { path in
                let loaded = load(path)
                if let progress { read.increment { progress($0, paths.count, path) } }
                return loaded
            }
        }
    }

    public func load(_ path: String) -> Loaded {
        let source: SourceText
        do {
            source = try SourceText.load(path: path)
        } catch {
            return Loaded(path: path, result: .failure(error))
        }
        let result = read(source)
        return Loaded(path: path, result: result, sha256: source.sha256)
    }

    public func read(_ source: SourceText) -> Result<ReadResult, CorpusError> {
        let fmt = format ?? DocumentFormat.detect(path: source.path, text: source.text)
        var result = fmt.reader(resolver: resolver, facts: facts).read(source)
        if fmt != .verbatimRecord && fmt != .jsonLines {
            // a press release: its dateline, else the meetings table's row for a symbol the text gives ("SC/14273")
            let date = DocumentDate.pressReleaseDateline(source.text) ?? DocumentDate.fileNameDate(source.path)
            for i in result.statements.indices where result.statements[i].date == nil { result.statements[i].date = date }
            result.date = date
        }
        if source.nulBytes > 0, let first = source.firstNul {
            // the first NUL's offset is in the text as decoded (line ends folded), as `line(at:)` wants
            result.warnings.insert(CorpusWarning(path: source.path, line: source.line(at: min(first, source.text.utf8.count)),
                                                 message: "\(source.nulBytes) NUL byte\(source.nulBytes == 1 ? "" : "s") read as spaces"), at: 0)
        }
        // a document where nothing is attributed (a resolution text, a CSV) is not audited; a
        // dataset's own `delegation` field counts as attributed, even for a name the gazetteer lacks
        if !result.statements.contains(where: { ($0.kind != .unknown && $0.kind != .narrative) || $0.delegation != nil }) {
            return .failure(.noStatements(path: source.path))
        }
        // `start`/`end` are offsets in the file's bytes (a byte-order mark and CR LF moved them in the text)
        for i in result.statements.indices {
            result.statements[i].start = source.fileOffset(result.statements[i].start)
            result.statements[i].end = source.fileOffset(result.statements[i].end)
        }
        return .success(result)
    }
}

/// The number of files read so far, counted (and reported) one file at a time.
private final class ReadCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment(_ report: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        report(count)
    }
}

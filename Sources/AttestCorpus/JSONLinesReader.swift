import Foundation

/// Reads a dataset of statements as JSON Lines: one object per line with `text` and at least one
/// of `speaker` and `delegation`, and optionally `id`, `kind`, `document`.
///
/// `delegation` (or, without it, `speaker`) is resolved through the gazetteer to its canonical
/// name; a delegation the gazetteer does not know is kept as written, with the record's `kind`
/// (or `unknown`) and a warning. A line that is not a JSON object, or has no `text`, is reported
/// with its line number and skipped; the other lines are still read.
public struct JSONLinesReader: DocumentReader {
    public let resolver: SpeakerResolver

    public init(resolver: SpeakerResolver = SpeakerResolver()) {
        self.resolver = resolver
    }

    public func read(_ source: SourceText) -> ReadResult {
        var result = ReadResult()
        var offset = 0
        var lineNumber = 0
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let start = offset
            offset += line.utf8.count + 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            switch statement(line, line: lineNumber, start: start, document: source.path, index: result.statements.count) {
            case .failure(let failure):
                result.warnings.append(CorpusWarning(path: source.path, line: lineNumber, message: "skipped line: \(failure.message)"))
            case .success(let (statement, warning)):
                if let warning { result.warnings.append(CorpusWarning(path: source.path, line: lineNumber, message: warning)) }
                result.statements.append(statement)
            }
        }
        return result
    }

    /// One line of a dataset as a statement, with a warning when its delegation is unknown; or why
    /// the line is not a statement. Holds no state between lines, so lines can be read in any
    /// order, in any process (`attest match`).
    /// - Parameters:
    ///   - document: the `document` of the statement when the line has none of its own.
    public func statement(_ line: Substring, line lineNumber: Int, start: Int, document: String, index: Int)
        -> Result<(Statement, String?), Failure> {
        switch parse(line) {
        case .failure(let f): return .failure(f)
        case .success(let record):
            let a = attribution(record)
            let warning = a.kind == .unknown ? "unrecognised delegation '\(record.delegation ?? record.speaker ?? "")'" : nil
            return .success((Statement(
                document: record.document ?? document, index: index, id: record.id, speaker: record.speaker,
                delegation: a.delegation, kind: a.kind, iso3: a.iso3, capacity: a.capacity, onBehalfOf: a.onBehalfOf,
                group: a.group, language: record.language, text: record.text, start: start, end: start + line.utf8.count,
                line: lineNumber), warning))
        }
    }

    struct Record {
        var document: String?
        var id: String?
        var speaker: String?
        var delegation: String?
        var kind: String?
        var language: String?
        var text: String
    }

    func parse(_ line: Substring) -> Result<Record, Failure> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            return .failure(Failure("not valid JSON"))
        }
        guard let dict = object as? [String: Any] else { return .failure(Failure("not a JSON object")) }
        guard let text = dict["text"] as? String else { return .failure(Failure("no \"text\" string")) }
        func string(_ key: String) -> String? {
            switch dict[key] {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
        let record = Record(document: string("document"), id: string("id"), speaker: string("speaker"), delegation: string("delegation"),
                            kind: string("kind"), language: string("language"), text: text)
        guard record.speaker != nil || record.delegation != nil else { return .failure(Failure("neither \"speaker\" nor \"delegation\"")) }
        return .success(record)
    }

    public struct Failure: Error, Sendable {
        public var message: String
        init(_ m: String) { message = m }
    }

    func attribution(_ r: Record) -> Attribution {
        let given = r.kind.flatMap(SpeakerKind.init(rawValue:))
        if given == .narrative { return .narrative }
        if given == .presidency { return .presidency }
        if let name = r.delegation ?? r.speaker, let target = resolver.gazetteer.lookup(name), case .entry(let d) = target {
            var a = Attribution(d)
            if a.kind == .state, let behalf = resolver.onBehalfOf(in: r.text, speaker: d.name) {
                a.capacity = .onBehalfOf
                a.onBehalfOf = behalf.members
                a.group = behalf.group
            }
            return a
        }
        guard let written = r.delegation else { return .unknown }
        return Attribution(delegation: written, kind: given ?? .unknown, capacity: nil)
    }
}

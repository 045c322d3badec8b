import AttestFormats
import AttestModel
import AttestText
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
    /// Names already looked up in the gazetteer: a dataset names the same delegations again and again.
    private let lookups = LookupCache()

    public init(resolver: SpeakerResolver = SpeakerResolver()) {
        self.resolver = resolver
    }

    public func read(_ source: SourceText) -> ReadResult {
        var result = ReadResult()
        var offset = 0
        var lineNumber = 0
        // lines split on the byte 0x0A (a line feed is always a character of its own)
        let utf8 = source.text.utf8
        var lineStart = utf8.startIndex
        var last = false
        while !last {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            last = lineEnd == utf8.endIndex
            let line = source.text[lineStart..<lineEnd]
            if !last { lineStart = utf8.index(after: lineEnd) }
            lineNumber += 1
            let start = offset
            offset += line.utf8.count + 1
            guard !Self.isBlank(line) else { continue }
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

    /// True when the line is only white space (ASCII looked at byte by byte, anything else as characters).
    static func isBlank(_ line: Substring) -> Bool {
        for b in line.utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
            if b < 0x80 { return false }
            return line.allSatisfy(\.isWhitespace)
        }
        return true
    }

    /// One line of a dataset as a statement, with a warning when its delegation is unknown; or why
    /// the line is not a statement. Holds no state between lines, so lines can be read in any
    /// order, in any process (`attest match`).
    /// - Parameters:
    ///   - document: the `document` of the statement when the line has none of its own.
    public func statement(_ line: Substring, line lineNumber: Int, start: Int, document: String, index: Int)
        -> Result<(Statement, String?), Failure> {
        parse(line).map { statement($0, line: lineNumber, start: start, length: line.utf8.count, document: document, index: index) }
    }

    /// `statement(_:line:start:document:index:)` of a line given as bytes, which are validated as
    /// UTF-8 once: a flat record (`FlatJSON`) string by string as its strings are read (every
    /// other byte of it is ASCII JSON syntax), any other line whole before it is parsed. Nil when
    /// the bytes are not UTF-8. (Validating the line and then each string again was two passes
    /// over every statement's text.)
    public func statement(utf8 bytes: UnsafeBufferPointer<UInt8>, line lineNumber: Int, start: Int, document: String, index: Int)
        -> Result<(Statement, String?), Failure>? {
        var rawText: Range<Int>?
        return statement(utf8: bytes, line: lineNumber, start: start, document: document, index: index, rawText: &rawText)
    }

    /// `statement(utf8:line:start:document:index:)`, and where the line holds the statement's
    /// text as JSON writes it: the bytes of its string between the quotes, when the line wrote it
    /// without escapes (then they are the text's UTF-8, none of them a quote, a backslash or a
    /// control character, which is what a JSON writer writes for it). A writer can copy them
    /// instead of escaping the text again. Nil when the text has escapes, or the line is not flat.
    public func statement(utf8 bytes: UnsafeBufferPointer<UInt8>, line lineNumber: Int, start: Int, document: String, index: Int,
                          rawText: inout Range<Int>?) -> Result<(Statement, String?), Failure>? {
        let flat = FlatJSON.record(bytes)
        rawText = flat?.rawText
        if let flat {
            return record(flat.fields).map { statement($0, line: lineNumber, start: start, length: bytes.count, document: document, index: index) }
        }
        guard let line = UTF8Validation.string(bytes) else { return nil }
        return statement(Substring(line), line: lineNumber, start: start, document: document, index: index)
    }

    /// The statement of a record read from a line of `length` bytes, with its warning.
    private func statement(_ record: Record, line lineNumber: Int, start: Int, length: Int, document: String, index: Int) -> (Statement, String?) {
        let a = attribution(record)
        let warning = a.kind == .unknown ? "unrecognised delegation '\(record.delegation ?? record.speaker ?? "")'" : nil
        return (Statement(
            document: record.document ?? document, index: record.index ?? index, id: record.id, speaker: record.speaker,
            delegation: a.delegation, kind: a.kind, iso3: a.iso3, capacity: a.capacity, onBehalfOf: a.onBehalfOf,
            group: a.group, language: record.language, date: record.date, attribution: a.basis, text: record.text, start: start, end: start + length,
            line: record.line ?? lineNumber), warning)
    }

    struct Record {
        var document: String?
        var id: String?
        var speaker: String?
        var delegation: String?
        var kind: String?
        var language: String?
        var date: String?
        var text: String
        /// The statement's own `index` and `line` (as `attest statements` writes them), when they
        /// are whole numbers in range: the statement keeps them, wherever its line is read.
        var index: Int? = nil
        var line: Int? = nil
    }

    func parse(_ line: Substring) -> Result<Record, Failure> {
        var copy = line
        if let flat = copy.withUTF8({ FlatJSON.record($0) }) { return record(flat.fields) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            return .failure(Failure("not valid JSON"))
        }
        guard let dict = object as? [String: Any] else { return .failure(Failure("not a JSON object")) }
        return record(text: dict["text"] as? String) { key in
            switch dict[key] {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
    }

    /// The record of a flat line's keys and values.
    private func record(_ fields: [(key: String, value: String?)]) -> Result<Record, Failure> {
        func value(_ key: String) -> String? { fields.first { $0.key == key }?.value ?? nil }
        return record(text: value("text")) { value($0) }
    }

    /// A record from the values of a line's keys.
    private func record(text: String?, _ string: (String) -> String?) -> Result<Record, Failure> {
        guard let text else { return .failure(Failure("no \"text\" string")) }
        func number(_ key: String, from low: Int) -> Int? {
            string(key).flatMap { Int($0) }.flatMap { (low...(1 << 48)).contains($0) ? $0 : nil }
        }
        let record = Record(document: string("document"), id: string("id"), speaker: string("speaker"), delegation: string("delegation"),
                            kind: string("kind"), language: string("language"), date: string("date"), text: text,
                            index: number("index", from: 0), line: number("line", from: 1))
        guard record.speaker != nil || record.delegation != nil else { return .failure(Failure("neither \"speaker\" nor \"delegation\"")) }
        if let d = record.date, !Self.isISODate(d) { return .failure(Failure("\"date\" is not YYYY-MM-DD: '\(d)'")) }
        return .success(record)
    }

    static func isISODate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return false }
        let digits = u[0..<4] + u[5..<7] + u[8..<10]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let m = Int(s.dropFirst(5).prefix(2))!, d = Int(s.suffix(2))!
        return (1...12).contains(m) && (1...31).contains(d)
    }

    public struct Failure: Error, Sendable {
        public var message: String
        init(_ m: String) { message = m }
    }

    /// The attribution of a record's `delegation` (or `speaker`) when the gazetteer has an entry
    /// for it: the entry speaking for itself, decided by the name (before any "on behalf of").
    func entryAttribution(_ name: String) -> Attribution? {
        guard case .entry(let d) = resolver.gazetteer.lookup(name) else { return nil }
        return Attribution(d).with(.gazetteerEntry, .certain, evidence: name)
    }

    func attribution(_ r: Record) -> Attribution {
        let given = r.kind.flatMap(SpeakerKind.init(rawValue:))
        if given == .narrative { return Attribution.narrative.with(.datasetField, .certain, evidence: "kind") }
        if given == .presidency { return Attribution.presidency.with(.datasetField, .certain, evidence: "kind") }
        if let name = r.delegation ?? r.speaker, var a = lookups.value(name, { entryAttribution($0) }) {
            if a.kind == .state, let behalf = resolver.onBehalfOf(in: r.text, speaker: a.delegation) {
                a.capacity = .onBehalfOf
                a.onBehalfOf = behalf.members
                a.group = behalf.group
            } else if a.kind == .state, let state = a.delegation, let members = resolver.jointly(in: r.text, state: state) {
                a.capacity = .onBehalfOf
                a.onBehalfOf = members
            }
            return a
        }
        guard let written = r.delegation else { return Attribution.unknown.with(.none, .certain) }
        return Attribution(delegation: written, kind: given ?? .unknown, capacity: nil)
            .with(given == nil ? .none : .datasetField, .certain, evidence: given == nil ? nil : "delegation")
    }
}

/// A memo of the attributions of names, shared by the threads that read lines (bounded: past
/// 10,000 names, new ones are worked out every time). It holds each name's attribution whole, not
/// only its gazetteer entry: made again for every line (the attribution, then a copy with its
/// basis), it took about 1,700 instructions a statement, 2 % of `attest match` with 100 rules.
final class LookupCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Attribution?] = [:]

    func value(_ name: String, _ lookup: (String) -> Attribution?) -> Attribution? {
        lock.lock()
        let cached = known[name]
        lock.unlock()
        if let cached { return cached }
        let found = lookup(name)
        lock.lock()
        if known.count < 10_000 { known[name] = .some(found) }
        lock.unlock()
        return found
    }
}

/// The common case of a JSON Lines statement read without Foundation: one object whose values are
/// strings or null, keys not repeated. Anything else (numbers, nesting, a duplicate key, invalid
/// JSON) gives nil, and the line is read by JSONSerialization, which decides and explains.
/// Its strings are validated as UTF-8 as they are read (a string that is not gives nil); every
/// other byte of a line it reads is ASCII, so a line it reads is UTF-8.
enum FlatJSON {
    /// The object's keys and values (nil for null), in order (a line has a handful: a list beats
    /// hashing), and the bytes of the `text` value between its quotes when it has no escapes (its
    /// bytes are then as many as its UTF-8's: every escape is longer than what it stands for).
    static func record(_ b: UnsafeBufferPointer<UInt8>) -> (fields: [(key: String, value: String?)], rawText: Range<Int>?)? {
        var i = 0
        var rawText: Range<Int>?
        let n = b.count
        func skip() { while i < n, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 } }
        skip()
        guard i < n, b[i] == 0x7B else { return nil }
        i += 1
        var fields: [(key: String, value: String?)] = []
        fields.reserveCapacity(8)
        skip()
        if i < n, b[i] == 0x7D {
            i += 1
            skip()
            return i == n ? (fields, nil) : nil
        }
        while true {
            skip()
            guard let key = string(b, &i) else { return nil }
            guard !fields.contains(where: { $0.key == key }) else { return nil }
            skip()
            guard i < n, b[i] == 0x3A else { return nil }
            i += 1
            skip()
            let value: String?
            if i + 4 <= n, b[i] == 0x6E, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C {
                value = nil
                i += 4
            } else {
                let open = i
                guard let v = string(b, &i) else { return nil }
                value = v
                // (between the quotes: from after the opening one to before the closing one)
                if key == "text", i - open - 2 == v.utf8.count { rawText = (open + 1)..<(i - 1) }
            }
            fields.append((key, value))
            skip()
            guard i < n else { return nil }
            if b[i] == 0x2C { i += 1; continue }
            guard b[i] == 0x7D else { return nil }
            i += 1
            skip()
            return i == n ? (fields, rawText) : nil
        }
    }

    /// A JSON string starting at `i` (a quote), or nil when it is not one.
    static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let n = b.count
        guard i < n, b[i] == 0x22 else { return nil }
        i += 1
        let start = i
        // the plain case: no escapes (the run found and checked as UTF-8 in one pass)
        let run = UTF8Validation.plainRun(b, from: i)
        i = run.end
        guard i < n else { return nil }
        if b[i] == 0x22 {
            defer { i += 1 }
            return run.valid ? UTF8Validation.string(validated: UnsafeBufferPointer(rebasing: b[start..<i])) : nil
        }
        guard b[i] == 0x5C else { return nil } // a raw control character
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < n {
            let c = b[i]
            if c == 0x22 {
                i += 1
                // (an escape writes whole scalars: raw bytes around it are UTF-8 in `out` exactly
                // when they are in the line)
                return out.withUnsafeBufferPointer { UTF8Validation.string($0) }
            }
            if c < 0x20 { return nil }
            guard c == 0x5C else { out.append(c); i += 1; continue }
            guard i + 1 < n else { return nil }
            i += 2
            switch b[i - 1] {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var v = hex4(b, i) else { return nil }
                i += 4
                if v >= 0xD800 && v < 0xDC00 {
                    guard i + 6 <= n, b[i] == 0x5C, b[i + 1] == 0x75, let low = hex4(b, i + 2), low >= 0xDC00 && low < 0xE000 else { return nil }
                    i += 6
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if v >= 0xDC00 && v < 0xE000 {
                    return nil
                }
                guard let scalar = Unicode.Scalar(v) else { return nil }
                out.append(contentsOf: String(scalar).utf8)
            default: return nil
            }
        }
        return nil
    }

    static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}

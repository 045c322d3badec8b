import AttestAudit
import AttestFormats
import AttestCorpus
import AttestModel
import AttestRules
import Foundation
import Yams

/// Annotations written by people: which delegation (or statement) addresses which commitment.
///
/// Two levels: per delegation, a CSV in exactly the shape of `matrix.csv`
/// (`delegation,kind,iso3,<rule ids...>`, optionally with a leading `document` column, cells
/// `1`, `0` or empty), and per statement, YAML or JSON Lines (document, statement index or
/// speaker, and the rule ids the statement addresses). Empty cells are not scored.
public struct GoldStandard: Sendable, Equatable {
    /// One judgement: whether `subject` addresses `rule`, and where the judgement is written.
    public struct Cell: Sendable, Equatable {
        public var subject: Subject
        public var rule: String
        public var addressed: Bool
        public var line: Int
        public var column: Int
        /// Column of the name the subject is written as (the delegation field of a CSV row).
        public var subjectColumn: Int = 1
    }

    /// What a judgement is about.
    public enum Subject: Sendable, Hashable, CustomStringConvertible {
        /// A delegation, over all documents (`document` nil) or in one document.
        case delegation(String, document: String?)
        /// A statement of a document, by index.
        case statement(document: String, index: Int)
        /// Every statement of a speaker (as written) in a document.
        case speaker(document: String, speaker: String)

        public var description: String {
            switch self {
            case .delegation(let d, let doc): doc.map { "\(d) in \($0)" } ?? d
            case .statement(let doc, let i): "\(doc) statement \(i)"
            case .speaker(let doc, let s): "\(s) in \(doc)"
            }
        }
    }

    public enum Level: String, Sendable { case delegation, statement }

    public var path: String
    public var level: Level
    /// The rules the gold has an opinion on, in the order they first appear.
    public var rules: [String]
    public var cells: [Cell]

    /// Why a gold file could not be read: `path:line:col: message`.
    public typealias Failure = Diagnostic

    /// Reads a gold file: `.csv` per delegation, `.yaml`/`.yml` or `.jsonl` per statement.
    /// The largest gold file read: YAML as large as a rule pack (Yams builds a tree of it), CSV and
    /// JSON Lines larger (read by Attest's own readers).
    public static let maxYAMLBytes = 4 << 20
    public static let maxBytes = 64 << 20

    public static func load(path: String) throws(Failure) -> GoldStandard {
        try parse(try readText(path: path), path: path)
    }

    /// The text of a gold file (any level), its size checked before it is read: a huge gold costs
    /// nothing. Read once; the level is then told from the text (`FindingGold.isFindingGold`).
    public static func readText(path: String) throws(Failure) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        let limit = ext == "yaml" || ext == "yml" ? maxYAMLBytes : maxBytes
        if let size = fileSize(path), size > limit {
            throw Failure(path: path, line: 1, column: 1, message: "gold file is \(size) bytes; the limit is \(limit)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(path: path, line: 1, column: 1, message: "cannot read gold file")
        }
        guard let text = UTF8Validation.string(data) else {
            throw Failure(path: path, line: 1, column: 1, message: "gold file is not UTF-8")
        }
        return text
    }

    /// A delegation- or statement-level gold from its text, by the file's extension.
    public static func parse(_ text: String, path: String) throws(Failure) -> GoldStandard {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "csv": return try parseCSV(text, path: path)
        case "jsonl", "ndjson": return try parseJSONLines(text, path: path)
        case "yaml", "yml": return try parseYAML(text, path: path)
        default: throw Failure(path: path, line: 1, column: 1, message: "unknown gold format '.\(ext)'; expected .csv, .yaml or .jsonl")
        }
    }

    /// The size of a regular file, nil for anything else (it is then read, or fails to be).
    static func fileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    // MARK: per delegation (CSV)

    public static func parseCSV(_ text: String, path: String) throws(Failure) -> GoldStandard {
        let records = CSV.parse(text)
        guard let header = records.first else { throw Failure(path: path, line: 1, column: 1, message: "gold file is empty") }
        let names = header.fields.map(\.value)
        let hasDocument = names.first == "document"
        let fixed = hasDocument ? ["document", "delegation", "kind", "iso3"] : ["delegation", "kind", "iso3"]
        guard Array(names.prefix(fixed.count)) == fixed else {
            throw Failure(path: path, line: 1, column: 1, message: "header must start with \(fixed.joined(separator: ",")) (the shape of matrix.csv)")
        }
        let rules = Array(names.dropFirst(fixed.count))
        guard !rules.isEmpty else { throw Failure(path: path, line: 1, column: 1, message: "header names no rule") }
        for (i, rule) in rules.enumerated() where rules[..<i].contains(rule) {
            throw Failure(path: path, line: 1, column: header.fields[fixed.count + i].column, message: "rule '\(rule)' has two columns")
        }
        var cells: [Cell] = []
        var seen: Set<Subject> = []
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].value.isEmpty) {
            guard record.fields.count == names.count else {
                throw Failure(path: path, line: record.line, column: 1,
                              message: "row has \(record.fields.count) fields; the header has \(names.count)")
            }
            let delegation = record.fields[hasDocument ? 1 : 0].value
            let nameColumn = record.fields[hasDocument ? 1 : 0].column
            let subject = Subject.delegation(delegation, document: hasDocument ? record.fields[0].value : nil)
            guard !delegation.isEmpty else { throw Failure(path: path, line: record.line, column: 1, message: "empty delegation name") }
            guard seen.insert(subject).inserted else {
                throw Failure(path: path, line: record.line, column: 1, message: "duplicate row for \(subject)")
            }
            for (rule, field) in zip(rules, record.fields.dropFirst(fixed.count)) {
                switch field.value.trimmingCharacters(in: .whitespaces) {
                case "": continue // not scored
                case "1": cells.append(Cell(subject: subject, rule: rule, addressed: true, line: field.line, column: field.column,
                                            subjectColumn: nameColumn))
                case "0": cells.append(Cell(subject: subject, rule: rule, addressed: false, line: field.line, column: field.column,
                                            subjectColumn: nameColumn))
                default:
                    throw Failure(path: path, line: field.line, column: field.column, message: "cell '\(field.value)' for \(rule); expected 1, 0 or empty")
                }
            }
        }
        return GoldStandard(path: path, level: .delegation, rules: rules, cells: cells)
    }

    // MARK: names

    /// The gold with every delegation name resolved the way statement headers are: a name the
    /// corpus already uses as a row is kept; any other goes through the gazetteer to its canonical
    /// name ("United Kingdom" → "United Kingdom of Great Britain and Northern Ireland").
    ///
    /// A name that is neither a row of the corpus nor a name or alias of the gazetteer is an error
    /// at the name's `path:line:col`, as is a second row that resolves to a delegation already
    /// given (scoring it silently as "nothing in the corpus" let a gate pass on a typo).
    public func resolvingDelegations(in statements: [Statement], gazetteer: Gazetteer = .standard) throws(Failure) -> GoldStandard {
        let rows = Set(statements.compactMap(CoverageMatrix.rowDelegation))
        var resolved: [String: String] = [:]
        var firstLine: [Subject: Int] = [:]
        var out = self
        for i in cells.indices {
            guard case .delegation(let name, let document) = cells[i].subject else { continue }
            let canonical: String
            if let known = resolved[name] {
                canonical = known
            } else if rows.contains(name) {
                canonical = name
            } else if let target = gazetteer.lookup(name) {
                canonical = target.name
            } else {
                throw Failure(path: path, line: cells[i].line, column: cells[i].subjectColumn,
                              message: "gold delegation '\(name)' is neither a delegation of the audited documents nor a name or alias "
                                  + "of the gazetteer; write it as the matrix does")
            }
            resolved[name] = canonical
            let subject = Subject.delegation(canonical, document: document)
            if let line = firstLine[subject], line != cells[i].line {
                throw Failure(path: path, line: cells[i].line, column: cells[i].subjectColumn,
                              message: "'\(name)' is \(canonical), already given on line \(line)")
            }
            firstLine[subject] = cells[i].line
            out.cells[i].subject = subject
        }
        return out
    }

    // MARK: per statement (JSON Lines, YAML)

    /// One object per line: `{"document", "statement": N | "speaker": "...", "rules": [...]}`; a line
    /// `{"scored_rules": [...]}` adds rules that are scored although no statement addresses them.
    public static func parseJSONLines(_ text: String, path: String) throws(Failure) -> GoldStandard {
        var entries: [(line: Int, object: [String: Any])] = []
        // "\r\n" is one Character in Swift: split on both
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Failure(path: path, line: i + 1, column: 1, message: "not a JSON object")
            }
            entries.append((i + 1, object))
        }
        return try statementGold(entries.map { ($0.line, 1, $0.object) }, extraRules: [], path: path)
    }

    /// `{rules: [scored rule ids...], statements: [{document, statement | speaker, rules: [...]}, ...]}`.
    public static func parseYAML(_ text: String, path: String) throws(Failure) -> GoldStandard {
        let root: Node?
        // the YAML preflight first: an alias bomb or deep nesting is refused before Yams builds a tree
        do { try YAMLPreflight.checkData(text) } catch {
            throw Failure(path: path, line: error.line, column: error.column, message: error.message)
        }
        do { root = try Yams.compose(yaml: text) } catch {
            throw Failure(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
        guard case .mapping(let top)? = root else { throw Failure(path: path, line: 1, column: 1, message: "expected a mapping with 'statements'") }
        var extra: [String] = []
        if let r = top["rules"] {
            guard case .sequence(let items) = r else { throw failure(path, r, "'rules' must be a list of rule ids") }
            extra = items.compactMap(\.string)
        }
        guard case .sequence(let items)? = top["statements"] else {
            throw Failure(path: path, line: 1, column: 1, message: "missing 'statements' list")
        }
        var entries: [(Int, Int, [String: Any])] = []
        for item in items {
            guard case .mapping(let m) = item else { throw failure(path, item, "expected a statement mapping") }
            var object: [String: Any] = [:]
            for (k, v) in m {
                guard let key = k.string else { continue }
                switch v {
                case .scalar(let s): object[key] = key == "statement" ? (Int(s.string) as Any? ?? s.string) : s.string
                case .sequence(let xs): object[key] = xs.compactMap(\.string)
                default: throw failure(path, v, "unexpected value for '\(key)'")
                }
            }
            entries.append((item.mark?.line ?? 1, item.mark?.column ?? 1, object))
        }
        return try statementGold(entries, extraRules: extra, path: path)
    }

    static func failure(_ path: String, _ node: Node, _ message: String) -> Failure {
        Failure(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    /// A statement index: a whole number, not a JSON boolean (which Foundation also hands out as
    /// an NSNumber, and which `is Bool` cannot tell from 0 and 1).
    static func statementIndex(_ value: Any?) -> Int? {
        if let n = value as? NSNumber {
            guard String(cString: n.objCType) != "c", n.doubleValue == Double(n.intValue) else { return nil }
            return n.intValue
        }
        return value as? Int
    }

    static func statementGold(_ entries: [(Int, Int, [String: Any])], extraRules: [String], path: String) throws(Failure) -> GoldStandard {
        var rules = extraRules
        var positives: [(Subject, [String], Int, Int)] = []
        for (line, column, object) in entries {
            if let scored = object["scored_rules"] as? [String], object["document"] == nil {
                for r in scored where !rules.contains(r) { rules.append(r) }
                continue
            }
            guard let document = object["document"] as? String else {
                throw Failure(path: path, line: line, column: column, message: "missing \"document\"")
            }
            let subject: Subject
            if let index = statementIndex(object["statement"]) {
                subject = .statement(document: document, index: index)
            } else if let speaker = object["speaker"] as? String {
                subject = .speaker(document: document, speaker: speaker)
            } else {
                throw Failure(path: path, line: line, column: column, message: "needs \"statement\" (an index) or \"speaker\"")
            }
            guard let addressed = object["rules"] as? [String] else {
                throw Failure(path: path, line: line, column: column, message: "needs \"rules\": a list of rule ids (empty when none)")
            }
            for r in addressed where !rules.contains(r) { rules.append(r) }
            positives.append((subject, addressed, line, column))
        }
        // every listed statement is judged on every scored rule: listed means addressed, absent means not
        var cells: [Cell] = []
        for (subject, addressed, line, column) in positives {
            for r in rules { cells.append(Cell(subject: subject, rule: r, addressed: addressed.contains(r), line: line, column: column)) }
        }
        return GoldStandard(path: path, level: .statement, rules: rules, cells: cells)
    }
}

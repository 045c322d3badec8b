import AttestCorpus
import AttestMatching
import AttestModel
import Foundation

/// Statements and findings read back from `attest match` output, from any number of partitions.
///
/// The merge is associative and independent of order: records are deduplicated and sorted
/// (document, line, then rule and position) before anything is built from them, so merging
/// A with B and then C, or C with A and then B, gives the same statements and findings — and the
/// same matrix as `attest audit` on the input.
public struct MergedRecords: Sendable {
    public private(set) var statements: [Statement] = []
    public private(set) var findings: [Finding] = []
    /// Error records of the partitions (line and message), and lines that are not records.
    public private(set) var errors: [String] = []

    /// The rules the partitions were matched with: what turns the label numbers of
    /// `attest match --compact` records back into `by` and `at`.
    let rules: RuleSet?
    private let ruleIndex: [String: Int]

    /// The input lines themselves, deduplicated, when asked for (`attest merge --emit records`).
    private var recordLines: Set<String> = []
    private let keepingRecords: Bool

    /// - Parameter keepingRecords: also keep the record lines, for `records`.
    public init(rules: RuleSet? = nil, keepingRecords: Bool = false) {
        self.rules = rules
        self.keepingRecords = keepingRecords
        ruleIndex = Dictionary((rules?.rules ?? []).enumerated().map { ($1.rule.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A statement's identity across partitions: its document, the key `attest match` gave it
    /// (its id, or a digest of its line) and who spoke (delegation, speaker, kind): two statements
    /// that share an `id` but not a speaker stay two statements. Line numbers restart in every
    /// partition, so they are not used.
    struct Key: Hashable, Comparable {
        var document: String
        var key: String
        var speaker: String
        static func < (a: Key, b: Key) -> Bool { (a.document, a.key, a.speaker) < (b.document, b.key, b.speaker) }
    }

    /// The largest number read from a record (a line, an offset): anything outside `0...maxNumber`
    /// makes the record an error, so that no arithmetic on it can overflow.
    public static let maxNumber = 1 << 48

    /// Records a line that could not be read as a record (too long, for example).
    public mutating func reject(source: String, _ message: String) {
        errors.append("\(source): \(message)")
    }

    private var statementsByKey: [Key: Statement] = [:]
    private var findingRecords: [Key: [String: (Finding, String)]] = [:]

    /// Adds one line of `attest match` (or `attest merge --emit records`) output.
    /// - Parameter source: where the line comes from, for error messages.
    public mutating func add(_ line: String, source: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if keepingRecords { recordLines.insert(line) }
        guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any], let type = o["type"] as? String else {
            errors.append("\(source): not an attest match record")
            return
        }
        func str(_ k: String) -> String? { o[k] as? String }
        // every number of a record is range-checked: `"start": -9223372036854775808` is an error, not an overflow
        func number(_ v: Any?) -> Int? {
            guard let n = v as? Int, 0 <= n, n <= Self.maxNumber else { return nil }
            return n
        }
        let document = str("document") ?? "-"
        if o["line"] != nil && number(o["line"]) == nil {
            errors.append("\(source): 'line' is not a number between 0 and \(Self.maxNumber)")
            return
        }
        let lineNumber = number(o["line"]) ?? 0
        let who = [str("delegation") ?? "", str("speaker") ?? "", str("kind") ?? ""].joined(separator: "\u{0}")
        let key = Key(document: document, key: str("key") ?? "line:\(lineNumber)", speaker: who)
        func statement(text: String) -> Statement {
            Statement(document: document, index: lineNumber, id: str("id"), speaker: str("speaker"), delegation: str("delegation"),
                      kind: str("kind").flatMap(SpeakerKind.init(rawValue:)) ?? .unknown, iso3: str("iso3"), date: str("date"), text: text,
                      start: 0, end: text.utf8.count, line: lineNumber)
        }
        switch type {
        case "statement":
            let hasText = (o["has_text"] as? Bool) ?? true
            // the text itself stays with the partition; a placeholder keeps "has text" for the matrix
            statementsByKey[key] = statement(text: hasText ? " " : "")
            guard let compact = o["findings"] else { return }
            // `attest match --compact`: the findings travel with the statement, as offsets in its text
            guard let text = str("text"), let findings = compact as? [Any] else {
                errors.append("\(source): compact statement record without text or findings")
                return
            }
            let utf8 = Array(text.utf8)
            // an offset must fall between two Unicode scalars of the text (found by FuzzMerge: a
            // hostile record's offsets inside a scalar gave spans that split one)
            func boundary(_ i: Int) -> Bool { i == utf8.count || (i < utf8.count && utf8[i] & 0xC0 != 0x80) }
            for item in findings {
                guard let f = item as? [Any], f.count == 4, let rule = f[0] as? String, let us = number(f[1]), let ue = number(f[2]),
                      let spans = f[3] as? [[Any]], us <= ue, ue <= utf8.count, boundary(us), boundary(ue) else {
                    errors.append("\(source): compact finding is not [rule, start, end, spans] inside the text")
                    return
                }
                guard let r = ruleIndex[rule], let rules else {
                    errors.append("\(source): compact finding of rule '\(rule)', which the rules given to merge do not have")
                    return
                }
                let sentence = String(decoding: utf8[us..<ue], as: UTF8.self)
                var shifted: [MatchedSpan] = []
                for item in spans {
                    let sp = item.compactMap(number)
                    guard item.count == 3, sp.count == 3, us <= sp[0], sp[0] <= sp[1], sp[1] <= ue, boundary(sp[0]), boundary(sp[1]), let label = rules.label(rule: r, sp[2]) else {
                        errors.append("\(source): compact span of rule '\(rule)' is not [start, end, label] inside its unit")
                        return
                    }
                    shifted.append(MatchedSpan(start: sp[0] - us, end: sp[1] - us, by: label.by, at: label.at))
                }
                let match = RuleMatch(ruleID: rule, unitStart: 0, unitEnd: sentence.utf8.count, spans: shifted)
                findingRecords[key, default: [:]]["\(rule)\u{0}\(us)"] = (Finding(statement: statement(text: sentence), match: match), rule)
            }
        case "finding":
            guard let rule = str("rule"), let sentence = str("sentence"), let spans = o["spans"] as? [[String: Any]] else {
                errors.append("\(source): finding record without rule, sentence or spans")
                return
            }
            guard let sentenceStart = number(o["sentence_start"]) else {
                errors.append("\(source): 'sentence_start' is not a number between 0 and \(Self.maxNumber)")
                return
            }
            // evidence keeps the sentence; offsets are moved to be relative to it
            let s = statement(text: sentence)
            let shifted = spans.compactMap { sp -> MatchedSpan? in
                guard let a = number(sp["start"]), let b = number(sp["end"]), let by = sp["by"] as? String, let at = sp["at"] as? String else { return nil }
                return MatchedSpan(start: a - sentenceStart, end: b - sentenceStart, by: by, at: at)
            }.filter { $0.start >= 0 && $0.end <= sentence.utf8.count && $0.start <= $0.end && Self.isBoundary($0.start, in: sentence)
                && Self.isBoundary($0.end, in: sentence) }
            let match = RuleMatch(ruleID: rule, unitStart: 0, unitEnd: sentence.utf8.count, spans: shifted)
            let identity = "\(rule)\u{0}\(sentenceStart)"
            findingRecords[key, default: [:]][identity] = (Finding(statement: s, match: match), rule)
        case "error":
            errors.append("\(source): line \(lineNumber): \(str("message") ?? "error")")
        default:
            errors.append("\(source): unknown record type '\(type)'")
        }
    }

    /// True when the UTF-8 offset `i` of `text` falls between two Unicode scalars (or at an end).
    static func isBoundary(_ i: Int, in text: String) -> Bool {
        let utf8 = text.utf8
        guard i >= 0, i <= utf8.count else { return false }
        guard i < utf8.count else { return true }
        return utf8[utf8.index(utf8.startIndex, offsetBy: i)] & 0xC0 != 0x80
    }

    /// The union of the record lines added, deduplicated and sorted by their bytes: merging these
    /// again gives the same (this is what makes `--emit records` associative).
    public var records: [String] {
        recordLines.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Builds the sorted statements and findings; rules in `ruleOrder` order within a statement.
    public mutating func finish(ruleOrder: [String]) {
        let rank = Dictionary(ruleOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = Set(statementsByKey.keys).union(findingRecords.keys).sorted()
        statements = keys.compactMap { statementsByKey[$0] }
        findings = keys.flatMap { key -> [Finding] in
            (findingRecords[key] ?? [:]).values.sorted { a, b in
                let ra = rank[a.1] ?? Int.max, rb = rank[b.1] ?? Int.max
                return ra != rb ? ra < rb : a.0.sentence < b.0.sentence
            }.map(\.0)
        }
    }
}

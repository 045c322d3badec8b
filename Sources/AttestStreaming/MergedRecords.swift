import AttestClaims
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
    /// The claims of the statements whose records carry their text, checked by `claimChecker`, in statement order.
    public private(set) var claims: [CheckedClaim] = []
    /// What finds and judges claims (the packs' claim rules and the facts); nil: no claims.
    public var claimChecker: ClaimChecker?
    private var claimsByKey: [Key: [CheckedClaim]] = [:]
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
    /// Each statement's fields without its text, from any of its records: what its findings carry.
    private var withoutText: [Key: Statement] = [:]
    private var findingRecords: [Key: [String: PendingFinding]] = [:]

    /// A finding as read: offsets in its statement's text, the sentence's bytes.
    struct PendingFinding: Sendable {
        var rule: String
        var unitStart: Int
        var unitEnd: Int
        var sentence: [UInt8]
        var spans: [MatchedSpan]
    }

    /// Statement and finding records without `index` (written by an earlier `attest match`), and where the first is.
    public private(set) var earlierRecords = 0
    public private(set) var firstEarlierRecord: String?

    /// The longest statement text a finding record may point into (the longest line `attest merge` reads).
    public var maxTextLength = 64 << 20

    /// The `attribution` object of a record, or nil.
    static func attribution(_ v: Any?) -> AttributionBasis? {
        guard let o = v as? [String: Any], let method = (o["method"] as? String).flatMap(AttributionBasis.Method.init(rawValue:)),
              let certainty = (o["certainty"] as? String).flatMap(AttributionBasis.Certainty.init(rawValue:)) else { return nil }
        func int(_ k: String) -> Int? { (o[k] as? Int).flatMap { (0...maxNumber).contains($0) ? $0 : nil } }
        return AttributionBasis(method: method, certainty: certainty, evidence: o["evidence"] as? String, evidenceStatement: int("evidence_statement"),
                                evidenceStart: int("evidence_start"), evidenceEnd: int("evidence_end"))
    }

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
        for k in ["index", "statement_line"] where o[k] != nil && number(o[k]) == nil {
            errors.append("\(source): '\(k)' is not a number between 0 and \(Self.maxNumber)")
            return
        }
        // records of an earlier `attest match` have no `index` (nor `attribution`, nor a full
        // statement record's `text`): they are read, the line number in the partition standing for the index
        let index = number(o["index"]) ?? lineNumber
        // the statement's own line when it had one (`statement_line`), else its line in the partition
        let statementLine = number(o["statement_line"]) ?? lineNumber
        if o["index"] == nil && (type == "statement" || type == "finding") {
            earlierRecords += 1
            if firstEarlierRecord == nil { firstEarlierRecord = source }
        }
        let who = [str("delegation") ?? "", str("speaker") ?? "", str("kind") ?? ""].joined(separator: "\u{0}")
        let key = Key(document: document, key: str("key") ?? "line:\(lineNumber)", speaker: who)
        func statement(text: String) -> Statement {
            Statement(document: document, index: index, id: str("id"), speaker: str("speaker"), delegation: str("delegation"),
                      kind: str("kind").flatMap(SpeakerKind.init(rawValue:)) ?? .unknown, iso3: str("iso3"),
                      onBehalfOf: (o["on_behalf_of"] as? [Any])?.compactMap { $0 as? String } ?? [], group: str("group"), date: str("date"),
                      attribution: Self.attribution(o["attribution"]), text: text, start: 0, end: text.utf8.count, line: statementLine)
        }
        func keep(_ f: PendingFinding) {
            findingRecords[key, default: [:]]["\(f.rule)\u{0}\(f.unitStart)\u{0}\(f.unitEnd)"] = f
            if withoutText[key] == nil { withoutText[key] = statement(text: "") }
        }
        switch type {
        case "statement":
            let hasText = (o["has_text"] as? Bool) ?? true
            // the text itself stays with the partition; a placeholder keeps "has text" for the matrix
            statementsByKey[key] = statement(text: hasText ? " " : "")
            withoutText[key] = statement(text: "")
            if let claimChecker, hasText, let text = str("text") { claimsByKey[key] = claimChecker.check([statement(text: text)]) }
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
                var matched: [MatchedSpan] = []
                for item in spans {
                    let sp = item.compactMap(number)
                    guard item.count == 3, sp.count == 3, us <= sp[0], sp[0] <= sp[1], sp[1] <= ue, boundary(sp[0]), boundary(sp[1]), let label = rules.label(rule: r, sp[2]) else {
                        errors.append("\(source): compact span of rule '\(rule)' is not [start, end, label] inside its unit")
                        return
                    }
                    matched.append(MatchedSpan(start: sp[0], end: sp[1], by: label.by, at: label.at))
                }
                keep(PendingFinding(rule: rule, unitStart: us, unitEnd: ue, sentence: Array(utf8[us..<ue]), spans: matched))
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
            let sentenceEnd = sentenceStart + sentence.utf8.count
            // the statement's text is rebuilt up to its last finding: an offset past the longest line is an error, not an allocation
            guard sentenceEnd <= maxTextLength else {
                errors.append("\(source): 'sentence_start' \(sentenceStart) is past the longest line read (\(maxTextLength) bytes)")
                return
            }
            // offsets are in the statement's text, the sentence at `sentence_start`
            let matched = spans.compactMap { sp -> MatchedSpan? in
                guard let a = number(sp["start"]), let b = number(sp["end"]), let by = sp["by"] as? String, let at = sp["at"] as? String else { return nil }
                return MatchedSpan(start: a, end: b, by: by, at: at)
            }.filter { $0.start >= sentenceStart && $0.end <= sentenceEnd && $0.start <= $0.end && Self.isBoundary($0.start - sentenceStart, in: sentence)
                && Self.isBoundary($0.end - sentenceStart, in: sentence) }
            keep(PendingFinding(rule: rule, unitStart: sentenceStart, unitEnd: sentenceEnd, sentence: Array(sentence.utf8), spans: matched))
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

    /// Builds the sorted statements and findings: statements by document, then index (then key and
    /// speaker); within a statement, findings in `ruleOrder` order, then by position — the order of
    /// `attest audit` when the input lists its documents in name order and each in index order.
    /// A statement's findings share one text: its sentences at their offsets, spaces between.
    public mutating func finish(ruleOrder: [String]) {
        let rank = Dictionary(ruleOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let byKey = statementsByKey, who = withoutText
        func order(_ k: Key) -> Int { (byKey[k] ?? who[k])?.index ?? 0 }
        let keys = Set(statementsByKey.keys).union(findingRecords.keys).sorted { a, b in
            a.document != b.document ? a.document < b.document : (order(a), a) < (order(b), b)
        }
        statements = keys.compactMap { statementsByKey[$0] }
        claims = keys.flatMap { claimsByKey[$0] ?? [] }
        findings = keys.flatMap { key -> [Finding] in
            guard let pending = findingRecords[key]?.values, var s = who[key] else { return [] }
            var text = [UInt8](repeating: 0x20, count: pending.map(\.unitEnd).max() ?? 0)
            for f in pending { text.replaceSubrange(f.unitStart..<f.unitEnd, with: f.sentence) }
            s.text = String(decoding: text, as: UTF8.self)
            s.end = text.count
            return pending.sorted { a, b in
                let ra = rank[a.rule] ?? Int.max, rb = rank[b.rule] ?? Int.max
                return (ra, a.unitStart, a.unitEnd, a.rule) < (rb, b.unitStart, b.unitEnd, b.rule)
            }.map { Finding(statement: s, match: RuleMatch(ruleID: $0.rule, unitStart: $0.unitStart, unitEnd: $0.unitEnd, spans: $0.spans)) }
        }
    }
}

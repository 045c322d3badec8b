import AttestCorpus
import AttestModel
import AttestText

/// Which delegation addressed which commitment: one row per delegation, one column per rule.
///
/// A cell is `yes` (some statement of the delegation matched the rule), `no` (the delegation has
/// statement text and none of it matched), or `noText` (the delegation is recorded as speaking
/// but no words of theirs are available). Statements that belong to no delegation (narrative
/// text, the President's procedural turns, unknown speakers) make no row. Rows are aggregated
/// over every input document and sorted by delegation name (folded, then as written).
public struct CoverageMatrix: Sendable, Equatable {
    public enum Cell: String, Sendable, Equatable {
        case yes = "1"
        case no = "0"
        case noText = ""
    }

    public struct Row: Sendable, Equatable {
        /// The document, when rows are per document (`--by document`); nil when aggregated.
        public var document: String?
        public var delegation: String
        public var kind: SpeakerKind
        public var iso3: String?
        public var cells: [Cell]
        /// Number of statements with text behind this row.
        public var statements: Int

        /// Number of commitments addressed (cells that are `yes`).
        public var addressed: Int { cells.filter { $0 == .yes }.count }
    }

    public var ruleIDs: [String]
    public var rows: [Row]

    /// - Parameter byDocument: one row per document and delegation instead of one per delegation.
    public init(ruleIDs: [String], statements: [Statement], findings: [Finding], byDocument: Bool = false) {
        self.ruleIDs = ruleIDs
        func key(_ s: Statement) -> [String]? {
            guard let d = Self.rowDelegation(s) else { return nil }
            return byDocument ? [s.document, d] : [d]
        }
        var info: [[String]: (kind: SpeakerKind, iso3: String?, withText: Int)] = [:]
        for s in statements {
            guard let k = key(s) else { continue }
            var entry = info[k] ?? (s.kind, s.iso3, 0)
            if s.hasText { entry.withText += 1 }
            info[k] = entry
        }
        var matched: Set<[String]> = []
        for f in findings {
            if let k = key(f.statement) { matched.insert(k + [f.ruleID]) }
        }
        rows = info.map { k, i in
            Row(document: byDocument ? k[0] : nil, delegation: k[k.count - 1], kind: i.kind, iso3: i.iso3, cells: ruleIDs.map { rule in
                i.withText == 0 ? .noText : matched.contains(k + [rule]) ? .yes : .no
            }, statements: i.withText)
        }.sorted { a, b in
            if a.document != b.document { return (a.document ?? "") < (b.document ?? "") }
            let ka = WordTokenizer.key(a.delegation), kb = WordTokenizer.key(b.delegation)
            return ka != kb ? ka < kb : a.delegation < b.delegation
        }
    }

    /// The delegation a statement counts for in the matrix, or nil when it makes no row
    /// (narrative text, procedural turns, speakers with no delegation).
    public static func rowDelegation(_ s: Statement) -> String? {
        guard let d = s.delegation, s.kind != .narrative, s.kind != .presidency else { return nil }
        return d
    }

    /// Number of delegations (rows) that addressed each rule, in rule order (one pass over the
    /// cells; compute it once, not per rule).
    public var columnTotals: [Int] {
        var totals = [Int](repeating: 0, count: ruleIDs.count)
        for row in rows {
            for (i, c) in row.cells.enumerated() where c == .yes && i < totals.count { totals[i] += 1 }
        }
        return totals
    }
}

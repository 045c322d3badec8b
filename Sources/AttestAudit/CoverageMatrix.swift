import AttestCorpus
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
        public var delegation: String
        public var kind: SpeakerKind
        public var iso3: String?
        public var cells: [Cell]
        /// Number of statements with text behind this row.
        public var statements: Int
    }

    public var ruleIDs: [String]
    public var rows: [Row]

    public init(ruleIDs: [String], statements: [Statement], findings: [Finding]) {
        self.ruleIDs = ruleIDs
        var byDelegation: [String: (kind: SpeakerKind, iso3: String?, withText: Int)] = [:]
        for s in statements {
            guard let d = s.delegation, s.kind != .narrative, s.kind != .presidency else { continue }
            var entry = byDelegation[d] ?? (s.kind, s.iso3, 0)
            if s.hasText { entry.withText += 1 }
            byDelegation[d] = entry
        }
        var matched: Set<[String]> = []
        for f in findings {
            if let d = f.statement.delegation { matched.insert([d, f.ruleID]) }
        }
        rows = byDelegation.map { name, info in
            Row(delegation: name, kind: info.kind, iso3: info.iso3, cells: ruleIDs.map { rule in
                info.withText == 0 ? .noText : matched.contains([name, rule]) ? .yes : .no
            }, statements: info.withText)
        }.sorted { a, b in
            let ka = WordTokenizer.key(a.delegation), kb = WordTokenizer.key(b.delegation)
            return ka != kb ? ka < kb : a.delegation < b.delegation
        }
    }
}

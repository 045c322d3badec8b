
/// A matched stretch of text and the part of the rule that matched it.
public struct MatchedSpan: Sendable, Equatable, Hashable, Codable {
    /// UTF-8 offsets in the matched text, half-open.
    public var start: Int
    public var end: Int
    /// The sub-expression that matched (`phrase "human rights"`, `citation 2482`).
    public var by: String
    /// Where that sub-expression is written in its rule file.
    public var at: String
    /// The index of that sub-expression in its rule's `labels` (-1 when not known): how
    /// `attest match --compact` writes `by` and `at`. Not part of equality.
    public var label: Int32

    public init(start: Int, end: Int, by: String, at: String, label: Int32 = -1) {
        self.start = start
        self.end = end
        self.by = by
        self.at = at
        self.label = label
    }

    enum CodingKeys: String, CodingKey { case start, end, by, at }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(start: try c.decode(Int.self, forKey: .start), end: try c.decode(Int.self, forKey: .end),
                  by: try c.decode(String.self, forKey: .by), at: try c.decode(String.self, forKey: .at))
    }

    public static func == (a: MatchedSpan, b: MatchedSpan) -> Bool {
        a.start == b.start && a.end == b.end && a.by == b.by && a.at == b.at
    }

    public func hash(into h: inout Hasher) {
        h.combine(start)
        h.combine(end)
        h.combine(by)
        h.combine(at)
    }
}

/// One match of one rule in one text: the scope unit (a sentence by default) and its spans.
public struct RuleMatch: Sendable, Equatable {
    public var ruleID: String
    /// UTF-8 offsets of the sentence (or paragraph, or whole text) that matched.
    public var unitStart: Int
    public var unitEnd: Int
    /// Spans in text order.
    public var spans: [MatchedSpan]

    public init(ruleID: String, unitStart: Int, unitEnd: Int, spans: [MatchedSpan]) {
        self.ruleID = ruleID
        self.unitStart = unitStart
        self.unitEnd = unitEnd
        self.spans = spans
    }
}

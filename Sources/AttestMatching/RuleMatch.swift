import AttestRules

/// A matched stretch of text and the part of the rule that matched it.
public struct MatchedSpan: Sendable, Equatable, Hashable, Codable {
    /// UTF-8 offsets in the matched text, half-open.
    public var start: Int
    public var end: Int
    /// The sub-expression that matched (`phrase "human rights"`, `citation 2482`).
    public var by: String
    /// Where that sub-expression is written in its rule file.
    public var at: String

    public init(start: Int, end: Int, by: String, at: String) {
        self.start = start
        self.end = end
        self.by = by
        self.at = at
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

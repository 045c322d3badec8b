
/// Evidence that a statement addresses a commitment: the statement, the rule, the sentence and
/// the matched words.
public struct Finding: Sendable, Equatable {
    public var statement: Statement
    public var ruleID: String
    /// The sentence (or other scope unit) that matched, as it appears in the statement.
    public var sentence: String
    /// UTF-8 offsets of the sentence in the statement's text.
    public var sentenceStart: Int
    public var sentenceEnd: Int
    public var spans: [MatchedSpan]

    public init(statement: Statement, match: RuleMatch) {
        self.statement = statement
        ruleID = match.ruleID
        sentence = statement.text.utf8Slice(match.unitStart..<match.unitEnd)
        sentenceStart = match.unitStart
        sentenceEnd = match.unitEnd
        spans = match.spans
    }
}

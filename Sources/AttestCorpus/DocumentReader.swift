import AttestModel
/// What a reader made of one document.
public struct ReadResult: Sendable {
    public var statements: [Statement]
    public var warnings: [CorpusWarning]
    /// The date of the document (`YYYY-MM-DD`), when known.
    public var date: String?
    /// For a meeting record, who presided, or why that is unknown.
    public var presidency: PresidencyDecision?

    public init(statements: [Statement] = [], warnings: [CorpusWarning] = []) {
        self.statements = statements
        self.warnings = warnings
    }
}

/// Turns the text of one document into attributed statements.
///
/// Readers never fail on content: what they cannot attribute they keep with kind `unknown` and a
/// warning. Failing to read the file at all is `SourceText.load`'s business.
public protocol DocumentReader: Sendable {
    func read(_ source: SourceText) -> ReadResult
}

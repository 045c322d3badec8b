/// How a statement's attribution was decided, and how sure it is: what `attest statements`,
/// `findings.jsonl`, the HTML evidence and the XLSX evidence sheet print as `attribution`.
public struct AttributionBasis: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// The country in the speaker header: `Mr. Nebenzia (Russian Federation):`.
        case headerCountry = "header-country"
        /// The President's invitation in the record names the briefer's title or organisation.
        case invitationList = "invitation-list"
        /// The speaker header itself is a gazetteer entry ("The Secretary-General").
        case gazetteerEntry = "gazetteer-entry"
        /// A sentence of the record decides the President's State (or that the turn is procedural).
        case presidencyEvidence = "presidency-evidence"
        /// A row of a facts table (the presidency of the month): `evidence` is `file:line`.
        case factsRow = "facts-row"
        /// The speech names whom it speaks for ("I am honoured to brief … on behalf of the European Union").
        case speechText = "speech-text"
        /// A JSON Lines record's own `delegation` or `kind` field.
        case datasetField = "dataset-field"
        /// Nothing decided it: the statement is `unknown`.
        case none
    }

    public enum Certainty: String, Sendable, Codable {
        /// The text says so in so many words.
        case certain
        /// Decided from indirect evidence (a title, a month's presidency, a name's last word).
        case inferred
    }

    public var method: Method
    public var certainty: Certainty
    /// The deciding words (a sentence, a title, a header) or the facts row's `file:line`.
    public var evidence: String?
    /// 0-based index of the paragraph (statement) the evidence sentence is in, when it is a sentence of the record.
    public var evidenceStatement: Int?
    /// UTF-8 offsets of the evidence sentence in the source file, half-open.
    public var evidenceStart: Int?
    public var evidenceEnd: Int?

    public init(method: Method, certainty: Certainty, evidence: String? = nil, evidenceStatement: Int? = nil,
                evidenceStart: Int? = nil, evidenceEnd: Int? = nil) {
        self.method = method
        self.certainty = certainty
        self.evidence = evidence
        self.evidenceStatement = evidenceStatement
        self.evidenceStart = evidenceStart
        self.evidenceEnd = evidenceEnd
    }

    /// One line for tables and spreadsheets: `presidency-evidence (certain): "…" [#29 1234..1301]`.
    public var summary: String {
        var s = "\(method.rawValue) (\(certainty.rawValue))"
        if let e = evidence { s += ": " + (method == .factsRow ? e : "\"\(e)\"") }
        if let i = evidenceStatement { s += " [#\(i)" + (evidenceStart.map { " \($0)..\(evidenceEnd ?? $0)" } ?? "") + "]" }
        return s
    }

    enum CodingKeys: String, CodingKey {
        case method, certainty, evidence
        case evidenceStatement = "evidence_statement"
        case evidenceStart = "evidence_start"
        case evidenceEnd = "evidence_end"
    }
}

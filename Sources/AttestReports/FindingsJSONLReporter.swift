import AttestAudit
import AttestFormats
import AttestModel
import AttestText
import Foundation

/// `findings.jsonl`: one finding per line, keys sorted, every string JSON-escaped (control
/// characters included), so that R, pandas or jq can read the evidence behind every `1`.
///
/// Fields: `document`, `statement` (0-based index), `line`, `speaker`, `delegation`, `kind`,
/// `rule`, `sentence`, `sentence_start`/`sentence_end` (UTF-8 offsets in the statement text) and
/// `spans` (each with `start`, `end`, `text`, `by`, `at`), `date` (the meeting's, or null) and
/// `attribution` (how the delegation was decided: `method`, `certainty`, `evidence`, and for a
/// sentence of the record `evidence_statement`, `evidence_start`, `evidence_end`; or null).
public struct FindingsJSONLReporter: FileReporter {
    public var fileName: String { "findings.jsonl" }
    public func data(_ report: AuditReport) throws -> Data { Data(render(report).utf8) }

    public init() {}

    public func render(_ report: AuditReport) -> String {
        var out = ""
        for f in report.findings {
            let spans: [JSONValue] = f.spans.map { s in
                .object([("start", .int(s.start)), ("end", .int(s.end)), ("text", .string(f.statement.text.utf8Slice(s.start..<s.end))),
                         ("by", .string(s.by)), ("at", .string(s.at))])
            }
            let object: JSONValue = .object([
                ("date", f.statement.date.map(JSONValue.string) ?? .null), ("attribution", Self.attribution(f.statement.attribution)),
                ("document", .string(f.statement.document)), ("statement", .int(f.statement.index)), ("line", .int(f.statement.line)),
                ("speaker", .string(f.statement.speaker)), ("delegation", .string(f.statement.delegation)),
                ("kind", .string(f.statement.kind.rawValue)), ("rule", .string(f.ruleID)), ("sentence", .string(f.sentence)),
                ("sentence_start", .int(f.sentenceStart)), ("sentence_end", .int(f.sentenceEnd)), ("spans", .array(spans)),
            ])
            out += object.serialized([.sortKeys]) + "\n"
        }
        return out
    }

    /// The `attribution` object of a finding, or null.
    static func attribution(_ b: AttributionBasis?) -> JSONValue {
        guard let b else { return .null }
        var fields: [(String, JSONValue)] = [("method", .string(b.method.rawValue)), ("certainty", .string(b.certainty.rawValue)),
                                             ("evidence", b.evidence.map(JSONValue.string) ?? .null)]
        if let i = b.evidenceStatement { fields.append(("evidence_statement", .int(i))) }
        if let a = b.evidenceStart, let e = b.evidenceEnd { fields += [("evidence_start", .int(a)), ("evidence_end", .int(e))] }
        return .object(fields)
    }
}

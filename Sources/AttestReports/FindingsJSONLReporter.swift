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
/// `spans` (each with `start`, `end`, `text`, `by`, `at`).
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
                ("document", .string(f.statement.document)), ("statement", .int(f.statement.index)), ("line", .int(f.statement.line)),
                ("speaker", .string(f.statement.speaker)), ("delegation", .string(f.statement.delegation)),
                ("kind", .string(f.statement.kind.rawValue)), ("rule", .string(f.ruleID)), ("sentence", .string(f.sentence)),
                ("sentence_start", .int(f.sentenceStart)), ("sentence_end", .int(f.sentenceEnd)), ("spans", .array(spans)),
            ])
            out += object.serialized([.sortKeys]) + "\n"
        }
        return out
    }
}

import AttestAudit
import AttestText
import Foundation

/// `findings.jsonl`: one finding per line, keys sorted, every string JSON-escaped (control
/// characters included), so that R, pandas or jq can read the evidence behind every `1`.
///
/// Fields: `document`, `statement` (0-based index), `line`, `speaker`, `delegation`, `kind`,
/// `rule`, `sentence`, `sentence_start`/`sentence_end` (UTF-8 offsets in the statement text) and
/// `spans` (each with `start`, `end`, `text`, `by`, `at`).
public struct FindingsJSONLReporter {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var out = ""
        for f in report.findings {
            let spans: [[String: Any]] = f.spans.map { s in
                ["start": s.start, "end": s.end, "text": f.statement.text.utf8Slice(s.start..<s.end), "by": s.by, "at": s.at]
            }
            let object: [String: Any] = [
                "document": f.statement.document, "statement": f.statement.index, "line": f.statement.line,
                "speaker": f.statement.speaker ?? NSNull(), "delegation": f.statement.delegation ?? NSNull(),
                "kind": f.statement.kind.rawValue, "rule": f.ruleID, "sentence": f.sentence,
                "sentence_start": f.sentenceStart, "sentence_end": f.sentenceEnd, "spans": spans,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            out += String(decoding: data, as: UTF8.self) + "\n"
        }
        return out
    }
}

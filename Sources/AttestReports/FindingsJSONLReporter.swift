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
///
/// Written record by record into one buffer by `JSONWriter` (keys in sorted order, the same bytes
/// as sorting them), not through a tree per finding: time and memory are linear in the findings.
public struct FindingsJSONLReporter: FileReporter {
    public var fileName: String { "findings.jsonl" }
    public func data(_ report: AuditReport) throws -> Data { Data(bytes(report)) }

    public init() {}

    public func render(_ report: AuditReport) -> String {
        String(decoding: bytes(report), as: UTF8.self)
    }

    /// The file's bytes.
    public func bytes(_ report: AuditReport) -> [UInt8] {
        var out: [UInt8] = []
        for f in report.findings { append(f, to: &out) }
        return out
    }

    /// One finding as a line.
    func append(_ f: Finding, to out: inout [UInt8]) {
        let s = f.statement
        var w = JSONWriter()
        w.beginObject()
        w.field("delegation", s.delegation)
        w.field("document", s.document)
        w.field("kind", s.kind.rawValue)
        w.field("line", s.line)
        w.field("rule", f.ruleID)
        w.field("sentence", f.sentence)
        w.field("sentence_end", f.sentenceEnd)
        w.field("sentence_start", f.sentenceStart)
        out += w.bytes
        JSONWriter.appendRaw(",\"spans\":[", to: &out)
        for (i, span) in f.spans.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONWriter.appendRaw("{\"at\":", to: &out)
            JSONWriter.appendString(span.at, to: &out)
            JSONWriter.appendRaw(",\"by\":", to: &out)
            JSONWriter.appendString(span.by, to: &out)
            JSONWriter.appendRaw(",\"end\":", to: &out)
            JSONWriter.appendInt(span.end, to: &out)
            JSONWriter.appendRaw(",\"start\":", to: &out)
            JSONWriter.appendInt(span.start, to: &out)
            JSONWriter.appendRaw(",\"text\":", to: &out)
            JSONWriter.appendString(s.text.utf8Slice(span.start..<span.end), to: &out)
            out.append(0x7D)
        }
        JSONWriter.appendRaw("],\"speaker\":", to: &out)
        if let speaker = s.speaker { JSONWriter.appendString(speaker, to: &out) } else { JSONWriter.appendRaw("null", to: &out) }
        JSONWriter.appendRaw(",\"statement\":", to: &out)
        JSONWriter.appendInt(s.index, to: &out)
        JSONWriter.appendRaw("}\n", to: &out)
    }
}

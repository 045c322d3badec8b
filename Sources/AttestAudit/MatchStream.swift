import AttestCorpus
import AttestMatching
import AttestRules
import AttestText
import Foundation

/// `attest match`: statements in (JSON Lines), records out (JSON Lines), one line at a time, with
/// no state between lines — what Spark's `RDD.pipe`, Hadoop Streaming or any batch system runs on
/// each partition. Every input line that is a statement gives a `statement` record and one
/// `finding` record per match; a line that is not gives an `error` record with its line number.
public struct MatchStream: Sendable {
    let auditor: Auditor
    let reader = JSONLinesReader()
    /// The `document` of statements whose line has none.
    public var document: String

    public init(rules: [Rule], document: String = "-") {
        auditor = Auditor(rules: rules)
        self.document = document
    }

    /// The output records for one input line (empty for a blank line).
    public func records(forLine bytes: ArraySlice<UInt8>, lineNumber: Int) -> [String] {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return [] }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            return [StreamRecord.error(line: lineNumber, message: "line is not UTF-8")]
        }
        switch reader.statement(Substring(line), line: lineNumber, start: 0, document: document, index: lineNumber) {
        case .failure(let f):
            return [StreamRecord.error(line: lineNumber, message: f.message)]
        case .success(let (statement, _)):
            // a key that names the statement across partitions: its id, or a digest of its line
            let key = statement.id.map { "id:" + $0 } ?? "sha256:" + String(SHA256.hex(bytes).prefix(24))
            let findings = auditor.findings([statement])
            return [StreamRecord.statement(statement, key: key)] + findings.map { StreamRecord.finding($0, key: key) }
        }
    }
}

/// The JSON Lines records of `attest match` and `attest merge`, keys in sorted order, written
/// by `JSONWriter` (byte for byte what JSONSerialization with sorted keys writes, much faster).
public enum StreamRecord {
    /// The fields every record of a statement starts with, in sorted order around the ones in between.
    static func head(_ w: inout JSONWriter, _ s: Statement) {
        w.field("delegation", s.delegation)
        w.field("document", s.document)
    }

    public static func statement(_ s: Statement, key: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        head(&w, s)
        w.field("has_text", .bool(s.hasText))
        w.field("id", s.id)
        w.field("iso3", s.iso3)
        w.field("key", key)
        w.field("kind", s.kind.rawValue)
        w.field("line", s.line)
        w.field("speaker", s.speaker)
        w.field("type", "statement")
        w.endObject()
        return w.output
    }

    public static func finding(_ f: Finding, key: String) -> String {
        let s = f.statement
        var w = JSONWriter()
        w.beginObject()
        head(&w, s)
        w.field("id", s.id)
        w.field("iso3", s.iso3)
        w.field("key", key)
        w.field("kind", s.kind.rawValue)
        w.field("line", s.line)
        w.field("rule", f.ruleID)
        w.field("sentence", f.sentence)
        w.field("sentence_end", f.sentenceEnd)
        w.field("sentence_start", f.sentenceStart)
        w.beginArray("spans")
        for span in f.spans {
            w.beginObject()
            w.field("at", span.at)
            w.field("by", span.by)
            w.field("end", span.end)
            w.field("start", span.start)
            w.field("text", s.text.utf8Slice(span.start..<span.end))
            w.endObject()
        }
        w.endArray()
        w.field("speaker", s.speaker)
        w.field("type", "finding")
        w.endObject()
        return w.output
    }

    public static func error(line: Int, message: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("line", line)
        w.field("message", message)
        w.field("type", "error")
        w.endObject()
        return w.output
    }
}

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

/// The JSON Lines records of `attest match` and `attest merge`, with sorted keys.
public enum StreamRecord {
    static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func base(_ s: Statement, type: String, key: String) -> [String: Any] {
        ["type": type, "key": key, "document": s.document, "line": s.line, "id": s.id ?? NSNull(), "speaker": s.speaker ?? NSNull(),
         "delegation": s.delegation ?? NSNull(), "kind": s.kind.rawValue, "iso3": s.iso3 ?? NSNull()]
    }

    public static func statement(_ s: Statement, key: String) -> String {
        var o = base(s, type: "statement", key: key)
        o["has_text"] = s.hasText
        return encode(o)
    }

    public static func finding(_ f: Finding, key: String) -> String {
        var o = base(f.statement, type: "finding", key: key)
        o["rule"] = f.ruleID
        o["sentence"] = f.sentence
        o["sentence_start"] = f.sentenceStart
        o["sentence_end"] = f.sentenceEnd
        o["spans"] = f.spans.map { s -> [String: Any] in
            ["start": s.start, "end": s.end, "text": f.statement.text.utf8Slice(s.start..<s.end), "by": s.by, "at": s.at]
        }
        return encode(o)
    }

    public static func error(line: Int, message: String) -> String {
        encode(["type": "error", "line": line, "message": message])
    }
}

import AttestAudit
import AttestCorpus
import AttestFormats
import AttestMatching
import AttestModel
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
    /// One line per statement, its text and its findings as offsets (`attest match --compact`).
    public var compact: Bool

    /// What each compact finding of a rule starts with, `[` and the rule's id as a JSON string
    /// and a comma: `findingHeads[findingHeadBounds[r]..<findingHeadBounds[r + 1]]`, followed by
    /// 16 bytes of padding (`ByteSink.copy(chunksOf16:)` reads past the last one). (32-bit
    /// bounds: half the cache lines of 64-bit ones, read once per finding in rule order.)
    let findingHeads: [UInt8]
    let findingHeadBounds: [Int32]

    public init(rules: [Rule], document: String = "-", compact: Bool = false) {
        auditor = Auditor(rules: rules)
        self.document = document
        self.compact = compact
        var json: [UInt8] = [], bounds: [Int32] = [0]
        for r in auditor.ruleSet.rules {
            json.append(0x5B)
            JSONWriter.appendString(r.rule.id, to: &json)
            json.append(0x2C)
            bounds.append(Int32(json.count))
        }
        json += [UInt8](repeating: 0, count: 16)
        findingHeads = json
        findingHeadBounds = bounds
    }

    /// Appends the output records for one input line, each ended by a line feed (nothing for a blank line).
    public func write(line bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, into out: inout [UInt8]) {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        // (validated as UTF-8 as it is read: once)
        // where the line holds the text as JSON writes it (no escapes): the compact record copies it
        var rawText: Range<Int>?
        guard let read = reader.statement(utf8: bytes, line: lineNumber, start: 0, document: document, index: lineNumber, rawText: &rawText) else {
            out += StreamRecord.error(line: lineNumber, message: "line is not UTF-8").utf8
            out.append(0x0A)
            return
        }
        // (consumed: the statement is moved out of the result, not copied field by field)
        switch consume read {
        case .failure(let f):
            out += StreamRecord.error(line: lineNumber, message: f.message).utf8
            out.append(0x0A)
        case .success(var (statement, _)):
            // `line` is the line in this input (what maps a record back to its line); a statement
            // line's own `line` (as `attest statements` writes it) travels as `statement_line`
            let ownLine = statement.line != lineNumber ? statement.line : nil
            statement.line = lineNumber
            // a key that names the statement across partitions: its id, or a digest of its line
            let key = statement.id.map { "id:" + $0 } ?? "sha256:" + String(SHA256.hex(bytes).prefix(24))
            let raw = auditor.ruleSet.rawMatches(in: statement.text, speakerKind: statement.kind)
            if compact {
                writeCompact(statement, key: key, ownLine: ownLine, matches: raw,
                             escapedText: rawText.map { UnsafeBufferPointer(rebasing: bytes[$0]) }, into: &out)
            } else {
                out += StreamRecord.statement(statement, key: key, ownLine: ownLine).utf8
                out.append(0x0A)
                StreamRecord.writeFindings(statement, key: key, ownLine: ownLine, matches: auditor.ruleSet.ruleMatches(raw), into: &out)
            }
        }
    }
    /// The one line of `attest match --compact` for a statement: the statement record with its
    /// `text` and its `findings`, each `[rule, unit start, unit end, [[start, end, label], ...]]`
    /// (UTF-8 offsets in the text; `label` numbers the rule's sub-expressions, which `attest merge`
    /// turns back into `by` and `at` with the same rules).
    ///
    /// One `JSONFieldSink` writes the whole record straight into `out` (its buffer is lent to it
    /// and taken back), not into arrays of its own that are then copied: the statement's text was
    /// copied twice and its writer's array grown three or four times. (Three writers, each with a
    /// 4 KB buffer allocated per statement, wrote the parts before, and the comma between them
    /// was patched in.)
    /// - Parameter escapedText: the text's bytes as JSON writes them, when the line held them
    ///   so (`JSONLinesReader.statement(utf8:…rawText:)`): copied, not escaped again.
    func writeCompact(_ s: Statement, key: String, ownLine: Int? = nil, matches m: RawMatches,
                      escapedText: UnsafeBufferPointer<UInt8>? = nil, into out: inout [UInt8]) {
        // one writer for the whole record: the fields around `findings` through its fields, the
        // findings through its buffer
        var w = JSONFieldSink(taking: &out)
        w.beginObject()
        StreamRecord.head(&w, s)
        w.beginField("findings")
        w.withSink { sink, out in
            sink.reserve(1, &out)
            sink.byte(0x5B)
            // `unitStart,unitEnd,[` of the last unit written (most findings of a statement share
            // their unit: with statement scope, all), kept to be copied rather than written again
            var unitStart = -1, unitEnd = -1, unitLength = 0
            let unitBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
            defer { unitBytes.deallocate() }
            findingHeads.withUnsafeBufferPointer { heads in
                m.spans.withUnsafeBufferPointer { spans in
                    for (i, match) in m.matches.enumerated() {
                        let r = Int(match.rule)
                        let headStart = Int(findingHeadBounds[r]), headLength = Int(findingHeadBounds[r + 1]) - headStart
                        if headLength <= 256 {
                            // (reads and writes `headLength` rounded up to 16: the padding)
                            sink.reserve(1 + headLength + 16, &out)
                            if i > 0 { sink.byte(0x2C) }
                            sink.copy(chunksOf16: heads.baseAddress! + headStart, count: headLength)
                        } else {
                            sink.reserve(1, &out)
                            if i > 0 { sink.byte(0x2C) }
                            sink.bytes(UnsafeBufferPointer(rebasing: heads[headStart..<headStart + headLength]), &out)
                        }
                        // (at most 20 + 1 + 20 + 2 = 43 bytes; 48 when copied 16 at a time)
                        sink.reserve(48, &out)
                        if match.unitStart == unitStart && match.unitEnd == unitEnd {
                            sink.copy(chunksOf16: unitBytes, count: unitLength)
                        } else {
                            let from = sink.next
                            sink.int(match.unitStart)
                            sink.byte(0x2C)
                            sink.int(match.unitEnd)
                            sink.byte(0x2C)
                            sink.byte(0x5B)
                            unitLength = sink.next - from
                            unitBytes.update(from: from, count: unitLength)
                            unitStart = match.unitStart
                            unitEnd = match.unitEnd
                        }
                        for k in match.spans {
                            let span = spans[k]
                            sink.reserve(66, &out)
                            if k > match.spans.lowerBound { sink.byte(0x2C) }
                            sink.byte(0x5B)
                            sink.int(span.start)
                            sink.byte(0x2C)
                            sink.int(span.end)
                            sink.byte(0x2C)
                            sink.int(Int(span.label))
                            sink.byte(0x5D)
                        }
                        sink.reserve(2, &out)
                        sink.byte(0x5D)
                        sink.byte(0x5D)
                    }
                }
            }
            sink.reserve(1, &out)
            sink.byte(0x5D)
        }
        StreamRecord.statementFields(&w, s, key: key, ownLine: ownLine, text: s.text, escapedText: escapedText)
        w.endObject()
        w.take(into: &out)
        out.append(0x0A)
    }
}

/// The JSON Lines records of `attest match` and `attest merge`, keys in sorted order, written
/// by `JSONWriter` (byte for byte what JSONSerialization with sorted keys writes, much faster).
public enum StreamRecord {
    /// The fields every record of a statement starts with, in sorted order around the ones in between.
    static func head<W: JSONFields & ~Copyable>(_ w: inout W, _ s: Statement) {
        attribution(&w, s.attribution)
        w.field("date", s.date)
        w.field("delegation", s.delegation)
        w.field("document", s.document)
    }

    public static func statement(_ s: Statement, key: String, ownLine: Int? = nil) -> String {
        var w = JSONWriter()
        w.beginObject()
        head(&w, s)
        statementFields(&w, s, key: key, ownLine: ownLine, text: s.text)
        w.endObject()
        return w.output
    }

    /// The fields of a statement record after `delegation`, `document` (and `findings`), in
    /// sorted order; `group` when there is one; `text`, which `attest merge` looks for claims in.
    static func statementFields<W: JSONFields & ~Copyable>(_ w: inout W, _ s: Statement, key: String, ownLine: Int? = nil, text: String?,
                                                          escapedText: UnsafeBufferPointer<UInt8>? = nil) {
        if let group = s.group { w.field("group", group) }
        w.field("has_text", .bool(s.hasText))
        identity(&w, s, key: key)
        w.field("speaker", s.speaker)
        if let ownLine { w.field("statement_line", ownLine) }
        if let text {
            // (the line's own bytes of the text, when it wrote them without escapes: the same bytes,
            // not searched for a byte to escape)
            if let escapedText { w.field("text", escaped: escapedText) } else { w.field("text", text) }
        }
        w.field("type", "statement")
    }

    /// `id`, `index`, `iso3`, `key`, `kind`, `line`, `on_behalf_of` (when not empty): the fields between `has_text` (or `document`) and `rule`
    /// (or `speaker`) in both kinds of record.
    static func identity<W: JSONFields & ~Copyable>(_ w: inout W, _ s: Statement, key: String) {
        w.field("id", s.id)
        w.field("index", s.index)
        w.field("iso3", s.iso3)
        w.field("key", key)
        w.field("kind", s.kind.rawValue)
        w.field("line", s.line)
        if !s.onBehalfOf.isEmpty { w.field("on_behalf_of", json: JSONValue.array(s.onBehalfOf.map(JSONValue.string)).serialized([.sortKeys])) }
    }

    /// The `attribution` field, what `attributionJSON` gives, written straight with its keys in
    /// sorted order: sorting them through `JSONValue` compared keys with ICU collation for every
    /// statement (a locale made per comparison), 20% of `attest match`'s instructions.
    static func attribution<W: JSONFields & ~Copyable>(_ w: inout W, _ b: AttributionBasis?) {
        guard let b else {
            w.field("attribution", .null)
            return
        }
        w.beginObject(field: "attribution")
        w.field("certainty", b.certainty.rawValue)
        w.field("evidence", b.evidence)
        if let a = b.evidenceStart, let e = b.evidenceEnd {
            w.field("evidence_end", e)
            w.field("evidence_start", a)
        }
        if let i = b.evidenceStatement { w.field("evidence_statement", i) }
        w.field("method", b.method.rawValue)
        w.endObject()
    }

    /// A statement's `attribution` as the reports write it (`method`, `certainty`, `evidence`, and
    /// for a sentence of the record `evidence_statement`, `evidence_start`, `evidence_end`), or null.
    static func attributionJSON(_ b: AttributionBasis?) -> String {
        guard let b else { return "null" }
        var fields: [(String, JSONValue)] = [("method", .string(b.method.rawValue)), ("certainty", .string(b.certainty.rawValue)),
                                             ("evidence", b.evidence.map(JSONValue.string) ?? .null)]
        if let i = b.evidenceStatement { fields.append(("evidence_statement", .int(i))) }
        if let a = b.evidenceStart, let e = b.evidenceEnd { fields += [("evidence_start", .int(a)), ("evidence_end", .int(e))] }
        return JSONValue.object(fields).serialized([.sortKeys])
    }

    /// The `finding` records of one statement's matches, one per line (delegation, document,
    /// identity, rule, sentence and its offsets, spans with `at`, `by`, offsets and text, speaker),
    /// with the parts that every finding of the statement shares written once.
    static func writeFindings(_ s: Statement, key: String, ownLine: Int? = nil, matches: [RuleMatch], into out: inout [UInt8]) {
        guard !matches.isEmpty else { return }
        var head = JSONWriter()
        head.beginObject()
        self.head(&head, s)
        identity(&head, s, key: key)
        var tail: [UInt8] = []
        JSONWriter.appendRaw(",\"speaker\":", to: &tail)
        if let speaker = s.speaker { JSONWriter.appendString(speaker, to: &tail) } else { JSONWriter.appendRaw("null", to: &tail) }
        if let ownLine {
            JSONWriter.appendRaw(",\"statement_line\":", to: &tail)
            JSONWriter.appendInt(ownLine, to: &tail)
        }
        JSONWriter.appendRaw(",\"type\":\"finding\"}\n", to: &tail)
        var text = s.text
        text.withUTF8 { t in
            var unitCache: (Range<Int>, [UInt8])? = nil
            for m in matches {
                out += head.bytes
                JSONWriter.appendRaw(",\"rule\":", to: &out)
                JSONWriter.appendString(m.ruleID, to: &out)
                JSONWriter.appendRaw(",\"sentence\":", to: &out)
                let unit = m.unitStart..<m.unitEnd
                if let cached = unitCache, cached.0 == unit { out += cached.1 } else {
                    var escaped: [UInt8] = []
                    JSONWriter.appendString(utf8: UnsafeBufferPointer(rebasing: t[unit]), to: &escaped)
                    out += escaped
                    unitCache = (unit, escaped)
                }
                JSONWriter.appendRaw(",\"sentence_end\":", to: &out)
                JSONWriter.appendInt(m.unitEnd, to: &out)
                JSONWriter.appendRaw(",\"sentence_start\":", to: &out)
                JSONWriter.appendInt(m.unitStart, to: &out)
                JSONWriter.appendRaw(",\"spans\":[", to: &out)
                for (i, span) in m.spans.enumerated() {
                    JSONWriter.appendRaw(i == 0 ? "{\"at\":" : ",{\"at\":", to: &out)
                    JSONWriter.appendString(span.at, to: &out)
                    JSONWriter.appendRaw(",\"by\":", to: &out)
                    JSONWriter.appendString(span.by, to: &out)
                    JSONWriter.appendRaw(",\"end\":", to: &out)
                    JSONWriter.appendInt(span.end, to: &out)
                    JSONWriter.appendRaw(",\"start\":", to: &out)
                    JSONWriter.appendInt(span.start, to: &out)
                    JSONWriter.appendRaw(",\"text\":", to: &out)
                    JSONWriter.appendString(utf8: UnsafeBufferPointer(rebasing: t[span.start..<span.end]), to: &out)
                    out.append(0x7D)
                }
                out.append(0x5D)
                out += tail
            }
        }
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

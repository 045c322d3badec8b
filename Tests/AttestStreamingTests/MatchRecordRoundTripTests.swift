import AttestAudit
import AttestCorpus
import AttestMatching
import AttestModel
import AttestRules
import AttestStreaming
import AttestTestSupport
import Foundation
import XCTest

/// What `attest match` writes (full and compact) `MergedRecords` reads back into the findings
/// `attest audit` makes of the same statement: index, line, attribution, offsets in the statement.
final class MatchRecordRoundTripTests: XCTestCase {
    static let rules = RuleLoader().load(path: TestFiles.url("Rules").path).rules

    /// A line as `attest statements` writes it: its own index and line, a delegation decided from the speaker.
    static let line = #"{"date":"2020-08-06","document":"doc.txt","index":7,"line":41,"speaker":"Mr. Dupont (France)","delegation":"France","#
        + #""text":"We thank the briefers for their remarks today. We welcome resolution 2482 (2019) and its call on Member States \u2013 all of them."}"#

    func records(compact: Bool) -> [String] {
        let stream = MatchStream(rules: Self.rules, document: "-", compact: compact)
        var out: [UInt8] = []
        Array(Self.line.utf8).withUnsafeBufferPointer { stream.write(line: $0, lineNumber: 3, into: &out) }
        return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The compact record copies a text the line wrote without escapes (its bytes are what JSON
    /// writes for it) and escapes any other: the same text gives the same record either way.
    func testACopiedTextGivesTheRecordOfAnEscapedOne() {
        let stream = MatchStream(rules: Self.rules, document: "-", compact: true)
        func record(_ text: String) -> String {
            let line = #"{"id":"s1","delegation":"France","text":""# + text + #""}"#
            var out: [UInt8] = []
            Array(line.utf8).withUnsafeBufferPointer { stream.write(line: $0, lineNumber: 1, into: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        let plain = "We welcome resolution 2482\u{00A0}(2019) – and its call on “all States”. Then: the end."
        // the same text with an escape (W as \u0057), which the reader decodes
        let escaped = "\\u0057" + plain.dropFirst()
        let a = record(plain), b = record(String(escaped))
        XCTAssertTrue(a.contains("\"findings\":[["), a)
        XCTAssertTrue(a.contains("\"text\":\"" + plain + "\""), a)
        XCTAssertEqual(a, b)
        // a text with a quote, a backslash and a line feed is escaped as before
        let c = record(#"He said \"no\" \\ then\nleft."#)
        XCTAssertTrue(c.contains(#""text":"He said \"no\" \\ then\nleft.""#), c)
    }

    func testRecordsRoundTripIntoAuditsFindings() throws {
        let statement = try JSONLinesReader().statement(Substring(Self.line), line: 3, start: 0, document: "-", index: 0).get().0
        XCTAssertEqual(statement.index, 7)
        XCTAssertEqual(statement.line, 41)
        let expected = Auditor(rules: Self.rules).findings([statement])
        XCTAssertFalse(expected.isEmpty)
        XCTAssertGreaterThan(expected[0].sentenceStart, 0, "the test needs a finding past the first sentence")
        for compact in [false, true] {
            let lines = records(compact: compact)
            XCTAssertEqual(lines.count, compact ? 1 : 1 + expected.count)
            // `line` stays the line in the input matched (Examples/spark maps records back by it); the statement's own travels apart
            for line in lines { XCTAssertTrue(line.contains("\"line\":3,") && line.contains("\"statement_line\":41"), line) }
            var merged = MergedRecords(rules: RuleSet(Self.rules))
            // twice, and in reverse: the same statement from two partitions is one
            for line in lines + lines.reversed() { merged.add(line, source: "p:1") }
            merged.finish(ruleOrder: Self.rules.map(\.id))
            XCTAssertEqual(merged.errors, [])
            XCTAssertEqual(merged.earlierRecords, 0)
            XCTAssertEqual(merged.statements.map(\.index), [7])
            XCTAssertEqual(merged.findings.count, expected.count)
            for (got, want) in zip(merged.findings, expected) {
                XCTAssertEqual(got.ruleID, want.ruleID)
                XCTAssertEqual(got.sentence, want.sentence)
                XCTAssertEqual(got.sentenceStart, want.sentenceStart)
                XCTAssertEqual(got.sentenceEnd, want.sentenceEnd)
                XCTAssertEqual(got.spans, want.spans)
                XCTAssertEqual(got.spans.map { got.statement.text.utf8Slice($0.start..<$0.end) },
                               want.spans.map { want.statement.text.utf8Slice($0.start..<$0.end) })
                for k in [\Statement.index, \.line] { XCTAssertEqual(got.statement[keyPath: k], want.statement[keyPath: k]) }
                XCTAssertEqual(got.statement.document, "doc.txt")
                XCTAssertEqual(got.statement.delegation, want.statement.delegation)
                XCTAssertEqual(got.statement.date, want.statement.date)
                XCTAssertEqual(got.statement.onBehalfOf, want.statement.onBehalfOf)
                XCTAssertNotNil(want.statement.attribution)
                XCTAssertEqual(got.statement.attribution, want.statement.attribution)
            }
        }
    }

    /// The compact form stays one line with the findings as offsets: the new fields are the
    /// statement's own (index, attribution, statement_line), never repeated per finding.
    func testCompactRecordHoldsEachFieldOnce() throws {
        let line = try XCTUnwrap(records(compact: true).first)
        for key in ["\"index\":7", "\"attribution\":{", "\"line\":3,", "\"statement_line\":41", "\"findings\":[["] {
            XCTAssertEqual(line.components(separatedBy: key).count, 2, key)
        }
    }

    /// Records of an earlier `attest match` (no `index`, no `attribution`) are read: the partition's
    /// line stands for the index, and they are counted for merge's note.
    func testEarlierRecordsAreReadAndCounted() {
        let old = [
            #"{"date":null,"delegation":"France","document":"d","has_text":true,"id":null,"iso3":"FRA","key":"k","kind":"state","line":5,"speaker":null,"type":"statement"}"#,
            #"{"date":null,"delegation":"France","document":"d","id":null,"iso3":"FRA","key":"k","kind":"state","line":5,"rule":"cites-resolution-2482","sentence":"We welcome resolution 2482 (2019).","sentence_end":44,"sentence_start":10,"spans":[],"speaker":null,"type":"finding"}"#,
        ]
        var merged = MergedRecords(rules: RuleSet(Self.rules))
        for (i, line) in old.enumerated() { merged.add(line, source: "old.jsonl:\(i + 1)") }
        merged.finish(ruleOrder: Self.rules.map(\.id))
        XCTAssertEqual(merged.errors, [])
        XCTAssertEqual(merged.earlierRecords, 2)
        XCTAssertEqual(merged.firstEarlierRecord, "old.jsonl:1")
        XCTAssertEqual(merged.statements.map(\.index), [5])
        XCTAssertEqual(merged.findings.map(\.sentenceStart), [10])
        XCTAssertEqual(merged.findings.first?.sentence, "We welcome resolution 2482 (2019).")
        XCTAssertNil(merged.findings.first?.statement.attribution)
    }

    /// A finding record pointing past the longest line is an error, not an allocation of its offset.
    func testOffsetPastTheLongestLineIsAnError() {
        var merged = MergedRecords(rules: RuleSet(Self.rules))
        merged.maxTextLength = 1000
        merged.add(#"{"document":"d","index":0,"key":"k","line":1,"rule":"r","sentence":"abc","sentence_start":998,"spans":[],"type":"finding"}"#, source: "p:1")
        merged.finish(ruleOrder: [])
        XCTAssertEqual(merged.findings.count, 0)
        XCTAssertEqual(merged.errors.count, 1)
        XCTAssertTrue(merged.errors.first?.hasPrefix("p:1: 'sentence_start' 998 is past the longest line") ?? false, "\(merged.errors)")
    }
}

import AttestAudit
import AttestFormats
import AttestModel
import AttestReports
import AttestRules
import AttestTestSupport
import Foundation
import XCTest

/// The audit report and the reports written from it grow linearly with delegations and findings.
final class ReportScalingTests: XCTestCase {
    static let packs = RuleLoader().load(path: TestFiles.url("Rules").path).packs

    /// `delegations` delegations with text and two findings each, and as many recorded without text.
    func report(delegations n: Int) -> AuditReport {
        let rules = Self.packs.flatMap(\.rules).map(\.id)
        var statements: [Statement] = [], findings: [Finding] = []
        let text = "We recall resolution 2482 (2019) and share information."
        for i in 0..<n {
            let s = Statement(document: "d.jsonl", index: 2 * i, speaker: nil, delegation: "Land \(i)", kind: .state, text: text,
                              start: 0, end: text.utf8.count, line: 2 * i + 1)
            statements.append(s)
            statements.append(Statement(document: "d.jsonl", index: 2 * i + 1, speaker: nil, delegation: "Silent \(i)", kind: .state,
                                        text: "", start: 0, end: 0, line: 2 * i + 2))
            for r in rules.prefix(2) {
                findings.append(Finding(statement: s, match: RuleMatch(ruleID: r, unitStart: 0, unitEnd: 33,
                                                                       spans: [MatchedSpan(start: 10, end: 32, by: "resolution 2482", at: "match")])))
            }
        }
        return AuditReport(attestVersion: "test", inputs: [], packs: Self.packs, statements: statements, findings: findings)
    }

    // regression: `audit --out` was quadratic in delegations (5,000 delegations and 10,000 findings: 22.7 s; 20,000: over 300 s).
    // Timed by this thread's CPU, 8× apart (linear: 8; quadratic: 64), the fastest of three: timed by the
    // wall clock and 4× apart (linear 4, quadratic 16, failing at 8), a test of this kind failed in CI
    // when the machine was busy.
    func testReportsGrowLinearlyWithDelegationsAndFindings() {
        func seconds(_ n: Int) -> Double {
            Scaling.seconds {
                let r = report(delegations: n)
                _ = MarkdownAuditReporter().render(r)
                _ = FindingsJSONLReporter().render(r)
                _ = r.matrix.columnTotals
                _ = r.delegationsWithoutText
            }
        }
        let small = seconds(250), large = seconds(2_000)
        XCTAssertLessThan(large / max(small, 1e-4), 24, "250 delegations: \(small) s, 2,000: \(large) s")
    }

    // findings.jsonl: one JSON object per finding with sorted keys, every string escaped
    func testFindingsJSONLIsByteForByteTheSortedJSONOfEachFinding() {
        let text = "Line\u{1}one \"quoted\" \\ é 😀\ttab, resolution 2482 (2019)."
        let s = Statement(document: "a/b.jsonl", index: 3, speaker: "Mr. \u{1B}X", delegation: nil, kind: .unknown, text: text,
                          start: 0, end: text.utf8.count, line: 4)
        let f = Finding(statement: s, match: RuleMatch(ruleID: "r", unitStart: 0, unitEnd: text.utf8.count,
                                                       spans: [MatchedSpan(start: 0, end: 4, by: "a\"b", at: "x/y"), MatchedSpan(start: 5, end: 8, by: "c", at: "z")]))
        var s2 = s
        s2.speaker = nil
        let f2 = Finding(statement: s2, match: RuleMatch(ruleID: "q", unitStart: 0, unitEnd: 4, spans: []))
        let report = AuditReport(attestVersion: "t", inputs: [], packs: [], statements: [s, s2], findings: [f, f2])
        let expected = [f, f2].map { f -> String in
            let spans: [JSONValue] = f.spans.map { sp in
                .object([("start", .int(sp.start)), ("end", .int(sp.end)), ("text", .string(f.statement.text.utf8Slice(sp.start..<sp.end))),
                         ("by", .string(sp.by)), ("at", .string(sp.at))])
            }
            return JSONValue.object([
                ("date", .null), ("attribution", .null),
                ("document", .string(f.statement.document)), ("statement", .int(f.statement.index)), ("line", .int(f.statement.line)),
                ("speaker", .string(f.statement.speaker)), ("delegation", .string(f.statement.delegation)),
                ("kind", .string(f.statement.kind.rawValue)), ("rule", .string(f.ruleID)), ("sentence", .string(f.sentence)),
                ("sentence_start", .int(f.sentenceStart)), ("sentence_end", .int(f.sentenceEnd)), ("spans", .array(spans)),
            ]).serialized([.sortKeys]) + "\n"
        }.joined()
        XCTAssertEqual(FindingsJSONLReporter().render(report), expected)
    }
}

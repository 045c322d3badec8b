import AttestMatching
import AttestModel
import AttestRules
import AttestStreaming
import AttestTestSupport
import Foundation
import XCTest

/// `MergedRecords`, what `attest merge` builds from the partitions' records.
final class MergedRecordsTests: XCTestCase {
    static let rules = RuleLoader().load(path: TestFiles.url("Rules").path).rules

    // regression: `"start": -9223372036854775808` in a finding crashed merge (arithmetic overflow)
    func testNumbersOutOfRangeAreErrorsNotOverflows() {
        let huge = "-9223372036854775808", big = "9223372036854775807"
        let lines = [
            #"{"type":"finding","document":"d","key":"k","rule":"r","sentence":"abc","sentence_start":\#(huge),"spans":[{"start":0,"end":1,"by":"x","at":"y"}]}"#,
            #"{"type":"finding","document":"d","key":"k","rule":"r","sentence":"abc","sentence_start":1,"spans":[{"start":\#(huge),"end":\#(big),"by":"x","at":"y"}]}"#,
            #"{"type":"finding","document":"d","key":"k","rule":"r","sentence":"abc","sentence_start":\#(big),"spans":[{"start":\#(big),"end":\#(big),"by":"x","at":"y"}]}"#,
            #"{"type":"statement","document":"d","key":"k","line":\#(huge),"has_text":true}"#,
            #"{"type":"statement","document":"d","key":"k2","has_text":true,"text":"abc","findings":[["cites-resolution-2482",\#(huge),\#(big),[[0,1,0]]]]}"#,
            #"{"type":"statement","document":"d","key":"k3","has_text":true,"text":"abc","findings":[["cites-resolution-2482",0,3,[[\#(huge),\#(big),0]]]]}"#,
            #"{"type":"error","line":\#(huge),"message":"m"}"#,
        ]
        var merged = MergedRecords(rules: RuleSet(Self.rules))
        for (i, line) in lines.enumerated() { merged.add(line, source: "p:\(i + 1)") }
        merged.finish(ruleOrder: Self.rules.map(\.id))
        XCTAssertGreaterThanOrEqual(merged.errors.count, 5, merged.errors.joined(separator: "\n"))
        for f in merged.findings {
            for s in f.spans { XCTAssertTrue(0 <= s.start && s.start <= s.end && s.end <= f.statement.text.utf8.count) }
        }
    }

    // regression: `match | merge` kept one of two statements that share an id (Chile and France → Chile)
    func testStatementsThatShareAnIDStayApart() {
        let chile = #"{"delegation":"Chile","document":"d","has_text":true,"id":"a","iso3":"CHL","key":"id:a","kind":"state","line":1,"speaker":null,"type":"statement"}"#
        let france = #"{"delegation":"France","document":"d","has_text":true,"id":"a","iso3":"FRA","key":"id:a","kind":"state","line":2,"speaker":null,"type":"statement"}"#
        var merged = MergedRecords(rules: RuleSet(Self.rules))
        for line in [chile, france, chile] { merged.add(line, source: "p") }
        merged.finish(ruleOrder: [])
        XCTAssertEqual(merged.statements.map(\.delegation), ["Chile", "France"])
    }

    // regression (found by FuzzMerge): compact offsets inside a multi-byte scalar gave spans that split it
    func testCompactOffsetsInsideAScalarAreErrors() {
        let text = "Information sharing \u{2013}\u{2013} resolution 2482 (2019)."
        let line = #"{"delegation":"France","document":"d","findings":[["cites-resolution-2482",0,21,[[0,21,0]]]],"has_text":true,"key":"k","kind":"state","line":1,"speaker":null,"text":"\#(text)","type":"statement"}"#
        var merged = MergedRecords(rules: RuleSet(Self.rules))
        merged.add(line, source: "p:1")
        merged.finish(ruleOrder: Self.rules.map(\.id))
        XCTAssertEqual(merged.findings.count, 0)
        XCTAssertEqual(merged.errors.count, 1, merged.errors.joined(separator: "\n"))
    }
}

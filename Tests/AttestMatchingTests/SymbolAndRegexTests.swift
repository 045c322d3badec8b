import Foundation
import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// `citation: {symbol: ...}` and `regex:` (docs/rules.md, "Citations" and "Regular expressions").
final class SymbolAndRegexTests: XCTestCase, OneRulePackTesting {
    /// Every span as `start..<end "words"`.
    private func spans(_ rule: Rule, _ text: String) -> [String] {
        RuleSet([rule]).matches(in: text).flatMap(\.spans).map { span in
            "\(span.start)..<\(span.end) \"\(String(decoding: Array(text.utf8)[span.start..<span.end], as: UTF8.self))\""
        }
    }

    // MARK: document symbols

    func testSymbolRuleIsParsedAsWritten() throws {
        XCTAssertEqual(try rule(#"{citation: {symbol: "S/2020/754"}}"#).match,
                       .symbol("S/2020/754", SourceLocation(path: "x.yaml", line: 8, column: 12)))
    }

    func testSymbolMatchesTheSymbolWithExactOffsetsAndLabel() throws {
        let r = try rule(#"{citation: {symbol: "S/2020/754"}}"#)
        let matches = RuleSet([r]).matches(in: "The report S/2020/754 was issued.")
        XCTAssertEqual(matches.flatMap(\.spans), [MatchedSpan(start: 11, end: 21, by: "symbol S/2020/754", at: "x.yaml:8:12")])
    }

    func testSymbolMatchesInLowercase() throws {
        XCTAssertEqual(spans(try rule(#"{citation: {symbol: "S/2020/754"}}"#), "See s/2020/754 now."), [#"4..<14 "s/2020/754""#])
    }

    func testSymbolMatchesAtTheEndOfASentenceWithoutItsFullStop() throws {
        XCTAssertEqual(spans(try rule(#"{citation: {symbol: "S/2020/754"}}"#), "See the report S/2020/754."), [#"15..<25 "S/2020/754""#])
    }

    func testSymbolDoesNotMatchALongerOrShorterNumber() throws {
        let r = try rule(#"{citation: {symbol: "S/2020/754"}}"#)
        XCTAssertEqual(spans(r, "See S/2020/7540 now."), [])
        XCTAssertEqual(spans(r, "See S/2020/75 now."), [])
        XCTAssertEqual(spans(r, "See S/2020/754/Add.1 now."), [])
    }

    func testPresidentialStatementSymbol() throws {
        let r = try rule(#"{citation: {symbol: "S/PRST/2020/5"}}"#)
        XCTAssertEqual(spans(r, "The Council adopted S/PRST/2020/5 today."), [#"20..<33 "S/PRST/2020/5""#])
        XCTAssertEqual(spans(r, "The Council adopted S/PRST/2020/50 today."), [])
        XCTAssertEqual(spans(r, "The Council adopted S/2020/5 today."), [])
    }

    func testScannerFindsSymbolsWithUTF8OffsetsAfterMultiByteCharacters() {
        // "Côte d’Ivoire" is 16 bytes: ô is 2, ’ is 3
        XCTAssertEqual(CitationScanner.symbols(in: "Côte d’Ivoire cited S/2020/754 and s/prst/2020/5."), [
            DocumentSymbol(symbol: "S/2020/754", start: 23, end: 33),
            DocumentSymbol(symbol: "S/PRST/2020/5", start: 38, end: 51),
        ])
    }

    func testScannerKeepsAWholeTokenAndNeedsADigit() {
        XCTAssertEqual(CitationScanner.symbols(in: "S/2020/7540"), [DocumentSymbol(symbol: "S/2020/7540", start: 0, end: 11)])
        XCTAssertEqual(CitationScanner.symbols(in: "and/or"), [])
        XCTAssertEqual(CitationScanner.symbols(in: "A/RES/75/1,"), [DocumentSymbol(symbol: "A/RES/75/1", start: 0, end: 10)])
    }

    func testInvalidSymbolIsRefused() {
        let (rule, diagnostics) = parse(#"{citation: {symbol: "2020/754"}}"#)
        XCTAssertEqual(diagnostics, ["x.yaml:8:32: error: '2020/754' is not a document symbol such as S/2020/754 or S/PRST/2020/5"])
        XCTAssertNil(rule)
        XCTAssertEqual(parse(#"{citation: {symbol: "S/"}}"#).1, ["x.yaml:8:32: error: 'S/' is not a document symbol such as S/2020/754 or S/PRST/2020/5"])
    }

    func testResolutionAndSymbolTogetherAreRefused() {
        let (rule, diagnostics) = parse(#"{citation: {symbol: "S/2020/754", resolution: 2482}}"#)
        XCTAssertEqual(diagnostics, ["x.yaml:8:23: error: 'citation' takes either 'resolution' or 'symbol', not both"])
        XCTAssertNil(rule)
        XCTAssertEqual(parse(#"{citation: {symbol: "S/2020/754", year: 2020}}"#).1,
                       ["x.yaml:8:23: error: 'citation' takes either 'resolution' or 'symbol', not both"])
    }

    // MARK: RegexPolicy

    func testNestedQuantifierIsRefused() {
        XCTAssertEqual(RegexPolicy.problem("(a+)+$"), "a quantified group contains a quantifier (as in (a+)+): it can take exponential time")
        XCTAssertEqual(RegexPolicy.problem(#"(\w+\s?)*"#), "a quantified group contains a quantifier (as in (a+)+): it can take exponential time")
    }

    func testRepeatedAlternationIsRefused() {
        XCTAssertEqual(RegexPolicy.problem("(a|aa)*b"), "a repeated group contains an alternation (as in (a|aa)*): it can take exponential time")
    }

    func testBackreferenceIsRefused() {
        XCTAssertEqual(RegexPolicy.problem(#"(ab)\1"#), "backreferences are not allowed in a regex")
    }

    func testLookaroundIsRefused() {
        XCTAssertEqual(RegexPolicy.problem("(?=x)"), "lookahead is not allowed in a regex")
        XCTAssertEqual(RegexPolicy.problem("(?!x)"), "lookahead is not allowed in a regex")
        XCTAssertEqual(RegexPolicy.problem("(?<!x)"), "lookbehind is not allowed in a regex")
        XCTAssertEqual(RegexPolicy.problem("(?<=x)"), "lookbehind is not allowed in a regex")
    }

    func testUnterminatedClassIsRefused() {
        XCTAssertEqual(RegexPolicy.problem("[unclosed"), "unterminated '[' in regex")
    }

    func testPatternOverTheLengthLimitIsRefused() {
        XCTAssertEqual(RegexPolicy.problem(String(repeating: "a", count: 501)), "regex is 501 characters; the limit is 500")
        XCTAssertNil(RegexPolicy.problem(String(repeating: "a", count: 500)))
    }

    func testSafePatternsAreAccepted() {
        XCTAssertNil(RegexPolicy.problem("(a|b)?c"), "an optional group is not repeated")
        XCTAssertNil(RegexPolicy.problem(#"\bS/\d{4}/\d+\b"#))
        XCTAssertNil(RegexPolicy.problem(#"kidnap\w* for ransom"#))
    }

    /// Regression: free-spacing mode hid the space between "(a+)" and "+", so "(?x)(a+) +$" was accepted and backtracked exponentially.
    func testFreeSpacingModeDoesNotHideANestedQuantifier() {
        XCTAssertEqual(RegexPolicy.problem("(?x)(a+) +$"), "free-spacing mode (?x) is not allowed in a regex")
        XCTAssertEqual(RegexPolicy.problem("(?ix:(a+) +)"), "free-spacing mode (?x) is not allowed in a regex")
    }

    /// Regression: the "?" of "(?:" was counted as a quantifier, so the safe "(?:abc)+" was refused.
    func testNonCapturingGroupWithOneQuantifierIsAccepted() {
        XCTAssertNil(RegexPolicy.problem("(?:abc)+"))
        XCTAssertNil(RegexPolicy.problem("(?<name>abc)+"))
        XCTAssertNil(RegexPolicy.problem("(?i)abc+"))
        XCTAssertEqual(RegexPolicy.problem("(?:a+)+"), "a quantified group contains a quantifier (as in (a+)+): it can take exponential time")
        XCTAssertEqual(RegexPolicy.problem("(?:a|aa)*"), "a repeated group contains an alternation (as in (a|aa)*): it can take exponential time")
    }

    // MARK: regex rules

    func testRegexRuleMatchesCaseInsensitivelyWithUTF8OffsetsAfterMultiByteCharacters() throws {
        let r = try rule(#"{regex: 'kidnap\w* for ransom'}"#)
        // sentence 1 is "Señor Núñez spoke." (21 bytes); sentence 2 starts at 22; "Côte d’Ivoire condemned " is 27 bytes
        let text = "Señor Núñez spoke. Côte d’Ivoire condemned KIDNAPPING for ransom."
        let matches = RuleSet([r]).matches(in: text)
        XCTAssertEqual(matches, [RuleMatch(ruleID: "r", unitStart: 22, unitEnd: 71, spans: [
            MatchedSpan(start: 49, end: 70, by: #"regex /kidnap\w* for ransom/"#, at: "x.yaml:8:20"),
        ])])
    }

    func testRegexRuleRunsOnEachSentence() throws {
        let r = try rule(#"{regex: '\bS/\d{4}/\d+\b'}"#)
        XCTAssertEqual(spans(r, "Ñandú. See S/2020/754. Also S/2021/1."), [#"13..<23 "S/2020/754""#, #"30..<38 "S/2021/1""#])
    }

    func testRefusedRegexIsReportedAtItsPlace() {
        let (rule, diagnostics) = parse(#"{regex: "(a+)+$"}"#)
        XCTAssertEqual(diagnostics, ["x.yaml:8:20: error: a quantified group contains a quantifier (as in (a+)+): it can take exponential time"])
        XCTAssertNil(rule)
    }

    /// A catastrophic pattern is refused when the pack is loaded, so it is never run on any text:
    /// the load gives back the error alone and no rule, and the examples have nothing to run.
    func testCatastrophicRegexIsRefusedAtLoadTimeAndNeverRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-regex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let hostile = String(repeating: "a", count: 40) + "!"
        let pack = """
            pack:
              id: p
              title: P
              version: "1"
            rules:
              - id: exponential
                title: Exponential
                match:
                  regex: "(a+)+$"
                examples:
                  match: ["\(hostile)"]
            """
        try Data(pack.utf8).write(to: dir.appendingPathComponent("p.yaml"))
        let outcome = RuleLoader().load(path: dir.path)
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir.path)/p.yaml:9:14: error: a quantified group contains a quantifier (as in (a+)+): it can take exponential time"])
        XCTAssertEqual(outcome.packs, [])
        XCTAssertEqual(outcome.rules, [])
        XCTAssertEqual(outcome.invalidPacks.flatMap(\.rules), [], "the rule is not built even for linting")
        XCTAssertEqual(ExampleRunner(rules: outcome.rules).run(), [])
    }
}

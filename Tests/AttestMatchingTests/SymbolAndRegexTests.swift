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

    // MARK: what RE2 refuses (RegexEngine)

    private let refused = "regex refused by the linear-time engine (RE2): "

    func testBackreferenceIsRefusedWithTheEnginesReason() {
        XCTAssertEqual(RegexEngine.problem(#"(ab)\1"#), refused + #"invalid escape sequence: \1 (backreferences cannot run in linear time)"#)
        XCTAssertEqual(RegexEngine.problem(#"(?P<n>a)\k<n>"#), refused + #"invalid escape sequence: \k (backreferences cannot run in linear time)"#)
    }

    func testLookaroundIsRefusedWithTheEnginesReason() {
        XCTAssertEqual(RegexEngine.problem("(?=x)"), refused + "invalid perl operator: (?= (lookaround cannot run in linear time)")
        XCTAssertEqual(RegexEngine.problem("(?!x)"), refused + "invalid perl operator: (?! (lookaround cannot run in linear time)")
        XCTAssertEqual(RegexEngine.problem("(?<!x)"), refused + "invalid perl operator: (?< (lookaround cannot run in linear time)")
        XCTAssertEqual(RegexEngine.problem("(?<=x)"), refused + "invalid perl operator: (?< (lookaround cannot run in linear time)")
    }

    func testUnterminatedClassIsRefused() {
        XCTAssertEqual(RegexEngine.problem("[unclosed"), refused + "missing ]: [unclosed")
        XCTAssertEqual(RegexEngine.problem(""), "regex is empty")
    }

    /// Issue 18, item 5: a comment and an atomic group hid a nested quantifier from the old shape
    /// check; RE2 has neither, and says so. A repeat bound over 1,000 is refused too.
    func testCommentAtomicGroupAndHugeRepeatAreRefused() {
        XCTAssertEqual(RegexEngine.problem("(?#:()(?>(a+)+b)"), refused + "invalid perl operator: (?# (comments are not supported)")
        XCTAssertEqual(RegexEngine.problem("(?>a+)b"), refused + "invalid perl operator: (?> (atomic groups are not supported)")
        XCTAssertEqual(RegexEngine.problem("[a-z]{1,65535}@"), refused + "invalid repetition size: {1,65535} (a repeat count is at most 1000)")
        XCTAssertEqual(RegexEngine.problem("a++"), refused + "bad repetition operator: ++ (possessive quantifiers are not supported)")
        XCTAssertEqual(RegexEngine.problem("(?x)(a+) +$"), refused + "invalid perl operator: (?x (free-spacing mode is not supported)")
    }

    /// Issue 15: patterns the old shape check refused run in linear time in RE2, and are accepted.
    func testPatternsTheShapeCheckRefusedAreAccepted() {
        for p in [#"\b\d{1,3}(?:,\d{3})+\b"#, #"\bArticle\s+\d{1,3}\s+of\s+the\s+(?:United\s+Nations\s+)?Charter\b"#,
                  #"\bresolutions\s+\d{3,4}\s*\(\d{4}\)(?:\s*(?:,|and)\s*\d{3,4}\s*\(\d{4}\))+"#,
                  "(a+)+$", "(a|aa)*b", #"(\w+\s?)*"#, "(?:a+)+", String(repeating: "a", count: 501)] {
            XCTAssertNil(RegexEngine.problem(p), p)
        }
    }

    func testSafePatternsAreAccepted() {
        XCTAssertNil(RegexEngine.problem("(a|b)?c"))
        XCTAssertNil(RegexEngine.problem(#"\bS/\d{4}/\d+\b"#))
        XCTAssertNil(RegexEngine.problem(#"kidnap\w* for ransom"#))
        XCTAssertNil(RegexEngine.problem("(?:abc)+"))
        XCTAssertNil(RegexEngine.problem("(?<name>abc)+"), "ICU's named group is RE2's (?P<name>")
        XCTAssertNil(RegexEngine.problem("(?i)abc+"))
        XCTAssertNil(RegexEngine.problem(#"[\s\u2010\u2011-]+"#), "ICU's \\u escapes are rewritten")
        XCTAssertNil(RegexEngine.problem(#"\Q[\E?(a+)+b\Q]\E?"#))
    }

    func testICUSpellingsAreTranslatedForRE2() {
        XCTAssertEqual(RegexEngine.translated(#"a\u2011b\U0001F600"#), #"a\x{2011}b\x{0001F600}"#)
        XCTAssertEqual(RegexEngine.translated(#"\s+[\s-]\S"#), #"[\t\n\f\r\p{Z}]+[\t\n\f\r\p{Z}-][^\t\n\f\r\p{Z}]"#)
        XCTAssertEqual(RegexEngine.translated(#"(?<year>\d{4})(?<=x)"#), #"(?P<year>\d{4})(?<=x)"#)
        XCTAssertEqual(RegexEngine.translated(#"\Q\s(?<a>\E\\s[]\s][^]\s]"#), #"\Q\s(?<a>\E\\s[]\t\n\f\r\p{Z}][^]\t\n\f\r\p{Z}]"#)
        XCTAssertEqual(RegexEngine.translated(#"[[:alpha:]\s]\u12"#), #"[[:alpha:]\t\n\f\r\p{Z}]\u12"#)
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
        let (rule, diagnostics) = parse(#"{regex: "(a)\\1"}"#)
        XCTAssertEqual(diagnostics, [#"x.yaml:8:20: error: regex refused by the linear-time engine (RE2): invalid escape sequence: \1 (backreferences cannot run in linear time)"#])
        XCTAssertNil(rule)
    }

    /// A pattern RE2 cannot run in linear time is refused when the pack is loaded, so it is never run on any text:
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
                  regex: "(a+)\\\\1$"
                examples:
                  match: ["\(hostile)"]
            """
        try Data(pack.utf8).write(to: dir.appendingPathComponent("p.yaml"))
        let outcome = RuleLoader().load(path: dir.path)
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir.path)/p.yaml:9:14: error: regex refused by the linear-time engine (RE2): invalid escape sequence: \\1 (backreferences cannot run in linear time)"])
        XCTAssertEqual(outcome.packs, [])
        XCTAssertEqual(outcome.rules, [])
        XCTAssertEqual(outcome.invalidPacks.flatMap(\.rules), [], "the rule is not built even for linting")
        XCTAssertEqual(ExampleRunner(rules: outcome.rules).run(), [])
    }
}

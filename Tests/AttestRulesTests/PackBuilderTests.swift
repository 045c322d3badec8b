import Foundation
import XCTest
@testable import AttestRules
import AttestModel

/// Structural mistakes in a pack, reported by `PackBuilder` through `RuleLoader.parse`.
final class PackBuilderTests: XCTestCase {
    /// Lines 1–5 of every pack below; the first rule starts on line 6, its mapping at column 5.
    private let header = """
    pack:
      id: p
      title: P
      version: "1"
    rules:

    """

    private func parse(_ yaml: String, limits: RuleLoader.Limits = RuleLoader.Limits()) -> (RulePack?, [String]) {
        var loader = RuleLoader()
        loader.limits = limits
        let (pack, diagnostics) = loader.parse(Data(yaml.utf8), path: "x.yaml")
        return (pack, diagnostics.map(\.description))
    }

    private func diagnostics(_ yaml: String, limits: RuleLoader.Limits = RuleLoader.Limits()) -> [String] {
        parse(yaml, limits: limits).1
    }

    func testValidPackHasNoDiagnostics() throws {
        let (pack, diagnostics) = parse(header + """
          - id: cites-2482
            title: R
            scope: statement
            tags: [a, b]
            match:
              near:
                a: respect
                b: human rights
                within: 3
                ordered: true
            examples:
              match: ["respect for human rights"]
              no_match: ["human rights"]

        """)
        XCTAssertEqual(diagnostics, [])
        let rule = try XCTUnwrap(pack?.rules.first)
        XCTAssertEqual(rule.id, "cites-2482")
        XCTAssertEqual(rule.scope, .statement)
        XCTAssertEqual(rule.severity, .warning)
        XCTAssertEqual(rule.tags, ["a", "b"])
        XCTAssertEqual(rule.match, .near(.phrase("respect", SourceLocation(path: "x.yaml", line: 12, column: 12)),
                                         .phrase("human rights", SourceLocation(path: "x.yaml", line: 13, column: 12)),
                                         within: 3, ordered: true, SourceLocation(path: "x.yaml", line: 11, column: 7)))
        XCTAssertEqual(rule.examples.match.map(\.text), ["respect for human rights"])
        XCTAssertEqual(rule.examples.noMatch.map(\.location), [SourceLocation(path: "x.yaml", line: 18, column: 18)])
    }

    func testMissingPack() {
        let yaml = """
        rules:
          - id: r
            title: R
            match: x

        """
        XCTAssertEqual(diagnostics(yaml), ["x.yaml:1:1: error: missing key 'pack'"])
    }

    func testMissingRuleID() {
        let (pack, diagnostics) = parse(header + """
          - title: R
            match: x

        """)
        XCTAssertEqual(diagnostics, ["x.yaml:6:5: error: missing key 'id'"])
        XCTAssertEqual(pack?.rules.count, 0)
    }

    func testRuleIDNotKebabCase() {
        for id in ["Cites_2482", "cites--2482", "cites-2482-", "2482-cites", "cités-2482"] {
            XCTAssertEqual(diagnostics(header + "  - id: \(id)\n    title: R\n    match: x\n"),
                           ["x.yaml:6:9: error: id '\(id)' is not kebab-case (lowercase letters, digits and single hyphens)"], id)
        }
    }

    func testPackIDNotKebabCase() {
        XCTAssertEqual(diagnostics("pack:\n  id: UNSC 2482\n  title: P\n  version: \"1\"\nrules:\n  - id: r\n    title: R\n    match: x\n"),
                       ["x.yaml:2:7: error: id 'UNSC 2482' is not kebab-case (lowercase letters, digits and single hyphens)"])
    }

    func testUnknownKeyWithDidYouMeanHint() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            tittle: R
            match: x

        """), [
            "x.yaml:7:5: error: unknown key 'tittle' (did you mean 'title'?); allowed: id, title, commitment, source, severity, tags, scope, window, speakers, match, unless, negation, examples",
            "x.yaml:6:5: error: missing key 'title'",
        ])
    }

    func testUnknownKeyWithoutACloseMatchHasNoHint() {
        XCTAssertEqual(diagnostics("pack:\n  id: p\n  title: P\n  version: \"1\"\n  author: me\nrules:\n  - id: r\n    title: R\n    match: x\n"),
                       ["x.yaml:5:3: error: unknown key 'author'; allowed: id, title, description, source, version"])
    }

    func testUnknownMatchOperator() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              nearby:
                a: x
                b: y

        """), ["x.yaml:9:7: error: unknown match operator 'nearby'; expected one of: phrase, any, terms, vocabulary, lemma, all, not, near, citation, regex"])
    }

    func testWithinOfWrongType() {
        for within in ["five", "0", "51", "[5]"] {
            XCTAssertEqual(diagnostics(header + """
              - id: r
                title: R
                match:
                  near:
                    a: x
                    b: y
                    within: \(within)

            """), ["x.yaml:12:17: error: 'within' must be a whole number of words from 1 to 50"], within)
        }
    }

    func testOrderedOfWrongType() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              near: {a: x, b: y, ordered: sometimes}

        """), ["x.yaml:9:35: error: 'ordered' must be true or false"])
    }

    func testInvalidSeverityListsTheAllowedValues() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            severity: critical
            match: x

        """), ["x.yaml:8:15: error: invalid severity 'critical'; allowed: error, warning, info"])
    }

    func testInvalidScopeListsTheAllowedValues() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            scope: document
            match: x

        """), ["x.yaml:8:12: error: invalid scope 'document'; allowed: sentence, paragraph, statement"])
    }

    func testCitationWithoutResolution() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              citation:
                year: 2019

        """), ["x.yaml:10:9: error: 'citation' needs 'resolution' or 'symbol'"])
    }

    func testCitationWithBadNumberOrYear() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              citation: {resolution: S/RES/2482}

        """), ["x.yaml:9:30: error: 'resolution' must be a resolution number such as 2482"])
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              citation: {resolution: 2482, year: 19}

        """), ["x.yaml:9:42: error: 'year' must be a year such as 2019"])
    }

    func testEmptyAny() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              any: []

        """), ["x.yaml:9:12: error: 'any' takes a non-empty list of expressions"])
    }

    func testEmptyListOfAlternatives() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match: []

        """), ["x.yaml:8:12: error: empty list of alternatives"])
    }

    func testPhraseWithoutLettersOrDigits() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match: "--"

        """), ["x.yaml:8:12: error: phrase '--' has no letters or digits"])
    }

    func testExpressionWithTwoOperators() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              phrase: x
              not: y

        """), ["x.yaml:9:7: error: a match expression has exactly one of: phrase, any, terms, vocabulary, lemma, all, not, near, citation, regex"])
    }

    func testRuleWithoutMatch() {
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R

        """), ["x.yaml:6:5: error: rule 'r' has no 'match'"])
    }

    func testEmptyRules() {
        XCTAssertEqual(diagnostics("pack:\n  id: p\n  title: P\n  version: \"1\"\nrules: []\n"),
                       ["x.yaml:5:8: error: 'rules' is empty"])
    }

    func testEveryMistakeInAFileIsReported() {
        XCTAssertEqual(diagnostics(header + """
          - id: Bad_ID
            title: R
            match: x
          - id: r
            title: R
            severity: loud
            match: x

        """), [
            "x.yaml:6:9: error: id 'Bad_ID' is not kebab-case (lowercase letters, digits and single hyphens)",
            "x.yaml:11:15: error: invalid severity 'loud'; allowed: error, warning, info",
        ])
    }

    func testExpressionNestedDeeperThanTheLimit() {
        var limits = RuleLoader.Limits()
        limits.maxDepth = 2
        // depth 0: the `not` on line 9; depth 3: the phrase "x"
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              not:
                not:
                  not: x

        """, limits: limits), ["x.yaml:11:16: error: expression nested more than 2 levels deep"])
    }

    func testExpressionNestedExactlyToTheLimitIsAccepted() {
        var limits = RuleLoader.Limits()
        limits.maxDepth = 2
        XCTAssertEqual(diagnostics(header + """
          - id: r
            title: R
            match:
              not:
                not: x

        """, limits: limits), [])
    }

    func testDefaultDepthLimitStopsDeeplyNestedLists() {
        // 70 nested flow lists; the phrase is at depth 70, the first list too deep is at depth 65, column 12 + 65
        let deep = String(repeating: "[", count: 70) + "x" + String(repeating: "]", count: 70)
        XCTAssertEqual(diagnostics(header + "  - id: r\n    title: R\n    match: \(deep)\n"),
                       ["x.yaml:8:77: error: expression nested more than 64 levels deep"])
    }
}

import Foundation
import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// `unless:`, negation and `negation: allow`, and `speakers:` (docs/rules.md, "Exceptions").
final class ExceptionsTests: XCTestCase, OneRulePackTesting {
    /// The matched words of every match, one string per match.
    private func matched(_ rule: Rule, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return RuleSet([rule]).matches(in: text).map { m in
            m.spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }.joined(separator: " + ")
        }
    }

    /// respect or comply, near human rights or international law.
    private let respectRule = """
            match:
              near:
                a: [respect, {lemma: comply}]
                b: ["human rights", "international law"]
                within: 6
        """

    // MARK: unless

    private let unlessRule = """
            match: "human rights"
            unless: "Human Rights Council"
        """

    func testUnlessIsParsedWithItsPlace() throws {
        let r = try rule(body: unlessRule)
        XCTAssertEqual(r.unless, .phrase("Human Rights Council", SourceLocation(path: "x.yaml", line: 9, column: 13)))
    }

    func testUnlessInTheSameSentenceDisqualifiesTheMatch() throws {
        XCTAssertEqual(matched(try rule(body: unlessRule), "The Human Rights Council will respect human rights."), [])
    }

    func testUnlessInAnotherSentenceDoesNotDisqualifyWithSentenceScope() throws {
        let r = try rule(body: unlessRule)
        XCTAssertEqual(RuleSet([r]).matches(in: "The Human Rights Council met. We defend human rights."), [
            RuleMatch(ruleID: "r", unitStart: 30, unitEnd: 53, spans: [MatchedSpan(start: 40, end: 52, by: "phrase \"human rights\"", at: "x.yaml:8:12")]),
        ])
    }

    func testUnlessAnywhereInTheStatementDisqualifiesWithStatementScope() throws {
        let r = try rule(body: "    scope: statement\n" + unlessRule)
        XCTAssertEqual(matched(r, "The Human Rights Council met. We defend human rights."), [])
        XCTAssertEqual(matched(r, "The Council met. We defend human rights."), ["human rights"])
    }

    func testUnlessCountsEvenWhenNegated() throws {
        XCTAssertEqual(matched(try rule(body: unlessRule), "It is not the Human Rights Council that defends human rights."), [])
    }

    // MARK: negation

    func testNegatedMatchesDoNotCount() throws {
        let r = try rule(body: respectRule)
        for text in [
            "The delegation did not respect human rights.",
            "Some States failed to comply with international law.",
            "Measures were taken without respect for human rights.",
            "There is a lack of respect for human rights.",
            "They never respect international law.",
        ] {
            XCTAssertEqual(matched(r, text), [], text)
        }
    }

    func testNoReferenceToNegatesAPhrase() throws {
        let r = try rule(body: "    match: \"resolution 2482\"\n")
        XCTAssertEqual(matched(r, "There was no reference to resolution 2482."), [])
        XCTAssertEqual(matched(r, "There was a reference to resolution 2482."), ["resolution 2482"])
    }

    /// Regression: a citation's span starts at the number, so the "no" of "no reference to resolution 2482" was four words
    /// before it and the citation still matched; the negation is now looked for in front of "resolution".
    func testNoReferenceToNegatesACitation() throws {
        let r = try rule(body: "    match: {citation: {resolution: 2482}}\n")
        XCTAssertEqual(matched(r, "There was no reference to resolution 2482 (2019)."), [])
    }

    func testNotOnlyAndNoDoubtAreNotNegations() throws {
        let r = try rule(body: respectRule)
        XCTAssertEqual(matched(r, "We not only respect human rights but also uphold them."), ["respect + human rights"])
        XCTAssertEqual(matched(r, "There is no doubt States respect human rights."), ["respect + human rights"])
    }

    func testNegationThreeWordsBeforeCountsAndFourWordsBeforeDoesNot() throws {
        let r = try rule(body: respectRule)
        XCTAssertEqual(matched(r, "We do not think States respect human rights."), [], "\"not\" is the third word before \"respect\"")
        XCTAssertEqual(matched(r, "We do not think that States respect human rights."), ["respect + human rights"],
                       "\"not\" is the fourth word before \"respect\"")
    }

    func testNegationInThePreviousSentenceDoesNotCount() throws {
        XCTAssertEqual(matched(try rule(body: respectRule), "They did not. Respect for human rights is essential."), ["Respect + human rights"])
    }

    func testNegationAllowLetsNegatedMatchesCount() throws {
        let r = try rule(body: "    negation: allow\n" + respectRule)
        XCTAssertEqual(r.negation, .allow)
        XCTAssertEqual(matched(r, "The delegation did not respect human rights."), ["respect + human rights"])
        XCTAssertEqual(matched(r, "Some States failed to comply with international law."), ["comply + international law"])
    }

    func testNegationDefaultsToExclude() throws {
        XCTAssertEqual(try rule(body: respectRule).negation, .exclude)
    }

    func testInvalidNegationValueIsRefused() {
        XCTAssertEqual(parse(body: "    negation: maybe\n" + respectRule).1, ["x.yaml:8:15: error: invalid negation 'maybe'; allowed: exclude, allow"])
    }

    // MARK: speakers

    func testSpeakersAreCarriedOnTheRule() throws {
        let r = try rule(body: "    speakers: [state, organization]\n    match: \"human rights\"\n")
        XCTAssertEqual(r.speakers, [.state, .organization])
        XCTAssertEqual(try rule(body: unlessRule).speakers, [], "no filter: every speaker")
    }

    func testSpeakersFilterIsAppliedByTheCallerNotTheMatcher() throws {
        let r = try rule(body: "    speakers: [state]\n    match: terrorism\n")
        let set = RuleSet([r])
        XCTAssertEqual(set.matches(in: "Terrorism grows.").count, 1)
        XCTAssertEqual(set.matches(in: "Terrorism grows.", include: { $0.speakers.contains(.unEntity) }), [])
    }

    func testInvalidSpeakerKindIsRefusedWithTheAllowedKinds() {
        let (rule, diagnostics) = parse(body: "    speakers: [state, alien]\n    match: terrorism\n")
        XCTAssertEqual(diagnostics, [
            "x.yaml:8:23: error: invalid speaker kind 'alien'; allowed: state, organization, un-entity, civil-society, presidency, narrative, unknown",
        ])
        XCTAssertNil(rule)
    }

    func testSpeakersMustBeAList() {
        XCTAssertEqual(parse(body: "    speakers: state\n    match: terrorism\n").1, ["x.yaml:8:15: error: 'speakers' must be a list of speaker kinds"])
    }
}

import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel

final class CompiledRuleTests: XCTestCase {
    private func at(_ line: Int, _ column: Int = 5) -> SourceLocation {
        SourceLocation(path: "t.yaml", line: line, column: column)
    }

    private func phrase(_ p: String, line: Int = 1) -> MatchExpression {
        .phrase(p, at(line))
    }

    private func rule(_ match: MatchExpression, scope: Rule.Scope = .sentence) -> Rule {
        Rule(id: "r", title: "R", scope: scope, match: match, location: at(1, 1), pack: "p")
    }

    private func matches(_ match: MatchExpression, _ text: String, scope: Rule.Scope = .sentence) -> [RuleMatch] {
        RuleSet([rule(match, scope: scope)]).matches(in: text)
    }

    private func matchesAnywhere(_ match: MatchExpression, _ text: String, scope: Rule.Scope = .sentence) -> Bool {
        !matches(match, text, scope: scope).isEmpty
    }

    // MARK: phrases

    func testPhraseMatchesWholeWordsOnly() {
        XCTAssertFalse(matchesAnywhere(phrase("arms"), "Illicit firearms trafficking persists."))
        XCTAssertFalse(matchesAnywhere(phrase("arms"), "Terrorism harms everyone."))
        XCTAssertTrue(matchesAnywhere(phrase("arms"), "Illicit arms trafficking persists."))
        XCTAssertFalse(matchesAnywhere(phrase("terror"), "Terrorism is a threat."))
        XCTAssertFalse(matchesAnywhere(phrase("human rights"), "We heard from human rightsholders."))
    }

    func testPhraseIgnoresCaseHyphensAndNonBreakingHyphens() {
        let p = phrase("counter-terrorism")
        for text in ["Counter-Terrorism matters.", "counter\u{2011}terrorism matters.", "counter terrorism matters.", "COUNTER TERRORISM matters."] {
            XCTAssertTrue(matchesAnywhere(p, text), text)
        }
        XCTAssertTrue(matchesAnywhere(phrase("counter terrorism"), "Counter\u{2011}Terrorism matters."))
    }

    func testPhraseIgnoresCurlyAndStraightApostrophesAndQuotes() {
        XCTAssertTrue(matchesAnywhere(phrase("Côte d'Ivoire"), "Côte d’Ivoire spoke."))
        XCTAssertTrue(matchesAnywhere(phrase("Côte d’Ivoire"), "Cote d'Ivoire spoke."))
        XCTAssertTrue(matchesAnywhere(phrase("\"zero tolerance\""), "We have “zero tolerance” for it."))
        XCTAssertTrue(matchesAnywhere(phrase("States' obligations"), "It is the States’ obligations."))
    }

    func testPhraseMatchesAcrossNoBreakSpaces() {
        XCTAssertTrue(matchesAnywhere(phrase("rule of law"), "It upholds the rule\u{00A0}of\u{00A0}law."))
    }

    func testPhraseWordsMustBeAdjacent() {
        XCTAssertFalse(matchesAnywhere(phrase("human rights"), "Human and other rights."))
        XCTAssertFalse(matchesAnywhere(phrase("human rights"), "Rights human."))
    }

    func testPhraseSpanHasExactUTF8OffsetsAndLabel() {
        let text = "Côte d’Ivoire respects human rights."
        XCTAssertEqual(matches(phrase("human rights", line: 3), text), [
            RuleMatch(ruleID: "r", unitStart: 0, unitEnd: 39, spans: [
                // "Côte d’Ivoire respects " is 23 characters and 26 bytes
                MatchedSpan(start: 26, end: 38, by: "phrase \"human rights\"", at: "t.yaml:3:5"),
            ]),
        ])
    }

    func testEverySentenceThatMatchesIsAMatch() {
        let text = "Terrorism is a threat. We discussed it. Terrorism grows."
        XCTAssertEqual(matches(phrase("terrorism"), text), [
            RuleMatch(ruleID: "r", unitStart: 0, unitEnd: 22, spans: [MatchedSpan(start: 0, end: 9, by: "phrase \"terrorism\"", at: "t.yaml:1:5")]),
            RuleMatch(ruleID: "r", unitStart: 40, unitEnd: 56, spans: [MatchedSpan(start: 40, end: 49, by: "phrase \"terrorism\"", at: "t.yaml:1:5")]),
        ])
    }

    func testTwoHitsInOneSentenceAreTwoSpans() {
        XCTAssertEqual(matches(phrase("crime"), "Crime and more crime.").map(\.spans), [[
            MatchedSpan(start: 0, end: 5, by: "phrase \"crime\"", at: "t.yaml:1:5"),
            MatchedSpan(start: 15, end: 20, by: "phrase \"crime\"", at: "t.yaml:1:5"),
        ]])
    }

    // MARK: any, all, not

    func testAnyMatchesWhenOneAlternativeMatchesAndLabelsTheSpanWithIt() {
        let e = MatchExpression.any([phrase("uphold", line: 2), phrase("respect", line: 3)], at(1))
        XCTAssertEqual(matches(e, "We respect it.").map(\.spans),
                       [[MatchedSpan(start: 3, end: 10, by: "phrase \"respect\"", at: "t.yaml:3:5")]])
        XCTAssertFalse(matchesAnywhere(e, "We ignore it."))
    }

    func testAllNeedsEveryPartInTheSameSentence() {
        let e = MatchExpression.all([phrase("terrorism", line: 2), phrase("organized crime", line: 3)], at(1))
        XCTAssertEqual(matches(e, "Terrorism and organized crime are linked.").map(\.spans), [[
            MatchedSpan(start: 0, end: 9, by: "phrase \"terrorism\"", at: "t.yaml:2:5"),
            MatchedSpan(start: 14, end: 29, by: "phrase \"organized crime\"", at: "t.yaml:3:5"),
        ]])
        XCTAssertEqual(matches(e, "Terrorism is a threat. Organized crime funds it."), [])
    }

    func testAllAcrossTwoSentencesMatchesWithScopeStatement() {
        let e = MatchExpression.all([phrase("terrorism", line: 2), phrase("organized crime", line: 3)], at(1))
        XCTAssertEqual(matches(e, "Terrorism is a threat. Organized crime funds it.", scope: .statement), [
            RuleMatch(ruleID: "r", unitStart: 0, unitEnd: 48, spans: [
                MatchedSpan(start: 0, end: 9, by: "phrase \"terrorism\"", at: "t.yaml:2:5"),
                MatchedSpan(start: 23, end: 38, by: "phrase \"organized crime\"", at: "t.yaml:3:5"),
            ]),
        ])
    }

    func testAllAcrossTwoParagraphsMatchesOnlyWithScopeStatement() {
        let e = MatchExpression.all([phrase("terrorism"), phrase("crime")], at(1))
        let text = "Terrorism is a threat.\n\nCrime funds it."
        XCTAssertEqual(matches(e, text, scope: .paragraph), [])
        XCTAssertEqual(matches(e, "Terrorism is a threat. Crime funds it.\n\nOther.", scope: .paragraph).map(\.unitEnd), [38])
        XCTAssertEqual(matches(e, text, scope: .statement).map(\.unitEnd), [39])
    }

    func testNotExcludesASentenceWithTheWords() {
        let e = MatchExpression.all([phrase("human rights", line: 2), .not(phrase("council", line: 4), at(3))], at(1))
        XCTAssertEqual(matches(e, "Human rights matter. The Human Rights Council met."), [
            RuleMatch(ruleID: "r", unitStart: 0, unitEnd: 20, spans: [MatchedSpan(start: 0, end: 12, by: "phrase \"human rights\"", at: "t.yaml:2:5")]),
        ])
    }

    func testNotAloneMatchesEverySentenceWithoutTheWordsWithNoSpans() {
        XCTAssertEqual(matches(.not(phrase("council"), at(1)), "The Council met. We spoke."),
                       [RuleMatch(ruleID: "r", unitStart: 17, unitEnd: 26, spans: [])])
    }

    // MARK: near

    private func near(within: Int, ordered: Bool) -> MatchExpression {
        .near(phrase("respect", line: 2), phrase("human rights", line: 3), within: within, ordered: ordered, at(1))
    }

    func testNearMatchesWithinNWordsAndNotBeyond() {
        // two words between "respect" and "human rights"
        XCTAssertEqual(matches(near(within: 2, ordered: false), "We respect international and human rights.").map(\.spans), [[
            MatchedSpan(start: 3, end: 10, by: "phrase \"respect\"", at: "t.yaml:2:5"),
            MatchedSpan(start: 29, end: 41, by: "phrase \"human rights\"", at: "t.yaml:3:5"),
        ]])
        XCTAssertEqual(matches(near(within: 1, ordered: false), "We respect international and human rights."), [])
    }

    func testNearWithAdjacentWords() {
        XCTAssertTrue(matchesAnywhere(near(within: 1, ordered: true), "They respect human rights."))
    }

    func testUnorderedNearMatchesEitherWay() {
        XCTAssertEqual(matches(near(within: 2, ordered: false), "Human rights we respect.").map(\.spans), [[
            MatchedSpan(start: 0, end: 12, by: "phrase \"human rights\"", at: "t.yaml:3:5"),
            MatchedSpan(start: 16, end: 23, by: "phrase \"respect\"", at: "t.yaml:2:5"),
        ]])
    }

    func testOrderedNearNeedsBAfterA() {
        XCTAssertEqual(matches(near(within: 2, ordered: true), "Human rights we respect."), [])
        XCTAssertTrue(matchesAnywhere(near(within: 2, ordered: true), "We respect human rights."))
    }

    func testNearDoesNotReachIntoTheNextSentence() {
        XCTAssertEqual(matches(near(within: 5, ordered: false), "We respect it. Human rights matter."), [])
    }

    func testNearCountsWordsAcrossPunctuation() {
        // "respect, in full, human rights": two words between
        XCTAssertTrue(matchesAnywhere(near(within: 2, ordered: true), "We respect, in full, human rights."))
        XCTAssertFalse(matchesAnywhere(near(within: 1, ordered: true), "We respect, in full, human rights."))
    }

    // MARK: citations

    func testCitationWithYearMatchesTheSameYearOrNoYear() {
        let e = MatchExpression.citation(resolution: 2482, year: 2019, at(2, 7))
        XCTAssertEqual(matches(e, "We recall resolution 2482 (2019).").map(\.spans),
                       [[MatchedSpan(start: 21, end: 32, by: "citation 2482 (2019)", at: "t.yaml:2:7")]])
        XCTAssertTrue(matchesAnywhere(e, "We recall resolution 2482."))
        XCTAssertFalse(matchesAnywhere(e, "We recall resolution 2482 (2018)."))
        XCTAssertFalse(matchesAnywhere(e, "We recall resolution 2462 (2019)."))
    }

    func testCitationInAnEnumeration() {
        let e = MatchExpression.citation(resolution: 2482, year: nil, at(2, 7))
        XCTAssertEqual(matches(e, "Recalling resolutions 2462 (2019) and 2482 (2019), she urged action.").map(\.spans),
                       [[MatchedSpan(start: 38, end: 49, by: "citation 2482", at: "t.yaml:2:7")]])
    }

    func testCitationIsFoundOnlyInItsSentence() {
        let e = MatchExpression.all([.citation(resolution: 2482, year: nil, at(2)), phrase("implement", line: 3)], at(1))
        XCTAssertEqual(matches(e, "We implement it. We recall resolution 2482."), [])
        XCTAssertEqual(matches(e, "We implement it. We recall resolution 2482.", scope: .statement).map(\.spans), [[
            MatchedSpan(start: 3, end: 12, by: "phrase \"implement\"", at: "t.yaml:3:5"),
            MatchedSpan(start: 38, end: 42, by: "citation 2482", at: "t.yaml:2:5"),
        ]])
    }

    func testNearACitation() {
        let e = MatchExpression.near(phrase("implement"), .citation(resolution: 2482, year: nil, at(2)), within: 1, ordered: true, at(1))
        XCTAssertTrue(matchesAnywhere(e, "We implement resolution 2482 (2019)."))
        XCTAssertFalse(matchesAnywhere(e, "We implement fully the text of resolution 2482 (2019)."))
    }

    func testRuleIDIsCarriedIntoEveryMatch() {
        let r = Rule(id: "cites-2482", title: "T", match: phrase("terrorism"), location: at(1), pack: "p")
        XCTAssertEqual(RuleSet([r]).matches(in: "Terrorism. Terrorism.").map(\.ruleID), ["cites-2482", "cites-2482"])
    }
}

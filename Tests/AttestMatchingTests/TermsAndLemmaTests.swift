import Foundation
import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// `terms:` and `lemma:` (docs/rules.md, "Match expressions" and "Inflections").
final class TermsAndLemmaTests: XCTestCase, OneRulePackTesting {
    /// The matched words of every span, with the sub-expression that matched them.
    private func spans(_ rule: Rule, _ text: String) -> [String] {
        RuleSet([rule]).matches(in: text).flatMap(\.spans).map { span in
            "\(String(decoding: Array(text.utf8)[span.start..<span.end], as: UTF8.self)) <- \(span.by)"
        }
    }

    private let at = { (line: Int, column: Int) in SourceLocation(path: "x.yaml", line: line, column: column) }

    // MARK: terms

    func testTermsIsAnyOfItsPhrases() throws {
        let r = try rule(#"{terms: ["human rights", fundamental freedoms]}"#)
        XCTAssertEqual(r.match, .any([.phrase("human rights", at(8, 21)), .phrase("fundamental freedoms", at(8, 37))], at(8, 12)))
        XCTAssertEqual(spans(r, "We defend fundamental freedoms and Human Rights."),
                       ["fundamental freedoms <- phrase \"fundamental freedoms\"", "Human Rights <- phrase \"human rights\""])
        XCTAssertEqual(spans(r, "We defend freedom of the press."), [])
    }

    func testTermsRefusesAnItemThatIsNotAPhrase() {
        let (rule, diagnostics) = parse(#"{terms: [respect, {lemma: comply}]}"#)
        XCTAssertEqual(diagnostics, ["x.yaml:8:30: error: expected a phrase"])
        XCTAssertNil(rule)
    }

    func testTermsRefusesANestedList() {
        XCTAssertEqual(parse(#"{terms: [respect, [comply, uphold]]}"#).1, ["x.yaml:8:30: error: expected a phrase"])
    }

    func testTermsRefusesAPhraseWithoutLettersOrDigits() {
        XCTAssertEqual(parse(#"{terms: [respect, "--"]}"#).1, ["x.yaml:8:30: error: phrase '--' has no letters or digits"])
    }

    func testTermsNeedsANonEmptyList() {
        XCTAssertEqual(parse("{terms: []}").1, ["x.yaml:8:20: error: 'terms' takes a non-empty list of phrases"])
        XCTAssertEqual(parse("{terms: respect}").1, ["x.yaml:8:20: error: 'terms' takes a non-empty list of phrases"])
    }

    // MARK: Lemmas.forms

    func testFormsOfATableWordIncludeDerivedNounsAndAdjectives() {
        XCTAssertEqual(Lemmas.forms(of: "comply"), ["comply", "complies", "complied", "complying", "compliance", "compliant"])
        XCTAssertEqual(Lemmas.forms(of: "freeze"), ["freeze", "freezes", "froze", "frozen", "freezing"])
    }

    func testFormsAreLookedUpLowercased() {
        XCTAssertEqual(Lemmas.forms(of: "Comply"), Lemmas.forms(of: "comply"))
    }

    func testRegularFormsOfAWordNotInTheTable() {
        XCTAssertEqual(Lemmas.forms(of: "border"), ["border", "borders", "bordered", "bordering"])
    }

    func testRegularFormsOfAConsonantPlusY() {
        XCTAssertEqual(Lemmas.forms(of: "deny"), ["deny", "denies", "denied", "denying"])
    }

    func testRegularFormsOfAVowelPlusYKeepTheY() {
        XCTAssertEqual(Lemmas.forms(of: "play"), ["play", "plays", "played", "playing"])
    }

    func testRegularFormsDropAFinalE() {
        XCTAssertEqual(Lemmas.forms(of: "secure"), ["secure", "secures", "secured", "securing"])
    }

    func testRegularFormsAfterSibilantsTakeEs() {
        XCTAssertEqual(Lemmas.forms(of: "tax"), ["tax", "taxes", "taxed", "taxing"])
        XCTAssertEqual(Lemmas.forms(of: "reach"), ["reach", "reaches", "reached", "reaching"])
        XCTAssertEqual(Lemmas.forms(of: "push"), ["push", "pushes", "pushed", "pushing"])
    }

    func testAWordWithoutLettersHasNoOtherForms() {
        XCTAssertEqual(Lemmas.forms(of: "2482"), ["2482"])
        XCTAssertEqual(Lemmas.forms(of: "a"), ["a"])
    }

    // MARK: lemma rules

    func testLemmaIsParsedWithTheWordsPlace() throws {
        XCTAssertEqual(try rule("{lemma: comply}").match, .lemma("comply", at(8, 20)))
    }

    func testLemmaMatchesTableForms() throws {
        let r = try rule("{lemma: comply}")
        XCTAssertEqual(spans(r, "Their compliance is total. They are compliant. She complied. It complies."), [
            "compliance <- lemma \"comply\" → \"compliance\"",
            "compliant <- lemma \"comply\" → \"compliant\"",
            "complied <- lemma \"comply\" → \"complied\"",
            "complies <- lemma \"comply\" → \"complies\"",
        ])
        XCTAssertEqual(spans(r, "They complain about compliancy."), [])
    }

    func testLemmaMatchesRegularFormsOfAWordNotInTheTable() throws {
        let r = try rule("{lemma: border}")
        XCTAssertEqual(spans(r, "Borders matter. The sea bordered it. Bordering States met. A border closed."), [
            "Borders <- lemma \"border\" → \"borders\"",
            "bordered <- lemma \"border\" → \"bordered\"",
            "Bordering <- lemma \"border\" → \"bordering\"",
            "border <- lemma \"border\" → \"border\"",
        ])
        XCTAssertEqual(spans(r, "That is borderline."), [], "whole words only")
    }

    func testLemmaOfAConsonantPlusYAndOfAFinalE() throws {
        XCTAssertEqual(spans(try rule("{lemma: deny}"), "He denies it. They denied it."),
                       ["denies <- lemma \"deny\" → \"denies\"", "denied <- lemma \"deny\" → \"denied\""])
        XCTAssertEqual(spans(try rule("{lemma: secure}"), "Securing borders. Borders secured."),
                       ["Securing <- lemma \"secure\" → \"securing\"", "secured <- lemma \"secure\" → \"secured\""])
        XCTAssertEqual(spans(try rule("{lemma: secure}"), "They are secureing it."), [])
    }

    func testMultiWordLemmaInflectsTheFirstWord() throws {
        let r = try rule(#"{lemma: "comply with"}"#)
        XCTAssertEqual(spans(r, "The State complies with the law. Its compliance with the law is total."), [
            "complies with <- lemma \"comply with\" → \"complies with\"",
            "compliance with <- lemma \"comply with\" → \"compliance with\"",
        ])
        XCTAssertEqual(spans(r, "They comply withs the law."), [], "the last word is not inflected")
        XCTAssertEqual(spans(r, "It complies fully with the law."), [], "the words stay together")
    }

    func testLemmaWrittenWithCapitalsAndTypographyIsFolded() throws {
        let r = try rule("{lemma: \"Counter\u{2011}Terrorism\"}")
        XCTAssertEqual(spans(r, "They are countering terrorism."),
                       ["countering terrorism <- lemma \"Counter\u{2011}Terrorism\" → \"countering terrorism\""])
    }

    func testLemmaWithoutLettersIsRefused() {
        XCTAssertEqual(parse(#"{lemma: "--"}"#).1, ["x.yaml:8:20: error: phrase '--' has no letters or digits"])
    }

    func testLemmaTakesAWordNotAList() {
        XCTAssertEqual(parse("{lemma: [comply, uphold]}").1, ["x.yaml:8:20: error: expected a word to inflect"])
    }
}

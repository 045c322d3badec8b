import Foundation
import AttestTestSupport
import AttestModel
import XCTest
import AttestRules
import AttestText
@testable import AttestMatching

/// Texts and packs written to make the matcher take time or memory out of proportion to them
/// (issue 18): each test is named after the defect it guards.
final class HostileInputTests: XCTestCase {
    typealias Random = SplitMix64
    private let at = SourceLocation(path: "h.yaml", line: 1, column: 1)

    private func rule(_ match: MatchExpression, scope: Rule.Scope = .sentence) -> Rule {
        Rule(id: "r", title: "R", scope: scope, match: match, location: at, pack: "p")
    }

    // MARK: item 1, `near` over one long unit

    /// Guards issue 18 item 1: `near` paired every hit of one side with every hit of the other in
    /// a unit, so one sentence of "We respect human rights " × 80,000 took 20 s (quadratic).
    func testNearOverOneLongUnitTakesLinearTime() {
        // the shipped references-human-rights-compliance, in short
        let near = MatchExpression.near(.any([.phrase("respect", at), .phrase("respects", at)], at),
                                        .any([.phrase("human rights", at), .phrase("fundamental freedoms", at)], at),
                                        within: 8, ordered: false, at)
        let set = RuleSet([rule(near)])
        let small = String(repeating: "We respect human rights ", count: 3_000)
        let large = String(repeating: "We respect human rights ", count: 12_000)
        XCTAssertEqual(set.matches(in: small).first?.spans.count, 6_000)
        let ratio = Scaling.ratio(small: { _ = set.matches(in: small) }, large: { _ = set.matches(in: large) })
        XCTAssertLessThan(ratio, 8, "4× the text took \(ratio)× the time")
    }

    /// The windowed `near` finds exactly the hits of pairing every hit with every hit.
    func testNearFindsEveryPairWithinReach() {
        var rng = Random(state: 18)
        // the two sides' labels, "a" and "b"
        let labels = [CompiledRule.Label(text: "a", at: "x", index: 0), CompiledRule.Label(text: "b", at: "x", index: 1)]
        func hit(_ lo: Int, _ length: Int, _ label: Int32) -> CompiledRule.Hit {
            CompiledRule.Hit(start: lo, end: lo + length, label: label, words: lo..<(lo + length))
        }
        for _ in 0..<2_000 {
            let xs = (0..<rng.below(8)).map { _ in hit(rng.below(30), rng.below(4), 0) }
            let ys = (0..<rng.below(8)).map { _ in hit(rng.below(30), rng.below(4), 1) }
            let within = rng.below(6), ordered = rng.below(2) == 0
            // the reference: every pair
            var expected: [CompiledRule.Hit] = []
            for p in xs {
                for q in ys {
                    let gap: Int
                    if q.words.lowerBound >= p.words.upperBound { gap = q.words.lowerBound - p.words.upperBound }
                    else if !ordered, p.words.lowerBound >= q.words.upperBound { gap = p.words.lowerBound - q.words.upperBound }
                    else { continue }
                    if gap <= within { expected += [p, q] }
                }
            }
            let got = CompiledRule.near(xs, ys, within: within, ordered: ordered)
            XCTAssertEqual(CompiledRule.sorted(got, labels: labels), CompiledRule.sorted(expected, labels: labels), "xs \(xs.map(\.words)), ys \(ys.map(\.words)), within \(within), ordered \(ordered)")
            XCTAssertLessThanOrEqual(got.count, xs.count + ys.count, "each hit once")
        }
    }

    // MARK: item 3, long phrases

    /// Guards issue 18 item 3: the trie was walked from every word as deep as the text followed a
    /// phrase, so a phrase of 1,000 words against a statement of a million took 4.6 s (phrase length
    /// × text length). Now 16× the phrase length takes about the same time, and 4× the text 4×.
    func testLongPhraseIsFoundInTimeLinearInTheText() {
        func set(_ length: Int) -> RuleSet {
            RuleSet([rule(.phrase(String(repeating: "a ", count: length - 1) + "b", at), scope: .statement)])
        }
        let short = set(100), long = set(1_600)
        XCTAssertGreaterThan(long.automaton.maxPhraseLength, PhraseAutomaton.walkDepth)
        let text = String(repeating: "a ", count: 100_000) + "b"
        XCTAssertEqual(long.matches(in: text).first?.spans.first?.start, 2 * (100_000 - 1_599))
        let byPhrase = Scaling.ratio(small: { _ = short.matches(in: text) }, large: { _ = long.matches(in: text) })
        XCTAssertLessThan(byPhrase, 4, "16× the phrase took \(byPhrase)× the time")
        let small = String(repeating: "a ", count: 25_000) + "b"
        let byText = Scaling.ratio(small: { _ = long.matches(in: small) }, large: { _ = long.matches(in: text) })
        XCTAssertLessThan(byText, 8, "4× the text took \(byText)× the time")
    }

    /// The failure-link scan finds what comparing every phrase at every word finds, on a
    /// two-word alphabet where phrases nest, overlap and repeat.
    func testScanWithLongPhrasesFindsWhatTheWalkFinds() {
        var rng = Random(state: 3)
        for _ in 0..<500 {
            var automaton = PhraseAutomaton()
            for _ in 0..<(1 + rng.below(6)) {
                _ = automaton.add((0..<(1 + rng.below(rng.below(3) == 0 ? 24 : 4))).map { _ in rng.pick(["a", "b"]) })
            }
            let ids = (0..<rng.below(80)).map { _ in Int32(rng.below(3)) - 1 }.map { $0 < 0 ? $0 : automaton.id(ofWord: ["a", "b"][Int($0)]) }
            XCTAssertEqual(automaton.scanWithLinks(ids: ids), automaton.walk(ids: ids))
        }
    }

    // MARK: item 17, invisible characters

    /// Guards issue 18 item 17: a soft hyphen, zero-width space, joiner, non-joiner, word joiner,
    /// byte order mark or bidi control inside a word hid a phrase from every rule.
    func testInvisibleCharactersDoNotHideAPhrase() {
        let set = RuleSet([rule(.phrase("human rights", at), scope: .statement)])
        for c in ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{202E}", "\u{2066}"] {
            let text = "We respect hu\(c)man righ\(c)ts\(c)."
            let spans = set.matches(in: text).first?.spans ?? []
            XCTAssertEqual(spans.count, 1, c.debugDescription)
            // the span is offsets into the original text, from "hu" to "ts", invisible characters included
            let width = c.utf8.count
            XCTAssertEqual(spans.first.map { [$0.start, $0.end] }, [11, 11 + 12 + 2 * width], c.debugDescription)
            XCTAssertEqual(spans.first.map { text.utf8Slice($0.start..<$0.end) }, "hu\(c)man righ\(c)ts", c.debugDescription)
        }
        // a phrase written with one in a rule is the same phrase
        let written = RuleSet([rule(.phrase("hu\u{00AD}man rights", at), scope: .statement)])
        XCTAssertEqual(written.matches(in: "human rights").count, 1)
    }

    // MARK: item 7, large vocabularies

    /// Guards issue 18 item 7 (found with it): the literals of a choice were gathered into a new
    /// set per alternative, so a rule referring to a vocabulary of n terms compiled in n²/2 steps
    /// (50,000 terms: minutes). 4× the terms now take about 4× the time.
    func testLargeChoiceCompilesInLinearTime() {
        func choice(_ n: Int) -> Rule { rule(.vocabulary("v", (0..<n).map { .phrase("t\($0)", at) }, at)) }
        let small = choice(4_000), large = choice(16_000)
        let ratio = Scaling.ratio(small: { _ = RuleSet([small]) }, large: { _ = RuleSet([large]) })
        XCTAssertLessThan(ratio, 8, "4× the terms took \(ratio)× the time")
    }

    // MARK: item 6, nested `all`

    private func nestedAll(depth: Int) -> MatchExpression {
        var e = MatchExpression.phrase("last", at)
        for i in 0..<depth { e = .all([e, .phrase("w\(i)", at)], at) }
        return e
    }

    /// Guards issue 18 item 6: the trigger of an `all` was computed twice per level, so a rule of
    /// `all` nested 24 deep took a second to compile and 30 deep over 30 s (2^depth).
    func testNestedAllCompilesInLinearTime() {
        let small = rule(nestedAll(depth: 12)), large = rule(nestedAll(depth: 24))
        let ratio = Scaling.ratio(small: { for _ in 0..<200 { _ = RuleSet([small]) } },
                                  large: { for _ in 0..<200 { _ = RuleSet([large]) } })
        XCTAssertLessThan(ratio, 6, "2× the depth took \(ratio)× the time")
        // and the deepest a pack may nest compiles and matches
        let deepest = RuleSet([rule(nestedAll(depth: RuleLoader.Limits().maxDepth))])
        let text = "last " + (0..<64).map { "w\($0)" }.joined(separator: " ")
        XCTAssertEqual(deepest.matches(in: text).count, 1)
    }
}

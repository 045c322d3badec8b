import XCTest
import AttestRules
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// `PhraseAutomaton` (one trie for every phrase of every rule) and the triggers by which `RuleSet`
/// skips rules whose literals a text does not contain.
final class PhraseAutomatonTests: XCTestCase {
    /// Folded words and ways of writing each: case, precomposed and combining diacritics.
    static let surfaces: [String: [String]] = [
        "cote": ["Côte", "cote", "CÔTE", "Co\u{0302}te"],
        "d": ["d", "D"],
        "ivoire": ["Ivoire", "ivoire", "IVOIRE"],
        "counter": ["counter", "Counter", "COUNTER"],
        "terrorism": ["terrorism", "Terrorism"],
        "etats": ["États", "etats", "ÉTATS", "E\u{0301}tats"],
        "human": ["human", "Human"],
        "rights": ["rights", "RIGHTS"],
        "naive": ["naïve", "NAÏVE", "naive"],
        "cafe": ["café", "CAFÉ", "cafe\u{0301}"],
        "no": ["no", "No"],
    ]
    static let vocabulary = surfaces.keys.sorted()
    /// What may stand between two words: spaces (U+00A0 included), hyphens (U+2011 included),
    /// straight and curly apostrophes, dashes, punctuation.
    static let separators = [" ", "  ", "\u{00A0}", "\u{2011}", "-", "’", "'", ", ", " — ", "\u{00A0}\u{2011}", " (", ") ", ". ", "; "]

    private func render(_ words: [String], _ rng: inout SplitMix64) -> String {
        var text = rng.below(4) == 0 ? rng.pick(["“", "(", "‘"]) : ""
        for (i, w) in words.enumerated() {
            if i > 0 { text += rng.pick(Self.separators) }
            text += rng.pick(Self.surfaces[w]!)
        }
        return text + (rng.below(2) == 0 ? rng.pick([".", "’", "”", "!", ")"]) : "")
    }

    private func describe(_ hits: [PhraseAutomaton.Hit]) -> [String] {
        hits.map { "\($0.phrase)@\($0.words.lowerBound)..<\($0.words.upperBound)" }
    }

    /// Every occurrence of every phrase, found by comparing every position with every phrase.
    private func naiveHits(_ words: [String], _ phrases: [[String]: Int32]) -> [PhraseAutomaton.Hit] {
        var hits: [PhraseAutomaton.Hit] = []
        for start in words.indices {
            for (phrase, id) in phrases where start + phrase.count <= words.count && Array(words[start..<(start + phrase.count)]) == phrase {
                hits.append(PhraseAutomaton.Hit(phrase: id, words: start..<(start + phrase.count)))
            }
        }
        return hits.sorted { ($0.words.lowerBound, $0.words.upperBound) < ($1.words.lowerBound, $1.words.upperBound) }
    }

    func testScanFindsExactlyWhatANaiveMatcherFinds() {
        let seed: UInt64 = 0x4174_7465_7374 // "Attest"
        var rng = SplitMix64(state: seed)
        var hits = 0, overlapping = 0
        for n in 0..<400 {
            let textWords = (0..<rng.below(30)).map { _ in rng.pick(Self.vocabulary) }
            let text = render(textWords, &rng)
            let textTokens = TextAnalysis(text).words
            guard textTokens.map(\.folded) == textWords else {
                XCTFail("case \(n) of seed \(seed): \(text.debugDescription) folds to \(textTokens.map(\.folded)), not \(textWords)")
                return
            }
            var automaton = PhraseAutomaton()
            var phrases: [[String]: Int32] = [:]
            for _ in 0..<(1 + rng.below(8)) {
                var words: [String]
                if !textWords.isEmpty && rng.below(2) == 0 {
                    // a stretch of the text, so that hits overlap and nest
                    let start = rng.below(textWords.count)
                    words = Array(textWords[start..<min(textWords.count, start + 1 + rng.below(4))])
                } else {
                    words = (0..<(1 + rng.below(3))).map { _ in rng.pick(Self.vocabulary) }
                }
                if rng.below(3) == 0, words.count > 1 { words.removeLast() } // sometimes shorter, so that phrases nest
                let written = render(words, &rng)
                let folded = TextAnalysis(written).words.map(\.folded)
                guard folded == words else {
                    XCTFail("case \(n) of seed \(seed): phrase \(written.debugDescription) folds to \(folded), not \(words)")
                    return
                }
                let count = automaton.phraseCount
                let id = automaton.add(folded)
                if let known = phrases[words] {
                    XCTAssertEqual(id, known, "case \(n): the same words twice get the same id")
                    XCTAssertEqual(automaton.phraseCount, count, "case \(n): the same words twice are one phrase")
                } else {
                    XCTAssertEqual(id, Int32(count), "case \(n): ids are given in order")
                    phrases[words] = id
                }
            }
            let reference = naiveHits(textWords, phrases)
            hits += reference.count
            overlapping += zip(reference, reference.dropFirst()).filter { $0.words.upperBound > $1.words.lowerBound }.count
            let expected = describe(reference)
            let actual = describe(automaton.scan(textTokens))
            if actual != expected {
                XCTFail("case \(n) of seed \(seed): text \(text.debugDescription), phrases \(phrases): \(actual) != \(expected)")
                return
            }
            // the scan for packs with long phrases (failure links) finds the same, prepared or not
            let ids = textTokens.map { automaton.id(ofWord: $0.folded) }
            var prepared = automaton
            prepared.prepare()
            XCTAssertEqual(describe(automaton.scanWithLinks(ids: ids)), expected, "case \(n) of seed \(seed), by failure links")
            XCTAssertEqual(describe(prepared.scanWithLinks(ids: ids)), expected, "case \(n) of seed \(seed), by prepared failure links")
        }
        // the generator must produce the cases the test is about
        XCTAssertGreaterThan(hits, 1000)
        XCTAssertGreaterThan(overlapping, 100)
    }

    func testNestedAndOverlappingPhrasesAreAllReportedByStartThenLength() {
        var automaton = PhraseAutomaton()
        let hr = automaton.add(["human", "rights"])
        let hrc = automaton.add(["human", "rights", "council"])
        let r = automaton.add(["rights"])
        let rc = automaton.add(["rights", "council"])
        XCTAssertEqual([hr, hrc, r, rc], [0, 1, 2, 3])
        XCTAssertEqual(automaton.scan(TextAnalysis("The Human Rights Council met.").words), [
            PhraseAutomaton.Hit(phrase: hr, words: 1..<3),
            PhraseAutomaton.Hit(phrase: hrc, words: 1..<4),
            PhraseAutomaton.Hit(phrase: r, words: 2..<3),
            PhraseAutomaton.Hit(phrase: rc, words: 2..<4),
        ])
    }

    func testOverlappingOccurrencesOfOnePhrase() {
        var automaton = PhraseAutomaton()
        let id = automaton.add(["no", "no"])
        XCTAssertEqual(automaton.scan(TextAnalysis("No, no, no.").words),
                       [PhraseAutomaton.Hit(phrase: id, words: 0..<2), PhraseAutomaton.Hit(phrase: id, words: 1..<3)])
    }

    func testSamePhraseAddedTwiceGetsTheSameID() {
        var automaton = PhraseAutomaton()
        let first = automaton.add(TextAnalysis("Côte d’Ivoire").words.map(\.folded))
        let other = automaton.add(["cote"])
        let second = automaton.add(TextAnalysis("COTE\u{00A0}D'IVOIRE").words.map(\.folded))
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, other)
        XCTAssertEqual(automaton.phraseCount, 2)
    }

    func testEmptyTextHasNoHits() {
        var automaton = PhraseAutomaton()
        _ = automaton.add(["terrorism"])
        XCTAssertEqual(automaton.scan([]), [])
    }

    // MARK: triggers

    private let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

    private func rule(_ id: String, _ match: MatchExpression) -> Rule {
        Rule(id: id, title: id, match: match, location: here, pack: "p")
    }

    func testRuleWhoseTriggerPhraseIsAbsentIsNotEvaluated() throws {
        let set = RuleSet([rule("r", .all([.phrase("terrorism", here), .not(.phrase("crime", here), here)], here))])
        let trigger = try XCTUnwrap(set.rules[0].trigger)
        XCTAssertEqual(trigger.phrases, [0], "\"terrorism\" is the literal the rule needs; \"crime\" is under a not")
        XCTAssertFalse(trigger.citations)
        XCTAssertFalse(trigger.isSatisfied(by: set.analyse("Crime grows. Nothing else.")))
        XCTAssertEqual(set.matches(in: "Crime grows. Nothing else."), [])
        XCTAssertTrue(trigger.isSatisfied(by: set.analyse("Terrorism grows.")))
        XCTAssertEqual(set.matches(in: "Terrorism grows.").count, 1)
    }

    func testRulesSharingAPhraseShareItsID() throws {
        let set = RuleSet([rule("a", .phrase("human rights", here)), rule("b", .phrase("Human\u{00A0}Rights", here))])
        XCTAssertEqual(set.automaton.phraseCount, 1)
        XCTAssertEqual(try XCTUnwrap(set.rules[0].trigger).phrases, try XCTUnwrap(set.rules[1].trigger).phrases)
        XCTAssertEqual(set.matches(in: "We defend human rights.").map(\.ruleID), ["a", "b"])
    }

    func testRuleWithTopLevelNotIsAlwaysEvaluated() {
        let set = RuleSet([rule("r", .not(.phrase("terrorism", here), here))])
        XCTAssertNil(set.rules[0].trigger)
        XCTAssertEqual(set.matches(in: "Crime grows. Terrorism too. Peace."), [
            RuleMatch(ruleID: "r", unitStart: 0, unitEnd: 12, spans: []),
            RuleMatch(ruleID: "r", unitStart: 28, unitEnd: 34, spans: []),
        ])
    }

    /// The regexes run before the rules (one RE2 set for all of them), so a regex's matches are
    /// evidence like a phrase's: a rule is evaluated only where one of them occurs.
    func testAnyWithARegexIsEvaluatedWhereThePhraseOrTheRegexMatches() throws {
        let set = RuleSet([rule("r", .any([.phrase("terrorism", here), .regex(#"kidnap\w*"#, here)], here))])
        let trigger = try XCTUnwrap(set.rules[0].trigger)
        XCTAssertEqual(trigger.phrases, [0])
        XCTAssertEqual(trigger.regexes, [0])
        XCTAssertFalse(trigger.isSatisfied(by: set.analyse("Crime grows.")))
        XCTAssertEqual(set.matches(in: "Kidnapping grows.").flatMap(\.spans).map { "\($0.start)..<\($0.end)" }, ["0..<10"])
    }

    func testNearNeedsOnlyOneSidesLiterals() throws {
        let set = RuleSet([rule("r", .near(.regex(#"kidnap\w*"#, here), .phrase("ransom", here), within: 2, ordered: false, here))])
        XCTAssertEqual(try XCTUnwrap(set.rules[0].trigger).regexes, [0])
        XCTAssertEqual(try XCTUnwrap(set.rules[0].trigger).phrases, [])
        XCTAssertEqual(set.matches(in: "Kidnapping for ransom grows.").count, 1)
    }

    func testAnyOfACitationAndAPhraseIsEvaluatedWhenOnlyTheCitationIsThere() throws {
        let set = RuleSet([rule("r", .any([.citation(resolution: 2482, year: nil, here), .phrase("nexus", here)], here))])
        let trigger = try XCTUnwrap(set.rules[0].trigger)
        XCTAssertTrue(trigger.citations)
        XCTAssertEqual(trigger.phrases, [0])
        XCTAssertEqual(set.matches(in: "We implement resolution 2482.").count, 1)
        XCTAssertEqual(set.matches(in: "We implement the plan.").count, 0)
    }

    func testSymbolRuleIsEvaluatedWhenTheTextHasASymbol() throws {
        let set = RuleSet([rule("r", .symbol("S/2020/754", here))])
        let trigger = try XCTUnwrap(set.rules[0].trigger)
        XCTAssertTrue(trigger.symbols)
        XCTAssertFalse(trigger.isSatisfied(by: set.analyse("No document here.")))
        XCTAssertEqual(set.matches(in: "See S/2020/754.").count, 1)
    }
}

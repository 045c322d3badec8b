import Foundation
import XCTest
import AttestRules
import AttestText
@testable import AttestMatching
import AttestModel
import AttestTestSupport

/// The matcher's fast paths against the slow, obvious code they replace, on randomised inputs:
/// the byte-level word scan against `WordTokenizer.tokens`, and `RuleSet` (phrase index, plain
/// rules evaluated from the hits, label numbers) against evaluating every rule's compiled
/// expression on every text.
final class FastPathEquivalenceTests: XCTestCase {
    typealias Random = SplitMix64

    /// Pieces of text: ASCII, precomposed and combining diacritics, ligatures, dotted capitals,
    /// non-Latin scripts, numerals of other systems, fullwidth forms, emoji, every kind of space,
    /// hyphen, apostrophe and quote, and the invisible characters a word goes on through (soft
    /// hyphen, zero-width space, non-joiner and joiner, word joiner, byte order mark, bidi controls).
    static let pieces = [
        "human", "Rights", "COUNTER", "terrorism", "2482", "no", "not", "Not", "only", "failed", "to", "lack", "of", "resolution",
        "Côte", "d’Ivoire", "E\u{0301}tats", "naïve", "ﬁnance", "İstanbul", "STRASSE", "straße", "Ωmega", "Привет", "مرحبا", "שלום",
        "٣٤", "Ⅻ", "ＡＢＣ", "日本語", "👍🏽", "e\u{0301}\u{0327}", "x\u{200D}y",
        " ", "  ", "\u{00A0}", "\u{2011}", "-", "’", "'", "\"", "“", "”", ", ", ". ", "? ", "! ", "\n", "\n\n", "\t", "(", ")", "/", "—", "\u{0301}",
        "\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200F}",
        "hu\u{00AD}man", "RIGHTS\u{200B}", "\u{FEFF}E\u{0301}\u{200D}tats",
    ]

    private func randomText(_ rng: inout Random, pieces: [String] = pieces, length: Int = 30) -> String {
        (0..<rng.below(length)).map { _ in rng.pick(pieces) }.joined()
    }

    /// The matcher's words (offsets and word ids, read from the bytes) are `WordTokenizer.tokens`'
    /// words, looked up by their folded form.
    /// The byte scan's words and ids are `WordTokenizer`'s words looked up in the automaton;
    /// asserts, and returns false on the first text where they differ.
    func scanAgreesWithTokenizer(_ text: String, _ automaton: PhraseAutomaton, file: StaticString = #filePath,
                                 line: UInt = #line) -> Bool {
        var copy = text
        let scan = copy.withUTF8 { WordScan($0, table: automaton.words) }
        let got = zip(zip(scan.starts, scan.ends), scan.ids).map { "\($0.0)-\($0.1):\($1)" }
        let expected = WordTokenizer.tokens(text).map { "\($0.start)-\($0.end):\(automaton.id(ofWord: $0.folded))" }
        XCTAssertEqual(got, expected, "text: \(text.debugDescription)", file: file, line: line)
        return got == expected
    }

    func testByteScanFindsTheWordsOfTokens() {
        var rng = Random(state: 2482)
        var automaton = PhraseAutomaton()
        // a vocabulary with words of every kind, folded as the tokenizer folds them
        for piece in Self.pieces + ["a" + String(repeating: "b", count: 70)] {
            for w in WordTokenizer.tokens(piece) { _ = automaton.add([w.folded]) }
        }
        for _ in 0..<3_000 {
            var text = randomText(&rng)
            if rng.below(20) == 0 { text += " A" + String(repeating: "B", count: 70) + " " }
            if !scanAgreesWithTokenizer(text, automaton) { return }
        }
    }

    /// Words of 1 to 70 letters, in the table and not (the same first eight letters, one letter
    /// more or less), after longer words (whose letters are left in the scan's buffer), are found
    /// as `WordTokenizer` finds them: the table's prefix, read as one masked load, never sees
    /// another word's letters, and a word past the 64-byte buffer is looked up from the text.
    func testWordsAroundThePrefixAndBufferLengthsGetTheirIds() {
        var rng = Random(state: 64)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word(_ n: Int, _ seed: Int) -> String { String((0..<n).map { letters[($0 * 7 + seed) % 26] }) }
        var automaton = PhraseAutomaton()
        var candidates: [String] = []
        for n in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 70] {
            _ = automaton.add([word(n, 0)])
            candidates += [word(n, 0), word(n, 1), word(n, 0) + "q", String(word(n, 0).dropLast()) + "z", word(n, 0).uppercased()]
        }
        for _ in 0..<3_000 {
            let text = (0..<rng.below(12)).map { _ in rng.pick(candidates) }.joined(separator: rng.pick([" ", "\u{00A0}", "-", "’", ", "]))
            if !scanAgreesWithTokenizer(text, automaton) { return }
        }
    }

    /// The typographic separators the scan tells without Unicode properties are no word
    /// characters, and a text made of them and words splits into the same words either way.
    func testTypographicSeparatorsAreNotWordCharacters() {
        var listed = 0
        for v in UInt32(0x80)..<0x3000 where WordTokenizer.isTypographicSeparator(v) {
            listed += 1
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertFalse(WordTokenizer.isWordScalar(s), "U+\(String(v, radix: 16, uppercase: true))")
        }
        XCTAssertEqual(listed, 21)
        var automaton = PhraseAutomaton()
        for w in ["resolution", "2482", "women", "s", "peace", "building"] { _ = automaton.add([w]) }
        let text = "«resolution\u{00A0}2482\u{202F}(2019)» women’s peace\u{2011}building — ‘“peace”’…\u{2009}„s‟•‚building‛"
        var copy = text
        let scan = copy.withUTF8 { WordScan($0, table: automaton.words) }
        XCTAssertEqual(zip(scan.starts, scan.ends).map { "\($0)-\($1)" }, WordTokenizer.tokens(text).map { "\($0.start)-\($0.end)" })
        XCTAssertEqual(scan.ids.count, 10)
    }

    /// The radix sort of posting entries gives the comparison sort's order, for short and long
    /// arrays, keys that vary in any field or in none.
    func testPostingEntriesSortAsComparisonSortDoes() {
        var rng = Random(state: 44)
        for round in 0..<300 {
            let n = rng.below(round % 3 == 0 ? 60 : 3_000)
            let rules = 1 + rng.below(round % 5 == 0 ? 1 : 5_000), slots = 1 + rng.below(round % 4 == 0 ? 1 : 40)
            var seen = Set<UInt64>()
            var entries: [PostingEntry] = []
            for _ in 0..<n {
                let e = PostingEntry(rule: rng.below(rules), slot: rng.below(slots), hit: rng.below(1 << 20))
                if seen.insert(e.raw).inserted { entries.append(e) }
            }
            var radix = entries
            PostingEntry.sort(&radix)
            XCTAssertEqual(radix.map(\.raw), entries.sorted().map(\.raw), "round \(round), \(entries.count) entries")
        }
    }

    /// Entries made as the postings path makes them (hit by hit, each hit's postings by rule then
    /// phrase position), sorted on the rule's bytes only, are in the comparison sort's order.
    func testPostingEntriesMadeHitByHitSortOnTheRuleAlone() {
        var rng = Random(state: 15)
        for round in 0..<300 {
            let rules = 1 + rng.below(round % 5 == 0 ? 1 : 5_000), slots = 1 + rng.below(round % 4 == 0 ? 1 : 12)
            // each phrase's postings: distinct (rule, slot), in ascending order
            let postings: [[(rule: Int, slot: Int)]] = (0..<20).map { _ in
                var seen = Set<Int>()
                for _ in 0..<rng.below(round % 3 == 0 ? 3 : 40) { seen.insert(rng.below(rules) * slots + rng.below(slots)) }
                return seen.sorted().map { ($0 / slots, $0 % slots) }
            }
            var entries: [PostingEntry] = []
            for hit in 0..<rng.below(round % 3 == 0 ? 4 : 200) {
                for p in postings[rng.below(postings.count)] { entries.append(PostingEntry(rule: p.rule, slot: p.slot, hit: hit)) }
            }
            var byRule = entries
            PostingEntry.sort(&byRule, orderedBelowBit: PostingEntry.ruleShift)
            XCTAssertEqual(byRule.map(\.raw), entries.sorted().map(\.raw), "round \(round), \(entries.count) entries")
            XCTAssertEqual(byRule.map(\.rule), byRule.map(\.rule).sorted())
        }
    }

    /// Grouping by rule (`PostingEntry.byRule`), counted rule by rule or made hit by hit and
    /// sorted, gives the entries of the hits sorted: each rule's together, in hit order, then
    /// phrase position. Packs of 1 to 5,000 rules take both ways (counted when the rules are not
    /// many more than the entries). An entry written one place off, or a rule's start from
    /// the rules in another order, changes the order.
    func testPostingEntriesGroupedByRuleAreTheSortedEntries() {
        var rng = Random(state: 16)
        var counted = 0, sorted = 0
        for round in 0..<400 {
            let rules = 1 + rng.below(round % 5 == 0 ? 1 : round % 2 == 0 ? 300 : 5_000), slots = 1 + rng.below(round % 4 == 0 ? 1 : 12)
            let postings: [[(rule: Int, slot: Int)]] = (0..<20).map { _ in
                var seen = Set<Int>()
                for _ in 0..<rng.below(round % 3 == 0 ? 3 : 40) { seen.insert(rng.below(rules) * slots + rng.below(slots)) }
                return seen.sorted().map { ($0 / slots, $0 % slots) }
            }
            var bounds: [Int32] = [0], keys: [UInt64] = []
            for list in postings {
                keys += list.map { PostingEntry(rule: $0.rule, slot: $0.slot, hit: 0).raw }
                bounds.append(Int32(keys.count))
            }
            let phrases = (0..<rng.below(round % 3 == 0 ? 4 : 200)).map { _ in Int32(rng.below(postings.count)) }
            var expected: [PostingEntry] = []
            for (hit, p) in phrases.enumerated() {
                for x in postings[Int(p)] { expected.append(PostingEntry(rule: x.rule, slot: x.slot, hit: hit)) }
            }
            expected.sort()
            let grouped = bounds.withUnsafeBufferPointer { b in
                keys.withUnsafeBufferPointer { k in PostingEntry.byRule(phrases: phrases, bounds: b, keys: k, ruleCount: rules) }
            }
            XCTAssertEqual(grouped.map(\.raw), expected.map(\.raw), "round \(round): \(rules) rules, \(expected.count) entries")
            if rules > 16 * expected.count + 1_024 { sorted += 1 } else if !expected.isEmpty { counted += 1 }
        }
        XCTAssertGreaterThan(counted, 100)
        XCTAssertGreaterThan(sorted, 20)
    }

    /// A word longer than the scan's 64-byte buffer is still found, and a word of the table is
    /// found in any case, with any diacritics.
    func testLongWordsAndFoldedWordsGetTheirIds() {
        var automaton = PhraseAutomaton()
        let long = String(repeating: "ab", count: 50)
        let id = automaton.add([long])
        let cote = automaton.add(["cote"])
        var text = "x " + long.uppercased() + " Côte CO\u{0302}TE"
        let scan = text.withUTF8 { WordScan($0, table: automaton.words) }
        XCTAssertEqual(scan.ids, [-1, automaton.id(ofWord: long), automaton.id(ofWord: "cote"), automaton.id(ofWord: "cote")])
        XCTAssertNotEqual(automaton.id(ofWord: long), -1)
        XCTAssertEqual(automaton.scan(ids: scan.ids).map(\.phrase), [id, cote, cote])
    }

    static let vocabulary = ["human", "rights", "counter", "terrorism", "cote", "d", "ivoire", "no", "not", "only", "to", "of",
                             "failed", "lack", "resolution", "etats", "naive"]
    static let surfaces: [String: [String]] = [
        "human": ["human", "Human"], "rights": ["rights", "RIGHTS"], "counter": ["counter", "Counter"], "terrorism": ["terrorism"],
        "cote": ["Côte", "cote", "CO\u{0302}TE"], "d": ["d", "D"], "ivoire": ["Ivoire"], "no": ["no", "No"], "not": ["not"],
        "only": ["only"], "to": ["to"], "of": ["of"], "failed": ["failed"], "lack": ["lack", "Lack"], "resolution": ["resolution"],
        "etats": ["États", "E\u{0301}tats"], "naive": ["naïve", "naive"],
    ]
    static let separators = [" ", " ", " ", "\u{00A0}", "-", "\u{2011}", "’", ", ", ". ", "! ", ".\n\n", "; ", " (", ") "]

    /// Regexes of the random rules: words, numbers, a citation, alternatives, and a pattern that
    /// also matches the empty string.
    static let regexes = [#"resolution\s+\d+"#, #"\bno[t]?\b"#, #"r\w+s"#, #"\d{4}"#, #"(?:human|rights)\W+(?:rights|human)"#,
                          "ivoire", "x?", #"\bnot\s+only"#]

    private func randomPhrase(_ rng: inout Random) -> String {
        (0...rng.below(3)).map { _ in rng.pick(Self.vocabulary) }.joined(separator: " ")
    }

    /// A random expression; `plain` keeps to phrases and choices (what the fast path evaluates).
    private func randomExpression(_ rng: inout Random, plain: Bool, depth: Int = 0) -> MatchExpression {
        let at = SourceLocation(path: "r.yaml", line: 1 + rng.below(40), column: 1 + rng.below(3))
        let choice = depth > 2 ? 0 : rng.below(plain ? 4 : 8)
        switch choice {
        case 0, 1: return .phrase(randomPhrase(&rng), at)
        case 2: return .any((0...rng.below(4)).map { _ in randomExpression(&rng, plain: plain, depth: depth + 1) }, at)
        case 3:
            if rng.below(2) == 0 { return .lemma(rng.pick(["right", "failed human", "counter"]), at) }
            return .vocabulary("v", (0...rng.below(3)).map { _ in .phrase(randomPhrase(&rng), at) }, at)
        case 4: return .all((0...rng.below(2)).map { _ in randomExpression(&rng, plain: plain, depth: depth + 1) }, at)
        case 5: return .near(randomExpression(&rng, plain: plain, depth: depth + 1), randomExpression(&rng, plain: plain, depth: depth + 1),
                             within: rng.below(4), ordered: rng.below(2) == 0, at)
        case 6: return .not(randomExpression(&rng, plain: plain, depth: depth + 1), at)
        default: return rng.below(2) == 0 ? .citation(resolution: 2482, year: nil, at) : .regex(rng.pick(Self.regexes), at)
        }
    }

    private func randomRules(_ rng: inout Random, count: Int) -> [Rule] {
        (0..<count).map { i in
            let plain = rng.below(3) != 0
            let here = SourceLocation(path: "r.yaml", line: i + 1, column: 1)
            // the same phrase twice in one rule, at the same place: equal labels, one span
            var match = randomExpression(&rng, plain: plain)
            if rng.below(5) == 0 { match = .any([match, match], here) }
            // a rule that is one regex (evaluated from its matches)
            if rng.below(6) == 0 { match = .regex(rng.pick(Self.regexes), here) }
            return Rule(id: "r\(i)", title: "R\(i)", scope: rng.pick([.sentence, .paragraph, .statement]),
                        speakers: rng.below(6) == 0 ? [.state] : [], match: match,
                        unless: rng.below(8) == 0 ? .phrase(randomPhrase(&rng), here) : nil,
                        negation: rng.below(2) == 0 ? .allow : .exclude, location: here, pack: "p")
        }
    }

    private func randomStatement(_ rng: inout Random) -> String {
        var text = ""
        for i in 0..<rng.below(40) {
            if i > 0 { text += rng.pick(Self.separators) }
            text += rng.pick(Self.surfaces[rng.pick(Self.vocabulary)]!)
            if rng.below(30) == 0 { text += " resolution 2482 (2019)" }
        }
        return text
    }

    func testRuleSetGivesWhatEveryCompiledExpressionGives() {
        var rng = Random(state: 2019)
        for round in 0..<60 {
            let rules = randomRules(&rng, count: 1 + rng.below(25))
            let set = RuleSet(rules)
            for _ in 0..<40 {
                let text = randomStatement(&rng)
                guard !text.isEmpty else { continue }
                let kind = rng.pick([SpeakerKind.state, .unEntity])
                // the reference: every rule that applies, by its compiled expression, on a text analysed in full
                let full = TextAnalysis(text, automaton: set.automaton, regexes: set.regexes)
                let expected = set.rules.filter { $0.rule.speakers.isEmpty || $0.rule.speakers.contains(kind) }.flatMap { $0.matches(in: full) }
                let fast = set.matches(in: text, speakerKind: kind)
                XCTAssertEqual(fast, expected, "round \(round), text: \(text.debugDescription)")
                if fast != expected { return }
                // the other way to evaluate plain rules (phrase by phrase), used for huge texts
                let byPhrase = set.ruleMatches(set.rawMatches(in: set.analyse(text), including: {
                    set.rules[$0].rule.speakers.isEmpty || set.rules[$0].rule.speakers.contains(kind)
                }, plainPath: .phrases))
                XCTAssertEqual(byPhrase, expected, "phrase by phrase, round \(round), text: \(text.debugDescription)")
                // label numbers name the same sub-expression as the span's text and place
                for m in fast {
                    let r = set.rules.firstIndex { $0.rule.id == m.ruleID }!
                    for s in m.spans {
                        let label = set.label(rule: r, Int(s.label))
                        XCTAssertEqual(label?.by, s.by)
                        XCTAssertEqual(label?.at, s.at)
                    }
                }
            }
        }
    }

    /// Plain rules' spans written straight from the postings (`RuleSet.plainDirect`) are what
    /// collecting and sorting them gives, on random rules (every scope, phrases repeated inside a
    /// rule so that one hit counts for two phrase positions and the direct path must give up) and
    /// random texts of UN typography: the matches and spans compared field by field.
    func testPlainSpansWrittenDirectlyAreTheSortedOnes() {
        var rng = Random(state: 2026)
        var compared = 0
        for round in 0..<60 {
            var rules = randomRules(&rng, count: 1 + rng.below(25))
            // rules whose phrases overlap: a hit of "human rights" is also one of "human" and "rights"
            for (k, phrases) in [["human rights", "human", "rights"], ["rights", "human rights"], ["cote d ivoire", "d ivoire", "cote"],
                                 ["not only", "only", "not"]].enumerated() where rng.below(2) == 0 {
                let here = SourceLocation(path: "r.yaml", line: 100 + k, column: 1)
                rules.append(Rule(id: "o\(k)", title: "O\(k)", scope: rng.pick([.sentence, .paragraph, .statement]), speakers: [],
                                  match: .any(phrases.map { .phrase($0, here) }, here), unless: nil,
                                  negation: rng.below(2) == 0 ? .allow : .exclude, location: here, pack: "p"))
            }
            let set = RuleSet(rules)
            for _ in 0..<40 {
                let text = randomStatement(&rng) + (rng.below(3) == 0 ? ". Human rights\u{00A0}in C\u{00F4}te d\u{2019}Ivoire, not only human rights." : "")
                guard !text.isEmpty else { continue }
                let a = set.analyse(text)
                let direct = set.rawMatches(in: a, including: { _ in true })
                let sorted = set.rawMatches(in: a, including: { _ in true }, plainDirect: false)
                let shape = { (m: RawMatches) in m.matches.map { [Int($0.rule), $0.unitStart, $0.unitEnd, $0.spans.lowerBound, $0.spans.upperBound] } }
                XCTAssertEqual(shape(direct), shape(sorted), "matches, round \(round), text: \(text.debugDescription)")
                XCTAssertEqual(direct.spans, sorted.spans, "spans, round \(round), text: \(text.debugDescription)")
                if direct.spans != sorted.spans || shape(direct) != shape(sorted) { return }
                compared += direct.count
            }
        }
        XCTAssertGreaterThan(compared, 1_000)
    }

    /// A compiled rule's matches are what evaluating its expression on every unit of its scope
    /// gives, with each phrase's hits read from the list of all hits: no trigger choosing the
    /// units, no bits telling which phrases occur (`TextAnalysis.hasPhrase`, `hasAnyPhrase`,
    /// `presentPhrases`), no choice answered without visiting its parts (`RuleProgram`).
    /// Random rules of every kind of expression, sets of up to 25 rules (hundreds of phrases, so
    /// that phrase ids take several words of bits), random texts.
    func testMatchesAreTheExpressionEvaluatedOnEveryUnitWithoutShortcuts() {
        var rng = Random(state: 2482)
        var matched = 0, phrases = 0
        for round in 0..<60 {
            // a vocabulary of 150 phrases first, so that the random rules' phrases have ids past 128
            let here = SourceLocation(path: "r.yaml", line: 1, column: 1)
            let big = MatchExpression.vocabulary("big", (0..<150).map { _ in .phrase(randomPhrase(&rng), here) }, here)
            var rules = randomRules(&rng, count: 1 + rng.below(25))
            rules.insert(Rule(id: "big", title: "Big", scope: .sentence, speakers: [], match: .all([big, .not(.phrase("failed", here), here)], here),
                              unless: nil, negation: .allow, location: here, pack: "p"), at: 0)
            let set = RuleSet(rules)
            phrases = max(phrases, Int(set.rules.flatMap { Self.phraseIDs($0.root) }.max() ?? 0))
            for _ in 0..<40 {
                let text = randomStatement(&rng)
                let a = TextAnalysis(text, automaton: set.automaton, regexes: set.regexes)
                for r in set.rules where r.rule.window <= 1 {
                    var expected: [RuleMatch] = []
                    for unit in a.units(r.scopeUnit) {
                        let words = a.wordRange(unit)
                        guard let hits = Self.reference(r, r.root, a, unit: unit, words: words, negation: r.rule.negation) else { continue }
                        if let u = r.unless, Self.reference(r, u, a, unit: unit, words: words, negation: .allow) != nil { continue }
                        expected.append(RuleMatch(ruleID: r.rule.id, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: r.sorted(hits)))
                    }
                    let found = r.matches(in: a)
                    XCTAssertEqual(found, expected, "round \(round), rule \(r.rule.id), text: \(text.debugDescription)")
                    if found != expected { return }
                    matched += found.count
                }
            }
        }
        XCTAssertGreaterThan(matched, 1_000)
        XCTAssertGreaterThan(phrases, 128)
    }

    /// Rules with sentence windows (2 or 3 sentences, regexes among their parts): on every window,
    /// the program's hits are the tree's, where a window's regex matches are RE2's on the window
    /// alone (the program asks RE2 only when one of the text's matches lies inside the window).
    func testWindowsEvaluateAsTheTreeWithTheirOwnRegexMatches() {
        var rng = Random(state: 8715)
        var windows = 0, regexHits = 0
        for round in 0..<60 {
            let rules = randomRules(&rng, count: 1 + rng.below(12)).map { r in
                Rule(id: r.id, title: r.title, scope: .sentence, window: 2 + rng.below(2), match: rng.below(2) == 0 ? r.match : .any([r.match, .regex(rng.pick(Self.regexes), r.location)], r.location),
                     unless: r.unless, negation: r.negation, location: r.location, pack: "p")
            }
            let set = RuleSet(rules)
            for _ in 0..<20 {
                var text = randomStatement(&rng)
                if rng.below(2) == 0 { text += ". Resolution 2482 (2019) was not only human. " + randomStatement(&rng) }
                let a = TextAnalysis(text, automaton: set.automaton, regexes: set.regexes)
                for r in set.rules {
                    let w = SentenceWindows(r.rule.window, text: text, sentences: a.sentences)
                    for unit in w.units {
                        let words = a.wordRange(unit)
                        let expected = Self.reference(r, r.root, a, unit: unit, words: words, negation: r.rule.negation).map(r.sorted)
                        let found = r.program.evaluate(r.program.match, a, unit: unit, words: words,
                                                       negation: r.rule.negation).map(r.sorted)
                        XCTAssertEqual(found, expected, "round \(round), rule \(r.rule.id), window \(unit), text: \(text.debugDescription)")
                        if found != expected { return }
                        windows += 1
                        regexHits += found?.filter { $0.by.hasPrefix("regex") }.count ?? 0
                    }
                }
            }
        }
        XCTAssertGreaterThan(windows, 10_000)
        XCTAssertGreaterThan(regexHits, 500)
    }

    private static func phraseIDs(_ node: CompiledRule.Node) -> [Int32] {
        if case .phrase(let id, _) = node { return [id] }
        return node.children.flatMap(phraseIDs)
    }

    /// The evaluation of a rule's expression as it was written on the tree before the shortcuts
    /// and the flat program (`RuleProgram`): a phrase's hits filtered from all the text's hits,
    /// every part of a choice visited.
    private static func reference(_ r: CompiledRule, _ node: CompiledRule.Node, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>,
                                  negation: Rule.Negation) -> [CompiledRule.Hit]? {
        switch node {
        case .phrase(let id, let label):
            let all = ArraySlice(a.hits.filter { $0.phrase == id }.map(\.words))
            let hits = TextAnalysis.slice(all, startingIn: words).filter { w in
                w.upperBound <= words.upperBound && (negation == .allow || !a.isNegated(word: w.lowerBound))
            }.map { w in
                CompiledRule.Hit(start: a.wordStarts[w.lowerBound], end: a.wordEnds[w.upperBound - 1], label: label.index, words: w)
            }
            return hits.isEmpty ? nil : hits
        case .any(let parts, _):
            let hits = parts.compactMap { reference(r, $0, a, unit: unit, words: words, negation: negation) }.flatMap { $0 }
            return hits.isEmpty ? nil : hits
        case .all(let parts, _):
            var hits: [CompiledRule.Hit] = []
            for p in parts {
                guard let h = reference(r, p, a, unit: unit, words: words, negation: negation) else { return nil }
                hits += h
            }
            return hits
        case .not(let sub, _):
            return reference(r, sub, a, unit: unit, words: words, negation: negation) == nil ? [] : nil
        case .near(let x, let y, let within, let ordered, _):
            guard let xs = reference(r, x, a, unit: unit, words: words, negation: negation),
                  let ys = reference(r, y, a, unit: unit, words: words, negation: negation) else { return nil }
            let hits = CompiledRule.near(xs, ys, within: within, ordered: ordered)
            return hits.isEmpty ? nil : hits
        case .citation(let number, let year, let label):
            let hits = TextAnalysis.indices(starting: a.citationStarts, in: unit).filter { i in
                let c = a.citations[i]
                return c.start >= unit.lowerBound && c.end <= unit.upperBound && c.resolution == number && (year == nil || c.year == nil || c.year == year)
                    && (negation == .allow || !a.isNegated(word: a.wordRange(a.citationLeads[i]..<c.end).lowerBound))
            }.map { i in
                let c = a.citations[i]
                return CompiledRule.Hit(start: c.start, end: c.end, label: label.index, words: a.wordRange(c.start..<c.end))
            }
            return hits.isEmpty ? nil : hits
        case .symbol(let symbol, let label):
            let hits = a.symbols[TextAnalysis.indices(starting: a.symbolStarts, in: unit)].filter { $0.end <= unit.upperBound && $0.symbol == symbol }
                .map { s in CompiledRule.Hit(start: s.start, end: s.end, label: label.index, words: a.wordRange(s.start..<s.end)) }
                .filter { negation == .allow || !a.isNegated(word: $0.words.lowerBound) }
            return hits.isEmpty ? nil : hits
        case .regex(let slot, let label):
            let found = r.rule.window > 1 ? a.regexHits(slot, in: unit)[...] : TextAnalysis.slice(a.regexHits(slot)[...], startingIn: unit)
            let hits = found.map { w in
                CompiledRule.Hit(start: w.lowerBound, end: w.upperBound, label: label.index, words: a.wordRange(w))
            }.filter { negation == .allow || !a.isNegated(word: $0.words.lowerBound) }
            return hits.isEmpty ? nil : hits
        }
    }
}

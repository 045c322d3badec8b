import AttestModel
import AttestRules
import AttestTestSupport
@testable import AttestMatching
import XCTest

/// Rules with `window: N`: the unit is N consecutive sentences of one paragraph.
final class SentenceWindowTests: XCTestCase, OneRulePackTesting {
    /// Support named in one sentence, its purpose in the next.
    private let supportThenPurpose = """
        match:
          all:
            - any: ["has provided", "will provide"]
            - near: {a: train, b: {any: [terrorism, terrorist groups]}, within: 6}
    """
    private let supportText = "The United Kingdom has provided £5 million to the Sahel region. The funds will train border police to counter terrorist groups."

    /// One law named in one sentence, the other in the next.
    private func lawsNear(within: Int) -> String {
        """
            match:
              near: {a: "respect international humanitarian law", b: "human rights law", within: \(within)}
        """
    }
    private let lawsText = "We call on all parties to respect international humanitarian law. The same applies to human rights law."

    private func matches(_ body: String, window: Int?, _ text: String) throws -> [RuleMatch] {
        let r = try rule(body: (window.map { "    window: \($0)\n" } ?? "") + body)
        return RuleSet([r]).matches(in: text)
    }

    private func slices(_ m: RuleMatch, _ text: String) -> [String] { m.spans.map { text.utf8Slice($0.start..<$0.end) } }

    // MARK: the constructs the window is for

    func testSupportInOneSentenceAndItsPurposeInTheNextMatchWithAWindowOfTwo() throws {
        XCTAssertEqual(try matches(supportThenPurpose, window: nil, supportText), [], "sentence scope cannot see across the full stop")
        let found = try matches(supportThenPurpose, window: 2, supportText)
        XCTAssertEqual(found.count, 1)
        let m = try XCTUnwrap(found.first)
        // the evidence is the two sentences that hold the spans: the start of the first to the end of the second
        XCTAssertEqual(m.unitStart..<m.unitEnd, 0..<supportText.utf8.count)
        XCTAssertEqual(slices(m, supportText), ["has provided", "train", "terrorist groups"])
    }

    func testOneLawInOneSentenceAndTheOtherInTheNextMatchWithAWindowOfTwo() throws {
        XCTAssertEqual(try matches(lawsNear(within: 8), window: nil, lawsText), [])
        let m = try XCTUnwrap(try matches(lawsNear(within: 8), window: 2, lawsText).first)
        XCTAssertEqual(slices(m, lawsText), ["respect international humanitarian law", "human rights law"])
    }

    func testNearCountsTheWordsAcrossTheSentenceBoundary() throws {
        // "law. The same applies to human": four words between, the full stop is not one
        XCTAssertEqual(try matches(lawsNear(within: 4), window: 2, lawsText).count, 1)
        XCTAssertEqual(try matches(lawsNear(within: 3), window: 2, lawsText), [])
    }

    func testAWindowOfTwoDoesNotReachAThirdSentence() throws {
        let text = "We call on all parties to respect international humanitarian law. We met yesterday. The same applies to human rights law."
        XCTAssertEqual(try matches(lawsNear(within: 50), window: 2, text), [])
        XCTAssertEqual(try matches(lawsNear(within: 50), window: 3, text).count, 1)
    }

    // MARK: windows and paragraphs

    func testWindowsNeverCrossAParagraphBreak() throws {
        let text = "The United Kingdom has provided £5 million to the Sahel region.\n\nThe funds will train border police to counter terrorist groups."
        XCTAssertEqual(try matches(supportThenPurpose, window: 5, text), [])
        // nor when the sentence splitter saw no sentence end before the break
        let unpunctuated = "The United Kingdom has provided £5 million to the Sahel region\n\nThe funds will train border police to counter terrorist groups."
        XCTAssertEqual(try matches(supportThenPurpose, window: 2, unpunctuated), [])
    }

    func testTheWindowsOfATextAreRunsOfSentencesInsideEachParagraph() {
        let text = "One a. Two b. Three c.\n\nFour d. Five e."
        let sentences = TextAnalysis(text).sentences
        XCTAssertEqual(sentences.count, 5)
        let units = SentenceWindows(2, text: text, sentences: sentences).units.map { text.utf8Slice($0) }
        XCTAssertEqual(units, ["One a. Two b.", "Two b. Three c.", "Four d. Five e."])
        // a paragraph shorter than the window is one window
        XCTAssertEqual(SentenceWindows(3, text: text, sentences: sentences).units.map { text.utf8Slice($0) }, ["One a. Two b. Three c.", "Four d. Five e."])
        XCTAssertEqual(SentenceWindows(5, text: "Only one.", sentences: TextAnalysis("Only one.").sentences).units, [0..<9])
        XCTAssertEqual(SentenceWindows(2, text: "  ", sentences: TextAnalysis("  ").sentences).units, [0..<2])
        XCTAssertEqual(SentenceWindows(2, text: "", sentences: []).units, [0..<0])
    }

    func testAParagraphShorterThanTheWindowIsOneUnit() throws {
        let m = try XCTUnwrap(try matches(supportThenPurpose, window: 4, supportText).first)
        XCTAssertEqual(m.unitStart..<m.unitEnd, 0..<supportText.utf8.count)
    }

    // MARK: one match, one finding

    func testAMatchInsideOneSentenceIsReportedOnceByTheEarliestWindow() throws {
        // the middle sentence holds the whole match; windows 1–2 and 2–3 both see it: the first
        // reports it, trimmed to the sentence that holds it (its second), not the unrelated first
        let text = "We met today. The United Kingdom has provided funds that will train police against terrorism. Thank you."
        let found = try matches(supportThenPurpose, window: 2, text)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(text.utf8Slice(found[0].unitStart..<found[0].unitEnd), "The United Kingdom has provided funds that will train police against terrorism.")
        // with a window of 3 the three sentences are one window
        let three = try matches(supportThenPurpose, window: 3, text)
        XCTAssertEqual(three.map { text.utf8Slice($0.unitStart..<$0.unitEnd) }, ["The United Kingdom has provided funds that will train police against terrorism."])
        // sentence scope: the sentence itself
        XCTAssertEqual(try matches(supportThenPurpose, window: nil, text).map { text.utf8Slice($0.unitStart..<$0.unitEnd) },
                       ["The United Kingdom has provided funds that will train police against terrorism."])
    }

    func testAWindowWhoseSpansWereAllReportedIsNotReportedAgain() throws {
        // the first sentence matches alone; the window of sentences 1–2 holds the same spans plus
        // nothing new, the window 2–3 holds none of them
        let text = "The United Kingdom has provided funds to train police against terrorism. We thank the briefers. They spoke well."
        let found = try matches(supportThenPurpose, window: 2, text)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(slices(found[0], text), ["has provided", "train", "terrorism"])
    }

    func testAWindowThatAddsASpanIsItsOwnFinding() throws {
        // sentence 2 names the purpose; sentences 1 and 3 each name support: two pairings, two findings
        let text = "The United Kingdom has provided funds. The funds will train police against terrorism. Norway will provide more."
        let found = try matches(supportThenPurpose, window: 2, text)
        XCTAssertEqual(found.map { text.utf8Slice($0.unitStart..<$0.unitEnd) },
                       ["The United Kingdom has provided funds. The funds will train police against terrorism.",
                        "The funds will train police against terrorism. Norway will provide more."])
        XCTAssertEqual(found.map { slices($0, text) }, [["has provided", "train", "terrorism"], ["train", "terrorism", "will provide"]])
    }

    func testNoTwoFindingsOfARuleHaveTheSameSpans() throws {
        // every sentence mentions human rights: each window after the first adds one sentence's span
        let text = (1...6).map { "Sentence \($0) is about human rights." }.joined(separator: " ")
        for window in 2...5 {
            let found = try matches("    match: human rights", window: window, text)
            XCTAssertEqual(Set(found.map(\.spans)).count, found.count, "window \(window)")
            XCTAssertEqual(found.count, 6 - window + 1, "window \(window)")
            // every span of the text is in some finding, and every finding brings one no earlier one had
            var seen = Set<MatchedSpan>()
            for f in found {
                XCTAssertFalse(Set(f.spans).isSubset(of: seen), "window \(window)")
                seen.formUnion(f.spans)
            }
            XCTAssertEqual(seen.count, 6)
        }
    }

    // MARK: evidence: the sentences that hold the spans

    private func units(_ found: [RuleMatch], _ text: String) -> [String] { found.map { text.utf8Slice($0.unitStart..<$0.unitEnd) } }

    func testAMatchInTheSecondSentenceOfAWindowReportsThatSentenceAlone() throws {
        // one paragraph of two sentences is one window; the match lies in its second sentence
        let text = "We thank the briefers for their statements. The United Kingdom has provided funds that will train police against terrorism."
        XCTAssertEqual(units(try matches(supportThenPurpose, window: 2, text), text),
                       ["The United Kingdom has provided funds that will train police against terrorism."])
        // in the last sentence of a window of 5, after four unrelated ones
        let long = "One. Two. Three. Four. The United Kingdom has provided funds that will train police against terrorism."
        XCTAssertEqual(units(try matches(supportThenPurpose, window: 5, long), long),
                       ["The United Kingdom has provided funds that will train police against terrorism."])
    }

    func testAMatchInTheFirstSentenceAloneReportsThatSentence() throws {
        let text = "The United Kingdom has provided funds to train police against terrorism. We thank the briefers. They spoke well."
        for window in 2...4 {
            XCTAssertEqual(units(try matches(supportThenPurpose, window: window, text), text),
                           ["The United Kingdom has provided funds to train police against terrorism."], "window \(window)")
        }
    }

    func testATwoSentenceConstructReportsBothSentencesAndNoOther() throws {
        let text = "We met today. " + supportText + " Thank you, Mr. President. We are done."
        for window in 2...5 {
            let found = try matches(supportThenPurpose, window: window, text)
            XCTAssertEqual(units(found, text), [supportText], "window \(window)")
            XCTAssertEqual(found.map { slices($0, text) }, [["has provided", "train", "terrorist groups"]], "window \(window)")
        }
        // a span across the full stop keeps both sentences it touches
        let regex = "    match: {regex: 'provided[^.]*\\.\\s+The funds'}"
        XCTAssertEqual(units(try matches(regex, window: 3, text), text), [supportText])
        // a match in the first and one in the third of a window of 3: the three sentences
        let spread = "Human rights matter. We met. Human rights are universal. Thank you."
        XCTAssertEqual(units(try matches("    match: human rights", window: 3, spread), spread),
                       ["Human rights matter. We met. Human rights are universal."])
        // findings may overlap (docs/rules.md): sentences 1–3, then 3–4 for the span of sentence 4
        let overlap = "Human rights matter. We met. Human rights are universal. Human rights law applies."
        XCTAssertEqual(units(try matches("    match: human rights", window: 3, overlap), overlap),
                       ["Human rights matter. We met. Human rights are universal.", "Human rights are universal. Human rights law applies."])
    }

    func testARuleWithNotOrUnlessReportsTheWholeWindow() throws {
        // the absence of "loan" (or of the Council) is a claim about the whole window: it stays the unit
        let withNot = """
            match:
              all: ["has provided", {not: loan}]
        """
        let text = "We has provided funds. We thank the Council."
        XCTAssertEqual(units(try matches(withNot, window: 2, text), text), [text])
        let withUnless = """
            match: "has provided"
            unless: "Human Rights Council"
        """
        XCTAssertEqual(units(try matches(withUnless, window: 2, text), text), [text])
        // a `not` deep inside the expression counts as well
        let nested = """
            match:
              any: [terrorism, {all: ["has provided", {any: [funds, {not: loan}]}]}]
        """
        let other = "Thank you. We fight terrorism."
        XCTAssertEqual(units(try matches(nested, window: 2, other), other), [other])
        // the same rule without them: the sentence that holds the span
        XCTAssertEqual(units(try matches("    match: \"has provided\"", window: 2, text), text), ["We has provided funds."])
        let set = RuleSet([try rule(body: "    window: 2\n" + withNot), try rule(body: "    window: 2\n" + supportThenPurpose)])
        XCTAssertEqual(set.rules.map(\.trimsWindows), [false, true])
    }

    func testTrimmedUnitsOffsetsPointIntoTheOriginalTextWithUNTypography() throws {
        let first = "Opening “words” of the\u{00A0}day, ‘as’ agreed."
        let second = "The United\u{00A0}Kingdom has provided £5\u{00A0}million to the Sahel."
        let third = "The “funds” will train counter\u{2011}terrorism units ‘now’."
        let body = Self.providedThenTrain
        let text = first + " " + second + " " + third
        let m = try XCTUnwrap(try matches(body, window: 3, text).first)
        let start = try XCTUnwrap(text.range(of: second))
        XCTAssertEqual(m.unitStart, text.utf8.distance(from: text.startIndex, to: start.lowerBound))
        XCTAssertEqual(m.unitEnd, text.utf8.count)
        XCTAssertEqual(text.utf8Slice(m.unitStart..<m.unitEnd), second + " " + third)
        XCTAssertEqual(slices(m, text), ["has provided", "train", "counter\u{2011}terrorism"])
        // a match inside the third sentence alone, after a paragraph break and U+00A0
        let later = first + "\n\n\u{00A0}We met the\u{00A0}“Council”. " + "The United Kingdom has provided “funds” to train counter\u{2011}terrorism units."
        let n = try XCTUnwrap(try matches(body, window: 2, later).first)
        XCTAssertEqual(later.utf8Slice(n.unitStart..<n.unitEnd), "The United Kingdom has provided “funds” to train counter\u{2011}terrorism units.")
        XCTAssertEqual(n.unitEnd, later.utf8.count)
    }

    /// Random paragraphs of sentences drawn from a small pool, several rules and window sizes:
    /// after trimming no two findings of a rule have the same unit and spans, every span any
    /// window matched is in some finding, and each unit is the sentences that hold its spans.
    func testNoDuplicateFindingsAfterTrimmingAndNoSpanLost() throws {
        let pool = ["Human rights matter.", "We met today.", "The United Kingdom has provided funds.",
                    "The funds will train police against terrorism.", "We will provide more to fight terrorism.",
                    "Thank you.", "Human rights law applies.", "It was not a loan."]
        let bodies = ["    match: human rights",
                      "    match: [terrorism, human rights]",
                      supportThenPurpose,
                      "    match:\n      near: {a: provided, b: terrorism, within: 12}",
                      "    match: {regex: 'funds[^.]*\\.\\s+The'}"]
        var random = SplitMix64(state: 2026)
        var checked = 0
        for _ in 0..<150 {
            let paragraphs = (0..<(1 + random.below(2))).map { _ in (0..<(1 + random.below(6))).map { _ in random.pick(pool) }.joined(separator: " ") }
            let text = paragraphs.joined(separator: "\n\n")
            for body in bodies {
                for window in 2...4 {
                    let r = try rule(body: "    window: \(window)\n" + body)
                    let set = RuleSet([r])
                    let compiled = set.rules[0]
                    let analysis = set.analyse(text)
                    let found = compiled.matches(in: analysis)
                    XCTAssertEqual(set.matches(in: text), found)
                    // the same unit and spans twice, or a finding whose spans earlier ones all had: never
                    var seen = Set<MatchedSpan>()
                    for f in found {
                        XCTAssertFalse(!f.spans.isEmpty && Set(f.spans).isSubset(of: seen), "\(body) window \(window): \(text)")
                        seen.formUnion(f.spans)
                    }
                    // every span matched by any window is in some finding
                    let windows = SentenceWindows(window, text: text, sentences: analysis.sentences)
                    var all = Set<MatchedSpan>()
                    for k in windows.windows.indices {
                        let unit = windows.unit(k)
                        if let hits = compiled.program.evaluate(compiled.program.match, analysis, unit: unit,
                                                                 words: analysis.wordRange(unit), negation: r.negation) {
                            all.formUnion(compiled.sorted(hits))
                        }
                    }
                    XCTAssertEqual(seen, all, "\(body) window \(window): \(text)")
                    // each unit runs from the start of the sentence of its first span to the end of the sentence of its last
                    for f in found {
                        let first = try XCTUnwrap(windows.sentences.last { $0.lowerBound <= f.spans.map(\.start).min()! })
                        let last = try XCTUnwrap(windows.sentences.last { $0.lowerBound < f.spans.map(\.end).max()! })
                        XCTAssertEqual(f.unitStart..<f.unitEnd, first.lowerBound..<last.upperBound, "\(body) window \(window): \(text)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }

    // MARK: every expression over the window

    func testNotAndUnlessSeeTheWholeWindow() throws {
        let body = """
            match:
              all: ["has provided", {not: loan}]
            unless: "Human Rights Council"
        """
        XCTAssertEqual(try matches(body, window: nil, "We has provided funds. It was a loan.").count, 1)
        XCTAssertEqual(try matches(body, window: 2, "We has provided funds. It was a loan."), [])
        XCTAssertEqual(try matches(body, window: 2, "We has provided funds. The Human Rights Council thanks us."), [])
        XCTAssertEqual(try matches(body, window: 2, "We has provided funds. We thank the Council.").count, 1)
    }

    func testCitationsAndLemmasInTheNextSentence() throws {
        let body = """
            match:
              all: [{lemma: implement}, {citation: {resolution: 2482}}]
        """
        let text = "We have adopted resolution 2482 (2019). We are implementing it fully."
        XCTAssertEqual(try matches(body, window: nil, text), [])
        let m = try XCTUnwrap(try matches(body, window: 2, text).first)
        XCTAssertEqual(slices(m, text), ["2482 (2019)", "implementing"])
    }

    func testARegexSeesTheWindowAsOneText() throws {
        let body = "    match: {regex: 'provided[^.]*\\.\\s+The funds'}"
        XCTAssertEqual(try matches(body, window: nil, supportText), [])
        let m = try XCTUnwrap(try matches(body, window: 2, supportText).first)
        XCTAssertEqual(slices(m, supportText), ["provided £5 million to the Sahel region. The funds"])
        // `^` is the start of the window: found once, by the window that starts there
        let anchored = "    match: {regex: '^The funds'}"
        let text = "We met. The funds will train police. Thank you."
        let found = try matches(anchored, window: 2, text)
        XCTAssertEqual(found.map { text.utf8Slice($0.unitStart..<$0.unitEnd) }, ["The funds will train police."])
        XCTAssertEqual(found.flatMap { slices($0, text) }, ["The funds"])
    }

    func testNegationStaysInsideItsSentence() throws {
        // "not" ends with its sentence: it does not negate the first words of the next one
        let text = "We could not agree more. Human rights matter."
        XCTAssertEqual(try matches("    match: human rights", window: 2, text).count, 1)
        XCTAssertEqual(try matches("    match: human rights", window: 2, "We did not respect human rights. Never."), [])
    }

    // MARK: offsets

    /// Support in one sentence, counter-terrorism training in the next (the offset tests' rule).
    static let providedThenTrain = """
        match:
          all:
            - "has provided"
            - near: {a: train, b: counter-terrorism, within: 2}
    """

    func testOffsetsPointIntoTheOriginalTextWithUNTypography() throws {
        let text = "The United\u{00A0}Kingdom has provided £5\u{00A0}million to the Sahel. The “funds” will train counter\u{2011}terrorism units ‘now’."
        let body = Self.providedThenTrain
        XCTAssertEqual(try matches(body, window: nil, text), [])
        let m = try XCTUnwrap(try matches(body, window: 2, text).first)
        XCTAssertEqual(m.unitStart..<m.unitEnd, 0..<text.utf8.count)
        XCTAssertEqual(slices(m, text), ["has provided", "train", "counter\u{2011}terrorism"])
        let start = try XCTUnwrap(text.range(of: "counter\u{2011}terrorism"))
        XCTAssertEqual(m.spans.last?.start, text.utf8.distance(from: text.startIndex, to: start.lowerBound))
        // a window that starts after a paragraph break and U+00A0: offsets still into the whole text
        let later = "Opening words.\n\n\u{00A0}The United Kingdom has provided aid. We will train police against terrorism."
        let w = try XCTUnwrap(try matches(supportThenPurpose, window: 2, later).first)
        XCTAssertEqual(later.utf8Slice(w.unitStart..<w.unitEnd), "The United Kingdom has provided aid. We will train police against terrorism.")
    }

    // MARK: the paths that run rules

    func testTheExampleRunnerMatchesATwoSentenceExampleAsAStatement() throws {
        let r = try rule(body: """
            window: 2
        \(supportThenPurpose)
            examples:
              match: ["\(supportText.replacingOccurrences(of: "terrorist groups", with: "[[terrorist groups]]"))"]
              no_match: ["The United Kingdom has provided £5 million. We met. The funds will train border police to counter terrorist groups."]
        """)
        let reports = ExampleRunner(rules: [r]).run()
        XCTAssertEqual(reports.flatMap(\.outcomes).map(\.passed), [true, true], "\(reports)")
    }

    func testExplainShowsEachWindow() throws {
        let r = try rule(body: "    window: 2\n" + supportThenPurpose)
        let set = RuleSet([r])
        let text = "We met today. " + supportText
        let explained = set.rules[0].explain(set.analyse(text))
        XCTAssertEqual(explained.map { text.utf8Slice($0.unitStart..<$0.unitEnd) },
                       ["We met today. The United Kingdom has provided £5 million to the Sahel region.", supportText])
        XCTAssertEqual(explained.map(\.matched), [false, true])
    }

    func testARuleWithAWindowBesidePlainRulesLeavesTheirMatchesAlone() throws {
        // plain and regex-only rules keep their fast paths; the window rule is evaluated by its expression
        let plain = try rule(body: "    match: [human rights, terrorism]")
        var windowed = try rule(body: "    window: 2\n" + supportThenPurpose)
        windowed.id = "w"
        var regex = try rule(body: "    match: {regex: 'Sahel'}")
        regex.id = "x"
        let text = supportText + " Human rights matter."
        let alone = RuleSet([plain]).matches(in: text) + RuleSet([regex]).matches(in: text)
        let together = RuleSet([plain, windowed, regex]).matches(in: text)
        XCTAssertEqual(together.filter { $0.ruleID != "w" }, alone)
        XCTAssertEqual(together.filter { $0.ruleID == "w" }.count, 1)
        XCTAssertEqual(RuleSet([plain, windowed, regex]).matches(in: text, speakerKind: .state).map(\.ruleID), together.map(\.ruleID))
    }

    // MARK: cost

    /// Windows overlap, so each sentence is evaluated up to N times: the work must stay linear in
    /// the text (many sentences, each with a match and a regex hit, window of 5).
    func testWindowsOverManySentencesTakeLinearTime() throws {
        let r = try rule(body: """
            window: 5
            match:
              all: ["has provided", {regex: 'terror\\w+'}, {not: loan}]
        """)
        let set = RuleSet([r])
        let sentence = "The United Kingdom has provided funds against terrorism. "
        let small = String(repeating: sentence, count: 500), large = String(repeating: sentence, count: 2_000)
        // one finding per window: each window's last sentence brings new spans
        XCTAssertEqual(set.matches(in: small).count, 500 - 5 + 1)
        let ratio = Scaling.ratio(small: { _ = set.matches(in: small) }, large: { _ = set.matches(in: large) })
        XCTAssertLessThan(ratio, 8, "4× the text took \(ratio)× the time")
    }
}

import Foundation
import AttestTestSupport
import XCTest
import AttestRules
@testable import AttestMatching

/// The set's automaton (`RegexSet.candidates`, `Sources/CAttestRegex/prefilter.h`): one pass that
/// tells the patterns that may occur in a text and where their last matches may end. Its answers
/// must hold RE2's: every pattern RE2's set finds is a candidate, every match RE2 finds ends at or
/// before the candidate's last end, and the matches searched up to there are RE2's own.
final class RegexAutomatonTests: XCTestCase {
    typealias Random = SplitMix64

    /// Patterns of every kind the automaton reads: the benchmark's and the anchor tests', flags,
    /// classes with ranges, negations and POSIX names, Unicode properties, `\Q…\E`, `\C`, octal and
    /// hex escapes, lazy and bounded repeats past its limit of 16, empty matches, `^` and `$`.
    static let patterns = RegexEngineTests.literalPatterns + RegexEngineTests.anchorPatterns + [
        "(?i)ab", "(?-i:Ab)c", "(?s:a.b)", "(?U)a+b", "(?P<n>k)s", "(?<n>ſ)x", #"[^a-c/]{2}\d"#, "[[:alpha:]][[:^digit:]]",
        #"\p{Lu}\pL"#, #"\P{Z}+/"#, #"[\p{Z}\x{2010}-\x{2015}]+"#, #"\Q.*\E"#, #"\C\C"#, #"\101\x42\x{43}"#, "a{17}", "a{2,20}b",
        "x*", "(?:ab)??c", "^a|b$", #"\Bk"#, "[]a]", #"[\]\-]"#, "a{,2}", #"\d{3}|\w{20,}"#, "é+", "K", "[k-m]", "[^k]",
    ]

    static let pieces = ["K", "k", "\u{212A}", "ſ", "S", "s", "İ", "i", "/", "PV", ".", "x", "X", "y", "a", "A", "b", "B", "c", "C",
                         "]", "{,2}", "(1)", "(", ")", "-", "0", "7", "19", "2019", "482", "é", "É", "e\u{0301}", "€", "𝔸", "\u{00A0}",
                         "\u{2011}", "’", "“", "–", " ", "\n", "resolution", "RESOLUTIONS", "reſolution", "COVID", "SARS", "per cent",
                         "S/PV.", "_", "α", "ab", "ABC", ".*", "1,000", "$", "US$", "USD", "million", "January", "Article 51 of the Charter",
                         "Chapter VII", "counter-terrorism", "paragraph 4 of resolution 2482", "75th anniversary", "%"]

    /// Checks one set against RE2 on `text`; returns the number of RE2's matches.
    @discardableResult
    private func assertHoldsRE2s(_ set: RegexSet, _ patterns: [String], on text: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        var t = text
        return t.withUTF8 { all in
            let candidates = set.candidates(all)
            let ends = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, ($0.firstEnd, $0.lastEnd)) })
            var found = 0
            for id in 0..<set.count {
                let re2 = set.matchesUnfiltered(of: id, in: all)
                found += re2.count
                guard let (firstEnd, lastEnd) = ends[id] else {
                    XCTAssertTrue(re2.isEmpty, "/\(patterns[id])/ matches \(text.debugDescription) but is not a candidate", file: file, line: line)
                    continue
                }
                XCTAssertTrue(re2.allSatisfy { $0.upperBound <= lastEnd },
                              "/\(patterns[id])/ on \(text.debugDescription): \(re2) past \(lastEnd)", file: file, line: line)
                XCTAssertTrue(re2.allSatisfy { $0.upperBound >= firstEnd },
                              "/\(patterns[id])/ on \(text.debugDescription): \(re2) before \(firstEnd)", file: file, line: line)
                XCTAssertLessThanOrEqual(firstEnd, lastEnd)
                XCTAssertEqual(set.matches(of: id, in: all, between: firstEnd, and: lastEnd), re2, "/\(patterns[id])/ on \(text.debugDescription)", file: file, line: line)
            }
            XCTAssertTrue(Set(set.matching(all)).isSubset(of: Set(candidates.map(\.id))), text.debugDescription, file: file, line: line)
            return found
        }
    }

    /// Each pattern alone, and all of them in one set, on random texts of their pieces with every
    /// case variant of the letters that fold outside ASCII and UN typography.
    func testCandidatesHoldEveryMatchOfRE2OnRandomTexts() throws {
        let singles = try Self.patterns.map { try XCTUnwrap(RegexSet([$0]), $0) }
        let all = try XCTUnwrap(RegexSet(Self.patterns))
        XCTAssertTrue(all.usesAutomaton)
        for (k, set) in singles.enumerated() { XCTAssertTrue(set.usesAutomaton, Self.patterns[k]) }
        var rng = Random(state: 15_101)
        var found = 0
        for _ in 0..<1_500 {
            let text = (0..<(1 + rng.below(30))).map { _ in rng.pick(Self.pieces) }.joined()
            found += assertHoldsRE2s(all, Self.patterns, on: text)
            let k = rng.below(singles.count)
            assertHoldsRE2s(singles[k], [Self.patterns[k]], on: text)
        }
        XCTAssertGreaterThan(found, 2_000, "the random texts must hold matches")
        XCTAssertGreaterThan(all.automatonStates, 100)
    }

    /// A text of 256 bytes or more is read as two runs, its second half from the start state,
    /// the first run going on until it joins the second: on long random texts (matches across the
    /// middle included, and one pattern whose partial matches last: `a(?:.*b)?`), the same answers.
    func testLongTextsReadAsTwoRunsGiveTheSameAnswers() throws {
        let patterns = Self.patterns + ["a(?:.*b)?", #"S/PV\.\s*\d{4}(?:[^x]*x)?"#]
        let all = try XCTUnwrap(RegexSet(patterns))
        var rng = Random(state: 15_103)
        var found = 0, long = 0
        for _ in 0..<300 {
            let text = (0..<(60 + rng.below(240))).map { _ in rng.pick(Self.pieces) }.joined()
            if text.utf8.count >= 256 { long += 1 }
            found += assertHoldsRE2s(all, patterns, on: text)
        }
        XCTAssertGreaterThan(long, 250)
        XCTAssertGreaterThan(found, 5_000)
    }

    /// A match begun in the first half of a long text and ended in the second: only the first run
    /// reads its start, so the two runs may be taken as joined only where their states are equal
    /// at the same place. Here the first run's state after the spaces that follow the middle is
    /// the one it had after the same number of bytes from the start (both "resolution" and
    /// spaces), while the second run's is not: a run compared with its own earlier state (or any
    /// state but the second run's at that place) stops and loses the match.
    func testAMatchAcrossTheMiddleIsFoundWhereTheFirstRunRepeatsItsState() throws {
        let pattern = #"resolution\s+\d{4}"#
        let set = try XCTUnwrap(RegexSet([pattern]))
        XCTAssertTrue(set.usesAutomaton)
        for spaces in [11, 20, 40, 63] {
            // 300 bytes each: "resolution", spaces, filler, "resolution" | spaces, "2482", filler
            let head = "resolution" + String(repeating: " ", count: spaces)
            let first = head + String(repeating: "x", count: 300 - head.utf8.count - 10) + "resolution"
            let number = String(repeating: " ", count: spaces) + "2482"
            let text = first + number + String(repeating: "y", count: 300 - number.utf8.count)
            var t = text
            t.withUTF8 { all in
                XCTAssertEqual(String(decoding: all[290..<300], as: UTF8.self), "resolution", "spaces \(spaces)")
                XCTAssertEqual(all.count / 2, 300)
                XCTAssertEqual(set.candidates(all).map(\.id), [0], "spaces \(spaces)")
            }
            XCTAssertEqual(assertHoldsRE2s(set, [pattern], on: text), 1, "spaces \(spaces)")
        }
    }

    /// Every paragraph of the year's records (the two bundled ones when the shared corpus is not
    /// there), with the benchmark's 20 patterns in one set, and with those and the other literal
    /// patterns of the engine's tests (among them `(?:abc)?`, which matches the empty text and is
    /// left out of the automaton: without it, most bytes are read two at a time by each run).
    func testCandidatesHoldEveryMatchOfRE2OnTheYearsRecords() throws {
        let shared = URL(fileURLWithPath: "/work/shared/corpus/unsc-2020")
        var files = (try? FileManager.default.contentsOfDirectory(at: shared, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path } ?? []
        if files.isEmpty { files = ["Corpus/unsc-2020/S-PV-8711.txt", "Corpus/unsc-2020/S-PV-8715.txt"].map(TestFiles.url) }
        let benchmark = Array(RegexEngineTests.literalPatterns.prefix(20))
        let sets = try [benchmark, RegexEngineTests.literalPatterns].map { try XCTUnwrap(RegexSet($0)) }
        var found = 0
        for file in files {
            for paragraph in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") where !paragraph.isEmpty {
                found += assertHoldsRE2s(sets[0], benchmark, on: paragraph)
                assertHoldsRE2s(sets[1], RegexEngineTests.literalPatterns, on: paragraph)
            }
        }
        XCTAssertGreaterThan(found, 100)
    }

    /// A pattern whose automaton has more states than the limit (`(?:a|b)*a(?:a|b){14}` needs
    /// 2^15): once the limit is reached, RE2's set answers, with the text's end as every last end.
    func testRE2AnswersPastTheAutomatonsLimitOfStates() throws {
        let patterns = ["(?:a|b)*a(?:a|b){14}", "ba{3}b"]
        let set = try XCTUnwrap(RegexSet(patterns))
        XCTAssertTrue(set.usesAutomaton)
        var rng = Random(state: 15_102)
        var found = 0
        for _ in 0..<300 {
            let text = String((0..<(20 + rng.below(200))).map { _ in rng.below(2) == 0 ? Character("a") : Character("b") })
            found += assertHoldsRE2s(set, patterns, on: text)
        }
        XCTAssertEqual(set.automatonStates, RegexSet.automatonStateLimit, "the texts must take the automaton to its limit")
        XCTAssertGreaterThan(found, 300)
        // past the limit, a text that needs a state not built is answered by RE2's set: its
        // patterns, each with the text's end
        var answeredByRE2 = 0
        for _ in 0..<50 {
            var t = String((0..<300).map { _ in rng.below(2) == 0 ? Character("a") : Character("b") })
            t.withUTF8 { all in
                let candidates = set.candidates(all)
                if candidates.map(\.id) == set.matching(all), candidates.allSatisfy({ $0.lastEnd == all.count }) { answeredByRE2 += 1 }
            }
        }
        XCTAssertGreaterThan(answeredByRE2, 0)
    }

    // regression: a set of many small patterns (9,000 document numbers) spent the building's
    // budget of work on its setup, one closure per pattern, so that its start state was never
    // made and the first text read state 0's missing positions (a null pointer: the process died)
    func testManyPatternsGetAnAutomatonThatAnswersAsRE2Does() throws {
        let patterns = (0..<9_000).map { #"#\#($0)#\d{2}"# }
        let set = try XCTUnwrap(RegexSet(patterns))
        XCTAssertTrue(set.usesAutomaton)
        let texts = ["see #17#12 and #8999#34 today " + String(repeating: "x", count: 300), "#5#1 #42#42", "none here"]
        XCTAssertEqual(texts.map { assertHoldsRE2s(set, patterns, on: $0) }, [2, 1, 0])
    }

    /// The first end bounds where RE2's search begins: a match that starts before it holds every
    /// byte from its start to there. The leftmost match may start before the match that ends
    /// first (`a[^.]*z|b` on "a b z": "b" ends first, "a b z" is the match), and a byte the
    /// pattern cannot hold ("." here) ends the run: the search begins after it.
    func testTheSearchBeginsAtTheRunOfBytesBeforeTheFirstEnd() throws {
        let pattern = "a[^.]*z|b"
        let set = try XCTUnwrap(RegexSet([pattern]))
        for (text, expected) in [("a b z", [0..<5]), ("x. a b z", [3..<8]), ("a. b z", [3..<4]), ("zz.bab", [3..<4, 5..<6])] {
            var t = text
            t.withUTF8 { all in
                let candidates = set.candidates(all)
                XCTAssertEqual(candidates.map(\.id), [0], text)
                guard let c = candidates.first else { return }
                XCTAssertEqual(set.matches(of: 0, in: all, between: c.firstEnd, and: c.lastEnd), expected, text)
            }
            XCTAssertEqual(assertHoldsRE2s(set, [pattern], on: text), expected.count, text)
        }
    }

    /// The last end is where the last match ends (for the searches that stop there): a pattern
    /// that cannot match the empty text is not searched for from its last end.
    func testTheLastEndIsTheEndOfTheLastMatch() throws {
        let set = try XCTUnwrap(RegexSet([#"\bS/PV\.\d{4}\b"#, "x*"]))
        var t = "See S/PV.8711 and S/PV.8715, then nothing."
        t.withUTF8 { all in
            let candidates = set.candidates(all)
            XCTAssertEqual(candidates.map(\.id), [0, 1])
            guard candidates.count == 2 else { return }
            XCTAssertEqual(candidates[0].firstEnd, 13)
            XCTAssertEqual(candidates[0].lastEnd, 27)
            XCTAssertEqual(candidates[1].firstEnd, 0)
            XCTAssertEqual(candidates[1].lastEnd, all.count, "x* matches empty at the end")
            XCTAssertEqual(set.matches(of: 0, in: all, between: 13, and: 27), [4..<13, 18..<27])
        }
    }
}

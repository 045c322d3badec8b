import Foundation
import AttestTestSupport
import AttestModel
import XCTest
import AttestRules
@testable import AttestMatching

/// Regex rules on RE2 (docs/rules.md, "Regular expressions"): the set finds what each pattern finds
/// alone, RE2 agrees with ICU where their semantics agree, the differences are the documented
/// ones, and hostile patterns run in time linear in the text.
final class RegexEngineTests: XCTestCase, OneRulePackTesting {
    typealias Random = SplitMix64

    /// Every span as `start..<end "text"`.
    private func spans(_ pattern: String, _ text: String, scope: String = "sentence") throws -> [String] {
        let r = try rule(body: "    scope: \(scope)\n    match: {regex: '\(pattern)'}")
        return RuleSet([r]).matches(in: text).flatMap(\.spans).map { span in
            "\(span.start)..<\(span.end) \"\(String(decoding: Array(text.utf8)[span.start..<span.end], as: UTF8.self))\""
        }
    }

    /// ICU's non-empty matches (what Attest ran before RE2), as UTF-8 ranges.
    private func icu(_ pattern: String, _ text: String) -> [Range<Int>]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            guard m.range.length > 0, let r = Range(m.range, in: text) else { return nil }
            return text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)..<text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound)
        }
    }

    private func re2(_ pattern: String, _ text: String) -> [Range<Int>]? {
        guard RegexEngine.problem(pattern) == nil, let set = RegexSet([pattern]) else { return nil }
        var t = text
        return t.withUTF8 { set.matches(of: 0, in: $0) }
    }

    // MARK: the issue's patterns, on UN typography

    func testCitationAmountAndCharterPatternsMatchAcrossNoBreakSpaces() throws {
        XCTAssertEqual(try spans(#"\bresolutions\s+\d{3,4}\s*\(\d{4}\)(?:\s*(?:,|and)\s*\d{3,4}\s*\(\d{4}\))+"#,
                                 "Recalling resolutions\u{00A0}2462\u{00A0}(2019) and 2482\u{00A0}(2019), it acted."),
                       [#"10..<52 "resolutions\#u{00A0}2462\#u{00A0}(2019) and 2482\#u{00A0}(2019)""#])
        XCTAssertEqual(try spans(#"\b\d{1,3}(?:,\d{3})+\b"#, "Some 586,000 people and 1,227 trucks."),
                       [#"5..<12 "586,000""#, #"24..<29 "1,227""#])
        XCTAssertEqual(try spans(#"\bArticle\s+\d{1,3}\s+of\s+the\s+(?:United\s+Nations\s+)?Charter\b"#,
                                 "Under Article\u{00A0}51 of the United Nations Charter."),
                       [#"6..<47 "Article\#u{00A0}51 of the United Nations Charter""#])
    }

    // MARK: semantics on non-ASCII text (each difference from ICU shown against ICU itself)

    /// `\s` is ICU's white space, U+00A0 included (RE2's own `\s` is ASCII: the pattern is rewritten).
    func testSpaceIsICUsWhiteSpace() {
        XCTAssertEqual(re2(#"resolution\s+2482"#, "resolution\u{00A0}2482"), [0..<16])
        XCTAssertEqual(re2(#"resolution\s+2482"#, "resolution\u{00A0}2482"), icu(#"resolution\s+2482"#, "resolution\u{00A0}2482"))
        XCTAssertEqual(re2(#"a\Sb"#, "a\u{00A0}b"), [])
        XCTAssertEqual(re2(#"a\u2011b"#, "a\u{2011}b"), [0..<5])
    }

    /// `\w` and `\b` are ASCII in RE2: "é" is not a word character, so `\bcaf\b` matches inside
    /// "café" and `\w+` stops at it; ICU's are Unicode.
    func testWordAndBoundaryAreASCII() {
        XCTAssertEqual(re2(#"\bcaf\b"#, "café"), [0..<3])
        XCTAssertEqual(icu(#"\bcaf\b"#, "café"), [])
        XCTAssertEqual(re2(#"\w+"#, "Côte"), [0..<1, 3..<5])
        XCTAssertEqual(icu(#"\w+"#, "Côte"), [0..<5])
    }

    /// `\d` is ASCII in RE2; ICU's is any decimal digit.
    func testDigitIsASCII() {
        XCTAssertEqual(re2(#"\d+"#, "٣٤ and 34"), [9..<11])
        XCTAssertEqual(icu(#"\d+"#, "٣٤ and 34"), [0..<4, 9..<11])
    }

    /// Case-insensitive matching is Unicode simple case folding, one character for one: "ß" is not
    /// "ss" and "ﬁ" is not "fi" (ICU folds both), but the Kelvin sign is "k" and long s is "s" in both.
    func testCaseFoldingIsSimple() {
        XCTAssertEqual(re2("strasse", "Straße"), [])
        XCTAssertEqual(icu("strasse", "Straße"), [0..<7])
        XCTAssertEqual(re2("finance", "ﬁnance"), [])
        XCTAssertEqual(icu("finance", "ﬁnance"), [0..<8])
        XCTAssertEqual(re2("kelvin", "\u{212A}elvin"), [0..<8])
        XCTAssertEqual(re2("kelvin", "\u{212A}elvin"), icu("kelvin", "\u{212A}elvin"))
        XCTAssertEqual(re2("sun", "\u{017F}un"), [0..<4])
        XCTAssertEqual(re2("ÉTATS", "états"), [0..<6])
    }

    /// `.` is one character (a code point) other than "\n": it also matches "\r", U+0085 and
    /// U+2028, which ICU's does not.
    func testDotIsAnyCodePointButNewline() {
        XCTAssertEqual(re2("a.b", "a’b"), [0..<5])
        XCTAssertEqual(re2("a.b", "a\nb"), [])
        XCTAssertEqual(re2("a.b", "a\rb"), [0..<3])
        XCTAssertEqual(icu("a.b", "a\rb"), [])
    }

    // MARK: equivalence

    /// On ASCII text, where their `\w`, `\d`, `\b`, `\s` and case folding agree, RE2 finds exactly
    /// ICU's matches (leftmost-first, not overlapping) for random patterns both accept.
    func testRE2FindsICUsMatchesOnASCIIText() {
        var rng = Random(state: 2482)
        let atoms = ["human", "rights", "ss", "terror", "ism", " ", "[- ]", "\\s+", "\\s*", "\\b", "\\d", "\\d{1,3}", ".", "(?:ab)?", "(rights)?",
                     "s?", "e*", "n{1,2}", "x+", "\\.", "\\-", "[a-z]", "(counter)", "|", "(?:human|rights)", "(?<n>ism)", "^", "$",
                     "(?:terror|ss|x)", "[|]", "\\|", "\\w+", "\\W", "(a+)+", "(?:,\\d{3})+", "[^ ]+?", ".*?"]
        let words = ["Human", "RIGHTS", "human rights", "STRASSE", "Terrorism", "counter-terrorism", "x", "xx", "n", "nn", "1", "586,000",
                     ".", "-", " ", "ab", "ISM", "aaa", "\n"]
        var compared = 0
        for _ in 0..<1_500 {
            let pattern = (0...rng.below(5)).map { _ in rng.pick(atoms) }.joined()
            for _ in 0..<8 {
                let text = (0..<rng.below(7)).map { _ in rng.pick(words) }.joined(separator: rng.pick([" ", "", "-", ", "]))
                guard let expected = icu(pattern, text), let found = re2(pattern, text) else { continue }
                compared += 1
                XCTAssertEqual(found, expected, "pattern \(pattern.debugDescription) on \(text.debugDescription)")
                if found != expected { return }
            }
        }
        XCTAssertGreaterThan(compared, 10_000)
    }

    /// The rule set's scan (one RE2 set per scope, asked once per unit which patterns occur, then
    /// where) finds exactly what each pattern finds alone in each unit.
    func testSetFindsWhatEachPatternFindsAlone() throws {
        var rng = Random(state: 1373)
        let patterns = [#"\bresolutions?\s+\d{3,4}"#, #"\d+"#, "rights?", #"\bS/\d{4}/\d+\b"#, "^the", "council$", #"(?:counter|anti)[\s\u2011-]*terrorism"#,
                        "ß", "é+", #"\w+ \w+"#, "x*", "[“”\"]"]
        let pieces = ["The", "council", " ", "\u{00A0}", ". ", "\n\n", "resolution", "resolutions", "2482", "S/2020/754", "rights", "counter",
                      "\u{2011}", "-", "terrorism", "Straße", "été", "“", "”", "x"]
        let scopes: [Rule.Scope] = [.sentence, .paragraph, .statement]
        let here = SourceLocation(path: "x.yaml", line: 1, column: 1)
        for round in 0..<40 {
            let chosen = (0..<(1 + rng.below(6))).map { _ in (rng.pick(patterns), rng.pick(scopes)) }
            let rules = chosen.enumerated().map { i, c in
                Rule(id: "r\(i)", title: "R", scope: c.1, match: .regex(c.0, here), negation: .allow, location: here, pack: "p")
            }
            let set = RuleSet(rules)
            for _ in 0..<30 {
                let text = (0..<rng.below(30)).map { _ in rng.pick(pieces) }.joined()
                let a = set.analyse(text)
                for (i, c) in chosen.enumerated() {
                    let alone = try XCTUnwrap(RegexSet([c.0]))
                    var t = text
                    let expected = a.units(CompiledRule.scopeUnit(c.1)).flatMap { u in
                        t.withUTF8 { alone.matches(of: 0, in: UnsafeBufferPointer(rebasing: $0[u])) }.map { ($0.lowerBound + u.lowerBound)..<($0.upperBound + u.lowerBound) }
                    }
                    guard case .regex(let slot, _) = set.rules[i].root else { return XCTFail("not a regex node") }
                    XCTAssertEqual(a.regexHits(slot), expected, "round \(round), /\(c.0)/ \(c.1) on \(text.debugDescription)")
                }
            }
        }
    }

    // MARK: the required bytes' check (issue 15, perf5)

    /// The 20 regexes of the benchmark packs (`Benchmarks/generate.py`) and patterns whose literals
    /// hold letters with non-ASCII case variants (K and U+212A, S and U+017F, İ lowercasing to i).
    static let literalPatterns = [
        #"\bresolutions?\s+\d{3,4}\s*\(\d{4}\)"#, #"\bresolutions\s+\d{3,4}\s*\(\d{4}\)(?:\s*(?:,|and)\s*\d{3,4}\s*\(\d{4}\))+"#,
        #"\bS/RES/\d{1,4}\s*\(\d{4}\)"#, #"\bS/\d{4}/\d{1,4}\b"#, #"\bS/PV\.\d{4}\b"#, #"\bS/PRST/\d{4}/\d{1,2}\b"#, #"\bA/RES/\d{2}/\d{1,3}\b"#,
        #"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b"#,
        #"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b"#,
        #"\b\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)"#, #"\b\d{1,3}(?:,\d{3})+\b"#,
        #"(?:\$|US\$|USD\s*)\s*\d+(?:[.,]\d+)*(?:\s*(?:million|billion|trillion))?"#, #"\b\d+(?:\.\d+)?\s+(?:million|billion|trillion)\b"#,
        #"\bArticle\s+\d{1,3}\s+of\s+the\s+(?:United\s+Nations\s+)?Charter\b"#, #"\bChapter\s+(?:VI|VII|VIII)\s+of\s+the\s+Charter\b"#,
        #"\b(?:19|20)\d{2}\s*[-\u2013]\s*(?:19|20)?\d{2}\b"#, #"\bparagraphs?\s+\d{1,2}\s+of\s+resolution\b"#,
        #"\b(?:COVID|SARS)[-\u2010\u2011]?19\b"#, #"\b\d{1,3}(?:st|nd|rd|th)\s+(?:meeting|session|anniversary)\b"#,
        #"\b(?:counter|anti)[\s\u2010\u2011-]*terrorism\b"#,
        "kelvin (\\d+)", "\u{212A}elvin", "straße", "reſolution", "İstanbul", #"\x{130}stanbul"#, #"[\x{130}x]ndia"#, "(?-i:Kab)/",
        "ski", "(?:abc)?", #"a\d+b|c\d+d"#, #"(?:x|y)z/"#, "on behalf of", "\\Q(1)\\E",
    ]

    /// Each search for a pattern's next match returns at once when the rest of the text lacks the
    /// bytes all its matches hold (`RegexSet.requiredLiteral`): on random texts made of the
    /// pieces those patterns match, with every case variant of the letters that fold outside
    /// ASCII, the matches are RE2's own (`matchesUnfiltered`), pattern by pattern and from every
    /// start. A literal that some match lacks (a letter taken for its ASCII cases alone) would make
    /// a match vanish.
    func testRequiredBytesCheckKeepsEveryMatch() throws {
        var rng = Random(state: 15_005)
        let pieces = ["K", "k", "\u{212A}", "ſ", "S", "s", "İ", "ı", "i", "I", "(", ")", "/", ",", ".", " ", "\u{00A0}", "\n", "-", "\u{2011}", "\u{2013}",
                      "2019", "482", "1", "19", "20", "resolution", "RESOLUTIONS", "reſolution", "elvin", "Kelvin", "\u{212A}ELVIN", "S/PV.", "S/", "RES/",
                      "8711", "COVID", "counter", "terrorism", "TERRORISM", "million", "Chapter VII of the Charter", "Article", "of the", "%",
                      "per cent", "$", "US$", "January", "Straße", "STRASSE", "stanbul", "ndia", "x", "y", "z", "ab", "Kab", "kab", "on behalf of",
                      "th", "meeting", "ski", "SKI", "a", "b", "c", "d", "paragraph"]
        let sets = try Self.literalPatterns.map { try XCTUnwrap(RegexSet([$0]), $0) }
        var checked = 0
        for round in 0..<3_000 {
            let text = (0..<(1 + rng.below(40))).map { _ in rng.pick(pieces) }.joined()
            checked += assertSearchesAreRE2s(sets, Self.literalPatterns, on: text, round: round, startsFrom: 0, every: 7)
        }
        XCTAssertGreaterThan(checked, 3_000, "the random texts must hold matches")
    }

    /// The check is there for the patterns of the benchmark that have a literal, and leaves out
    /// the letters whose case variants are not ASCII (i, k, s): the bytes are the ones expected.
    func testRequiredLiteralsAreDrawnWithoutLettersThatFoldOutsideASCII() throws {
        func literal(_ p: String) throws -> String { try XCTUnwrap(RegexSet([p])).requiredLiteral(of: 0) }
        XCTAssertEqual(try literal(#"\b\d{1,3}(?:,\d{3})+\b"#), ",")
        XCTAssertEqual(try literal(#"\bS/PV\.\d{4}\b"#), "/pv.")
        XCTAssertFalse(try literal(#"\bresolutions?\s+\d{3,4}\s*\(\d{4}\)"#).isEmpty)
        XCTAssertFalse(try literal(#"\b(?:counter|anti)[\s\u2010\u2011-]*terrorism\b"#).isEmpty)
        for p in ["ski", "(?:abc)?", #"\d+"#, "kiss", #"\b(?:January|March)\s+\d{4}\b"#] {
            XCTAssertEqual(try literal(p), "", p)
        }
        for p in Self.literalPatterns {
            let l = try literal(p)
            XCTAssertFalse(l.utf8.contains { $0 >= 0x80 || "iksIKS".utf8.contains($0) || (0x41...0x5A).contains($0) }, "/\(p)/: \(l.debugDescription)")
        }
    }

    /// On the year's records (every paragraph of the 79 records of 2020 when the shared corpus is
    /// there, else the two bundled ones), with the check and without it the same matches.
    func testRequiredBytesCheckKeepsEveryMatchOnTheYearsRecords() throws {
        let shared = URL(fileURLWithPath: "/work/shared/corpus/unsc-2020")
        var files = (try? FileManager.default.contentsOfDirectory(at: shared, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path } ?? []
        if files.isEmpty { files = ["Corpus/unsc-2020/S-PV-8711.txt", "Corpus/unsc-2020/S-PV-8715.txt"].map(TestFiles.url) }
        let sets = try Self.literalPatterns.map { try XCTUnwrap(RegexSet([$0]), $0) }
        var found = 0
        for file in files {
            let whole = try String(contentsOf: file, encoding: .utf8)
            for paragraph in whole.components(separatedBy: "\n") where !paragraph.isEmpty {
                var t = paragraph
                t.withUTF8 { all in
                    for (k, set) in sets.enumerated() {
                        let unfiltered = set.matchesUnfiltered(of: 0, in: all)
                        found += unfiltered.count
                        XCTAssertEqual(set.matches(of: 0, in: all), unfiltered, "/\(Self.literalPatterns[k])/ in \(file.lastPathComponent)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(found, 100)
    }

    // MARK: the search from the anchor (issue 15, perf9)

    /// Patterns whose top level the anchor's walk reads item by item: letters that fold outside
    /// ASCII, `.`, classes and escapes of multi-byte characters before the literal, repeats,
    /// literal braces, `\Q…\E`, groups and top-level alternatives after it.
    static let anchorPatterns = [
        #"\bS/PV\.\d{4}\b"#, "s/pv", "kx/y", #"a.b/c"#, #"x[ſk]{2,3}/z"#, "ab?c?/d", #"\p{L}{1,3}/e"#, #"\x{212A}\x41/f"#,
        #"[\]x]/g"#, #"[^/]/h"#, #"\d{2}-\d"#, #"\d+x"#, #"\w\d"#, "x{2}/", "x{2,}/", #"\Q(1)\E/q"#, "(?:ab)?/r", "a|b/",
        "é/", #"\x{130}/"#, "İ/", "ſs/k", #"\Bx/"#, #"\.\d"#, #"\(\d{4}\)"#, "[[:alpha:]]/", "a{,2}/", #"\x41/"#, #"^\d"#,
        #"\d$"#, #"\s*\d"#, #"\s\d"#, #"[0-9]{2}/"#, "x??/", #"€\d/"#, #"(?i)S/"#, #"\bresolutions?\s+\d{3,4}\s*\(\d{4}\)"#,
        #"\C\C/"#, #"\pL\d"#, #"\101\d"#, "a/|(b)", #"\b(?:COVID|SARS)[-\u2010\u2011]?19\b"#, "per cent", #"x{1}/"#,
    ]

    /// A search begins at the pattern's anchor less its offset (`RegexSet.anchor`), not where it
    /// was asked to: on random texts of UN typography (U+00A0, U+2011, ’ “ ”, –, decomposed
    /// accents) made of the pieces those patterns match, with every case variant of the letters
    /// that fold outside ASCII and characters of 2, 3 and 4 bytes before the literals, the matches
    /// are RE2's own (`matchesUnfiltered`), pattern by pattern and from every start. An offset one
    /// byte too small makes a match vanish or move.
    func testSearchFromTheAnchorKeepsEveryMatch() throws {
        var rng = Random(state: 15_009)
        let pieces = ["K", "k", "\u{212A}", "ſ", "S", "s", "İ", "i", "/", "PV", "pv", ".", "x", "X", "y", "a", "A", "b", "c", "d", "e", "f",
                      "g", "h", "q", "r", "z", "]", "{,2}", "(1)", "(", ")", "-", "0", "7", "19", "2019", "482", "é", "e\u{0301}", "€", "𝔸",
                      "\u{00A0}", "\u{2011}", "’", "“", "”", "–", " ", "\n", "resolution", "RESOLUTIONS", "reſolution", "COVID", "SARS",
                      "per cent", "S/PV.", "_", "α", "ab"]
        let patterns = Self.anchorPatterns + Self.literalPatterns
        let sets = try patterns.map { try XCTUnwrap(RegexSet([$0]), $0) }
        XCTAssertGreaterThan(sets.indices.filter { sets[$0].anchor(of: 0) != nil }.count, 30, "most patterns must have an anchor")
        var checked = 0
        for round in 0..<2_000 {
            let text = (0..<(1 + rng.below(30))).map { _ in rng.pick(pieces) }.joined()
            checked += assertSearchesAreRE2s(sets, patterns, on: text, round: round, startsFrom: 1, every: 5)
        }
        XCTAssertGreaterThan(checked, 5_000, "the random texts must hold matches")
    }

    /// The anchors the walk draws: the literal least likely in prose or an ASCII digit, with the
    /// most bytes the items before it can match (4 per character that may be more than one
    /// byte, 1 per character that folds within ASCII, none for `\b`); none past a group, `\Q`,
    /// an unbounded repeat, or when the top level has an alternative.
    func testAnchorsAreDrawnFromTheTopLevel() throws {
        func anchor(_ p: String) throws -> String? {
            try XCTUnwrap(RegexSet([p]), p).anchor(of: 0).map { "\($0.digit ? "digit" : $0.literal)@\($0.offset)" }
        }
        XCTAssertEqual(try anchor(#"\bS/PV\.\d{4}\b"#), "/pv.@4")
        XCTAssertEqual(try anchor(#"\bresolutions?\s+\d{3,4}\s*\(\d{4}\)"#), "olut@6")
        XCTAssertEqual(try anchor(#"\b\d{1,3}(?:,\d{3})+\b"#), "digit@0")
        XCTAssertEqual(try anchor(#"\b\d+(?:\.\d+)?\s+(?:million|billion|trillion)\b"#), "digit@0")
        XCTAssertEqual(try anchor(#"\bChapter\s+(?:VI|VII|VIII)\s+of\s+the\s+Charter\b"#), "chapter@0")
        XCTAssertEqual(try anchor(#"x[ſk]{2,3}/z"#), "/z@13")
        XCTAssertEqual(try anchor(#"\x{212A}\x41/f"#), "/f@8")
        XCTAssertEqual(try anchor("a{,2}/"), "a@0")
        XCTAssertEqual(try anchor(#"\w\d"#), "digit@4")
        for p in ["a|b/", "a/|(b)", "(?:ab)?/r", #"\s*\d"#, "x{2,}/", #"\Q(1)\E/q"#, #"(?i)S/"#, #"\b(?:COVID|SARS)[-\u2010\u2011]?19\b"#] {
            XCTAssertNil(try anchor(p), p)
        }
    }

    // MARK: hostile patterns (issue 18, item 5): linear time, as a ratio of two sizes in one run

    /// The rule set on `make(n)` and on `make(8n)`: linear time gives a ratio near 8, quadratic 64.
    private func assertLinear(_ pattern: String, _ n: Int, _ make: (Int) -> String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertNil(RegexEngine.problem(pattern), file: file, line: line)
        let r = try rule(body: "    scope: statement\n    match: {regex: '\(pattern)'}", file: file, line: line)
        let set = RuleSet([r])
        let small = make(n), large = make(8 * n)
        _ = set.matches(in: small)
        // (CPU seconds of this thread, the fastest of three: a busy machine does not count)
        let t1 = Scaling.seconds { _ = set.matches(in: small) }
        let t8 = Scaling.seconds { _ = set.matches(in: large) }
        XCTAssertLessThan(t8 / max(t1, 1e-4), 24, "/\(pattern)/: \(t1) s on \(small.utf8.count) bytes, \(t8) s on \(large.utf8.count)", file: file, line: line)
    }

    func testQuotedNestedQuantifierRunsInLinearTime() throws {
        try assertLinear(#"\Q[\E?(a+)+b\Q]\E?"#, 25_000) { String(repeating: "a", count: $0) }
    }

    func testManyDotStarsRunInLinearTime() throws {
        try assertLinear(".*.*.*.*.*.*.*.*x", 25_000) { String(repeating: "a", count: $0) }
    }

    func testRepeatedWordRunsInLinearTime() throws {
        try assertLinear(#"\w+\w+\w+@"#, 25_000) { String(repeating: "a", count: $0) }
    }

    func testLongBoundedRepeatRunsInLinearTime() throws {
        // {1,65535} is refused (RE2's limit is 1,000); the largest bound it takes runs in linear time
        try assertLinear("[a-z]{1,1000}@", 25_000) { String(repeating: "a", count: $0) }
    }

    func testAddressPatternOnOneLongWordRunsInLinearTime() throws {
        try assertLinear(#"\w+@\w+\.org"#, 25_000) { String(repeating: "a", count: $0) }
    }

    /// Each match of `a(?:.*b)?` in a run of "a" is confirmed only at the end of the run, so
    /// listing every match read the run once per match (8× the text took 63× the time); the
    /// listing stops at `RegexSet.maxMatchesPerText`. The same for empty matches.
    func testListingMatchesThatReadToTheEndOfTheUnitRunsInLinearTime() throws {
        try assertLinear("a(?:.*b)?", 25_000) { String(repeating: "a", count: $0) }
        try assertLinear("(?:a*b)?c", 25_000) { String(repeating: "a", count: $0) + "c" }
        try assertLinear("x|(?:a*b)?", 25_000) { String(repeating: "a", count: $0) + "x" }
    }

    /// The cap keeps the first matches, in text order, exactly as the uncapped listing has them.
    func testAUnitListsTheFirstHundredMatchesOfAPattern() throws {
        let text = (1...150).map { "item \($0)" }.joined(separator: ", ") + "."
        var t = text
        let set = try XCTUnwrap(RegexSet([#"\bitem\s\d+"#]))
        let all = t.withUTF8 { set.matches(of: 0, in: $0, limit: .max) }
        let capped = t.withUTF8 { set.matches(of: 0, in: $0) }
        XCTAssertEqual(all.count, 150)
        XCTAssertEqual(RegexSet.maxMatchesPerText, 100)
        XCTAssertEqual(capped, Array(all.prefix(100)))
        // the rule still fires on the unit, with the first hundred as evidence
        XCTAssertEqual(try spans(#"\bitem\s\d+"#, text, scope: "statement").count, 100)
    }

    /// The hundred are counted per unit, while each unit's matches are appended to the slot's
    /// list (`appendMatches`): two sentences of 80 matches each give 160, shifted to each
    /// sentence's place; one sentence of 150 gives its first 100.
    func testTheHundredAreCountedPerUnitWhenMatchesAreAppended() throws {
        let here = SourceLocation(path: "x.yaml", line: 1, column: 1)
        let rule = Rule(id: "r", title: "R", scope: .sentence, match: .regex(#"\bitem\s\d+"#, here), negation: .allow, location: here, pack: "p")
        let set = RuleSet([rule])
        guard case .regex(let slot, _) = set.rules[0].root else { return XCTFail("not a regex node") }
        let first = (1...80).map { "Item \($0)" }.joined(separator: ", ") + ". "
        let second = (81...160).map { "Item \($0)" }.joined(separator: ", ") + "."
        let hits = set.analyse(first + second).regexHits(slot)
        XCTAssertEqual(hits.count, 160)
        let bytes = Array((first + second).utf8)
        XCTAssertEqual(hits.map { String(decoding: bytes[$0], as: UTF8.self) }, (1...160).map { "Item \($0)" })
        let long = (1...150).map { "Item \($0)" }.joined(separator: ", ") + ". " + second
        XCTAssertEqual(set.analyse(long).regexHits(slot).count, 180)
    }

    func testClassicExponentialShapesRunInLinearTime() throws {
        try assertLinear("(a+)+$", 25_000) { String(repeating: "a", count: $0) + "!" }
        try assertLinear("(a|aa)*b", 25_000) { String(repeating: "a", count: $0) }
        try assertLinear(#"(\w+\s?)*$"#, 25_000) { String(repeating: "ab ", count: $0 / 3) + "!" }
    }

    /// For each one-pattern set, its matches (`matches`: with the required bytes' check and the
    /// anchor) are RE2's own search (`matchesUnfiltered`) on the whole of `text` and from every
    /// `every`-th byte from `startsFrom` on (how a sentence window or a later unit is searched).
    /// Returns the number of RE2's matches on the whole text.
    private func assertSearchesAreRE2s(_ sets: [RegexSet], _ patterns: [String], on text: String, round: Int, startsFrom first: Int, every step: Int,
                                       file: StaticString = #filePath, line: UInt = #line) -> Int {
        var t = text
        return t.withUTF8 { all in
            var found = 0
            for (k, set) in sets.enumerated() {
                let unfiltered = set.matchesUnfiltered(of: 0, in: all)
                XCTAssertEqual(set.matches(of: 0, in: all), unfiltered, "round \(round), /\(patterns[k])/ on \(text.debugDescription)",
                               file: file, line: line)
                found += unfiltered.count
                for from in stride(from: first, through: all.count, by: step) {
                    let rest = UnsafeBufferPointer(rebasing: all[from...])
                    XCTAssertEqual(set.matches(of: 0, in: rest), set.matchesUnfiltered(of: 0, in: rest),
                                   "round \(round), /\(patterns[k])/ from \(from) on \(text.debugDescription)", file: file, line: line)
                }
            }
            return found
        }
    }
}

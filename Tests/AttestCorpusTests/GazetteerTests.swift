@testable import AttestCorpus
import AttestTestSupport
import AttestText
import Foundation
import XCTest

final class GazetteerTests: XCTestCase {
    let g = Gazetteer.standard

    func testHasEveryMemberStateAndTheObservers() {
        let states = g.entries.filter { $0.kind == .state }
        XCTAssertEqual(states.filter { $0.status == "member" }.count, 193)
        XCTAssertEqual(Set(states.filter { $0.status == "observer" }.map(\.name)), ["Holy See", "State of Palestine"])
        XCTAssertEqual(Set(states.compactMap(\.iso3)).count, 195, "every State has its own ISO code")
    }

    func testCanonicalNamesAndAliases() {
        XCTAssertEqual(g.lookup("Vietnam")?.name, "Viet Nam")
        XCTAssertEqual(g.lookup("the United States")?.name, "United States of America")
        XCTAssertEqual(g.lookup("Russia")?.name, "Russian Federation")
        XCTAssertEqual(g.lookup("United Kingdom")?.name, "United Kingdom of Great Britain and Northern Ireland")
        XCTAssertEqual(g.lookup("the Niger")?.name, "Niger")
        XCTAssertEqual(g.lookup("UNODC")?.name, "United Nations Office on Drugs and Crime")
        XCTAssertEqual(g.lookup("Côte d’Ivoire")?.name, g.lookup("Cote d'Ivoire")?.name)
        XCTAssertEqual(g.entry(named: "Viet Nam")?.iso3, "VNM")
    }

    func testNeverConfusesANameWithALongerOneContainingIt() {
        let pairs: [(String, String)] = [
            ("Nigeria", "Nigeria"), ("Niger", "Niger"),
            ("Dominican Republic", "Dominican Republic"), ("Dominica", "Dominica"),
            ("Guinea-Bissau", "Guinea-Bissau"), ("Equatorial Guinea", "Equatorial Guinea"),
            ("Papua New Guinea", "Papua New Guinea"), ("Guinea", "Guinea"),
            ("South Sudan", "South Sudan"), ("the Sudan", "Sudan"),
            ("Democratic People's Republic of Korea", "Democratic People's Republic of Korea"),
            ("Republic of Korea", "Republic of Korea"),
            ("Democratic Republic of the Congo", "Democratic Republic of the Congo"), ("the Congo", "Congo"),
        ]
        for (text, expected) in pairs {
            XCTAssertEqual(g.mentions(in: "We heard from \(text) today.").map(\.target.name), [expected], text)
        }
        XCTAssertNil(g.lookup("Korea"), "'Korea' alone is ambiguous")
    }

    func testMentionsInAListAreLeftmostLongest() {
        let names = g.mentions(in: "Guinea, Guinea-Bissau, Niger, Nigeria, Sudan and South Sudan").map(\.target.name)
        XCTAssertEqual(names, ["Guinea", "Guinea-Bissau", "Niger", "Nigeria", "Sudan", "South Sudan"])
    }

    func testAcronymsMatchOnlyInCapitals() {
        XCTAssertTrue(g.mentions(in: "let us see who comes").isEmpty, "'us' and 'who' are words, not the US and WHO")
        XCTAssertEqual(g.mentions(in: "the US and WHO").map(\.target.name), ["United States of America", "World Health Organization"])
    }

    func testToleratesOCRErrorsInCountryNames() {
        XCTAssertEqual(g.lookupTolerant("C6te d'Ivoire")?.name, "Côte d'Ivoire")
        XCTAssertNil(g.lookupTolerant("Atlantis"))
    }
    /// The search tries at each word only the lengths of the names that start with it
    /// (`lengthsByFirstWord`); trying every length, from the longest name's down, must give the
    /// same mention at every place of texts made of names, their pieces, their neighbours in
    /// hyphenated words, typography and capitals.
    func testIndexedSearchFindsWhatTryingEveryLengthFinds() {
        var names = g.entries.flatMap { [$0.name] + $0.aliases } + g.groups.flatMap { [$0.name] + $0.aliases }
        names.sort()
        let pieces = names.flatMap { $0.split(separator: " ").map(String.init) }
        let glue: [String] = [" ", " ", " ", "\u{00A0}", "-", "\u{2011}", "’s ", ", ", " and ", " the ", ". ", " (", ") "]
        let fillers: [String] = ["on behalf of", "the", "Republic", "of", "Islands", "Mr.", "Council", "Guinea"]
        var rng = SplitMix64(state: 2026_12_06)
        var places = 0, found = 0
        for _ in 0..<3_000 {
            let text = rng.textOfNames(2 + rng.below(10), names: names, words: pieces, fillers: fillers, glue: glue)
            let words = WordTokenizer.tokens(text)
            XCTAssertTrue(Gazetteer.joinsInjectively(words), text)
            for i in words.indices {
                let indexed = g.match(words, at: i, indexed: true), tried = g.match(words, at: i, indexed: false)
                XCTAssertEqual(indexed, tried, "at word \(i) of \(text)")
                places += 1
                if tried != nil { found += 1 }
            }
        }
        // the texts exercise the search: names are found at many places, and missed at most
        XCTAssertGreaterThan(found, 5_000)
        XCTAssertGreaterThan(places - found, 20_000)
    }
}

/// The byte scan that decides whether a statement can say "on behalf of" at all.
final class BehalfPrefilterTests: XCTestCase {
    /// Where "on behalf of" stands around the 600th character, with ASCII or other text, CR LF
    /// and combining marks before it: the scan never changes what `onBehalfOf` finds.
    func testScanNeverChangesWhatIsFound() {
        let r = SpeakerResolver()
        let fillers = ["a", "é", "\r\n", "e\u{0301}", " ", "word ", "ß"]
        for filler in fillers {
            for count in [0, 100, 580, 590, 595, 600, 605, 1_190, 1_199, 1_200, 1_210] {
                let text = String(repeating: filler, count: count) + " I speak on behalf of France and Germany. Thank you."
                let fast = r.onBehalfOf(in: text, speaker: "Italy")
                let slow = r.onBehalfOfUnfiltered(in: text, speaker: "Italy")
                XCTAssertEqual(fast?.members, slow?.members, "\(filler.debugDescription) × \(count)")
                XCTAssertEqual(fast?.group, slow?.group)
                // a "behalf" in the opening is always seen; in a text that is not ASCII, one past it
                // never is (an ASCII text is searched in its first 1,200 bytes)
                let inOpening = String(text.prefix(600)).lowercased().contains("behalf")
                if text.utf8.prefix(1_200).allSatisfy({ $0 < 0x80 }) {
                    if inOpening { XCTAssertTrue(SpeakerResolver.mentionsBehalf(text), "\(filler.debugDescription) × \(count)") }
                } else {
                    XCTAssertEqual(SpeakerResolver.mentionsBehalf(text), inOpening, "\(filler.debugDescription) × \(count)")
                }
            }
        }
        XCTAssertEqual(r.onBehalfOf(in: "I speak on behalf of France and Germany.", speaker: "Italy")?.members, ["France", "Germany"])
    }

    /// `asciiRange(of:backwards:from:)`, the search `onBehalfOf` makes from the bytes, is
    /// Foundation's `range(of:)` (forwards from a place, and backwards) on random texts with
    /// combining marks, CR LF, a prepended character, joiners, a spacing mark, an emoji modifier,
    /// a mark newer than Foundation's tables and fullwidth letters around and inside the needles,
    /// in Strings and Substrings (before a joiner or a spacing mark Foundation finds the needle,
    /// before a combining mark it does not), as written and lowercased (the Kelvin sign and the
    /// ligature ﬁ lowercase to other characters).
    func testASCIIRangeIsFoundationsRange() {
        var rng = SplitMix64(state: 2483)
        let needles = ["on behalf of", ". ", ", I ", " on the agenda", " regarding ", "speak", "delivered by", "thank", "by the representative"]
        let pieces = ["on behalf of", "on", " ", "behalf", " of", ". ", ".", ", I ", ",", "I", "i", "\u{0301}", "\u{0600}", "\u{200D}", "\r\n",
                      "ｏ", "ａ", "é", "e\u{0301}", " on the agenda", "the agenda", " regarding ", "\u{00A0}", "x", "\u{200C}", "\u{0903}",
                      "\u{1F3FD}", "\u{1AD0}", "\u{FE0F}", "’", "“", "\u{2011}", "—", "\u{202F}", "…", "speak", "spe", "ak", "delivered",
                      " by", "by the", " representative", "thank", "t", "hank", "\u{212A}", "ﬁ"]
        var found = 0
        for k in 0..<4_000 {
            let written = (0..<rng.below(14)).map { _ in rng.pick(pieces) }.joined()
            let text = k % 2 == 0 ? written : written.lowercased()
            let sub = text.dropFirst(rng.below(3))
            for n in needles {
                let foundation = text.range(of: n)
                XCTAssertEqual(text.asciiRange(of: n), foundation, "\(text.debugDescription) \(n.debugDescription)")
                XCTAssertEqual(text.asciiRange(of: n, backwards: true), text.range(of: n, options: .backwards),
                               "backwards: \(text.debugDescription) \(n.debugDescription)")
                XCTAssertEqual(sub.asciiRange(of: n), sub.range(of: n), "substring: \(sub.debugDescription) \(n.debugDescription)")
                XCTAssertEqual(sub.asciiRange(of: n, backwards: true), sub.range(of: n, options: .backwards),
                               "substring backwards: \(sub.debugDescription) \(n.debugDescription)")
                if let r = foundation {
                    found += 1
                    XCTAssertEqual(text.asciiRange(of: n, from: r.upperBound), text.range(of: n, range: r.upperBound..<text.endIndex),
                                   "after the first: \(text.debugDescription) \(n.debugDescription)")
                }
            }
        }
        XCTAssertGreaterThan(found, 1_000)
    }

    /// The two searches `onBehalfOf` makes without Foundation are Foundation's: whether a text is
    /// only white space (`trimmingCharacters(in: .whitespaces).isEmpty`) and its first ";"
    /// (`firstIndex(of:)`, which also finds U+037E, canonically equivalent to ";", and not a ";"
    /// that a combining mark or a prepended character makes part of a larger character), on
    /// random texts of UN typography.
    func testWhiteSpaceAndSemicolonAreFoundationsAnswers() {
        var rng = SplitMix64(state: 2482)
        let pieces = [" ", "\u{00A0}", "\u{2009}", "\u{202F}", "\u{3000}", "\t", "\n", "\r\n", ";", "\u{037E}", "\u{0301}", "\u{0600}",
                      "\u{200D}", "\u{FE0F}", "on behalf of", "the Niger", "’", "“", "”", "—", "–", "\u{2011}", ".", ", ", "é", "e\u{0301}", "Ω", "👍🏽"]
        var semicolons = 0, blank = 0
        for _ in 0..<5_000 {
            var text = (0..<rng.below(10)).map { _ in rng.pick(pieces) }.joined()
            if rng.below(3) == 0 { text = (0..<rng.below(6)).map { _ in rng.pick([" ", "\u{00A0}", "\t", "\u{2009}", "\u{3000}", "\n"]) }.joined() }
            let expectedEnd = text.firstIndex(of: ";")
            XCTAssertEqual(SpeakerResolver.firstSemicolon(text), expectedEnd, text.debugDescription)
            if expectedEnd != nil { semicolons += 1 }
            let expectedBlank = text.trimmingCharacters(in: .whitespaces).isEmpty
            XCTAssertEqual(SpeakerResolver.isWhitespace(text), expectedBlank, text.debugDescription)
            XCTAssertEqual(SpeakerResolver.isWhitespace(text.dropFirst()), text.dropFirst().trimmingCharacters(in: .whitespaces).isEmpty,
                           text.debugDescription)
            if expectedBlank { blank += 1 }
        }
        XCTAssertGreaterThan(semicolons, 500)
        XCTAssertGreaterThan(blank, 300)
        XCTAssertEqual(SpeakerResolver.firstSemicolon("a;\u{0301} b\u{037E} c;"), "a;\u{0301} b\u{037E} c;".firstIndex(of: "\u{037E}"))
    }

    /// The scan that looks for "h" and "f" sixteen places at a time finds the first "behalf" a
    /// byte-by-byte search finds, on long random texts of UN typography with look-alikes ("be half",
    /// "behal\u{0301}f", "bEhAlF", "h" and "f" three apart) at every offset of the vector blocks.
    func testVectorScanFindsWhatAByteSearchFinds() {
        var rng = SplitMix64(state: 2482)
        let pieces = ["behalf", "BEHALF", "bEhAlF", "be half", "behal\u{0301}f", "behal", "half", "hxxf", "HxxF", "h", "f", "b", "e",
                      " ", "\u{00A0}", "’", "“", "é", "e\u{0301}", "word ", "the ", "of ", "\r\n", "ß", "👍🏽", "Côte d’Ivoire "]
        var said = 0
        for round in 0..<4_000 {
            let count = round < 1_000 ? rng.below(40) : rng.below(400)
            let text = (0..<count).map { _ in rng.pick(pieces) }.joined()
            let bytes = Array(text.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let ascii = bytes.prefix(1_200).allSatisfy { $0 < 0x80 }
            let searched = ascii ? Array(bytes.prefix(1_200)) : bytes
            let needle = Array("behalf".utf8)
            let first = searched.count < 6 ? nil : (0...(searched.count - 6)).first { Array(searched[$0..<($0 + 6)]) == needle }
            var expected = false
            if let first {
                let openingEnd = text.utf8.distance(from: text.startIndex,
                                                    to: text.index(text.startIndex, offsetBy: 600, limitedBy: text.endIndex) ?? text.endIndex)
                expected = ascii || first + 5 < openingEnd
            }
            if expected { said += 1 }
            XCTAssertEqual(SpeakerResolver.mentionsBehalf(text), expected, text.debugDescription)
        }
        XCTAssertGreaterThan(said, 1_000)
    }

    func testFindsBehalfInAnyCaseAndNothingElse() {
        let cases = ["behalf", "On BEHALF of", "xbehalfx", "BeHaLf", "be half", "behal", "ehalf", "bhalf", "", "h", "hhhhhh",
                     "behalF", "Ç behalf", "behal\u{0301}f", "BEHALF", "xxxxxbehalf", "behalfxxxx", "bébehalf"]
        for text in cases {
            XCTAssertEqual(SpeakerResolver.mentionsBehalf(text), text.lowercased().contains("behalf"), text)
        }
    }

    /// `SpeakerResolver.lowercased` (ASCII byte by byte) is `lowercased()`, for ASCII, UN
    /// typography and the scalars whose lowercase differs in length or depends on context.
    func testLowercasedIsTheStandardLibrarysLowercased() {
        var rng = SplitMix64(state: 600)
        let pieces = ["On BEHALF Of", "the Group of 77", "\u{00A0}", "\u{2011}", "’", "“", "”", "—", "–", "Côte d’Ivoire", "TÜRKİYE", "İ",
                      "ΟΔΟΣ", "Σ", "ς", "ß", "ẞ", "ﬁ", "K", "Ǆ", "ǅ", "Å", "E\u{0301}", "Привет", "ＡＢＣ", "👍🏽", "\n", " ", ", ", "A", "z"]
        for _ in 0..<2_000 {
            let text = (0..<rng.below(25)).map { _ in rng.pick(pieces) }.joined()
            XCTAssertEqual(SpeakerResolver.lowercased(text), text.lowercased(), text.debugDescription)
        }
    }

}

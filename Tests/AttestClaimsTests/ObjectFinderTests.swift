@testable import AttestClaims
import AttestFacts
import AttestModel
import AttestRules
import AttestTestSupport
import Foundation
import XCTest

/// The alias search of a plain sentence compares the aliases that start with a word of the
/// sentence there, without the expression (`ObjectFinder.aliasMatches`); it must find what the
/// expression's full scan finds.
final class ObjectFinderTests: XCTestCase {
    func testAliasSearchFindsWhatTheFullScanFinds() throws {
        let facts = try ClaimFacts.load(directory: TestFiles.url("Facts").path)
        // and two objects whose first words have Latin-1 capitals, which fold to their lower case
        let accented = ClaimObject(id: "x-accented", kind: .body, aliases: ["Économie Générale", "Ça Va Commission", "ÉTAT"],
                                   location: SourceLocation(path: "test.yaml", line: 1, column: 1))
        let objects = ClaimFixture.packs.flatMap(\.claimObjects) + [accented]
        let finder = ObjectFinder(facts: facts.treaties, objects: objects)
        let regex = try XCTUnwrap(finder.aliasRegex)
        var aliases = facts.treaties.aliases.map(\.alias) + objects.flatMap(\.aliases)
        aliases.sort()
        let pieces = aliases.flatMap { $0.split(separator: " ").map(String.init) }
        let glue: [String] = [" ", " ", "  ", "\n", "\u{00A0}", "-", "\u{2011}", "’s ", "'s ", ", ", " and ", " the ", ". ", " (", ") ", "_",
                              "é", "x", "1", " «", "» ", "\u{2013}", "/", "\t", "\u{0B}", "\u{0C}", "\r", " \u{2009}", "\u{202F}", " -", "'"]
        let fillers: [String] = ["States", "Council", "council", "COUNCIL", "Councils", "Treaty", "non", "Convention", "Protocol", "United",
                                 "ſ", "ß", "İ", "K", "ﬁ", "Ça", "ça", "économie", "État", "état", "Straße", "naïve", "Über"]
        // and the aliases with other spaces between their words (ICU's \s is White_Space: tab to carriage return,
        // no-break and thin spaces; not the information separators U+001C-U+001F)
        let spaces: [String] = ["\t", "\n", "\u{0B}", "\u{0C}", "\r", "  ", "\u{00A0}", "\u{2009}", "\u{202F}", " \u{2009}", "\u{1C}", "\u{1F}"]
        let names = aliases + spaces.flatMap { space in aliases.filter { $0.contains(" ") }.map { $0.replacingOccurrences(of: " ", with: space) } }
        var rng = SplitMix64(state: 1_206)
        var plain = 0, found = 0
        for _ in 0..<4_000 {
            let text = rng.textOfNames(1 + rng.below(9), names: names, words: pieces, fillers: fillers, glue: glue)
            let length = (text as NSString).length
            let full = regex.matches(in: text, range: NSRange(location: 0, length: length)).map(\.range)
            let fast = finder.aliasMatches(regex, in: text, length: length, folded: ObjectFinder.plainFolded(text))
            XCTAssertEqual(fast, full, text)
            if !text.utf16.contains(where: { ObjectFinder.plainUnit($0) == nil }) { plain += 1 }
            found += full.count
        }
        // most texts take the anchored search, and the expression matches often
        XCTAssertGreaterThan(plain, 2_000)
        XCTAssertGreaterThan(found, 4_000)
    }

    /// The citations, presidential statements and anaphors are looked for only in a sentence that
    /// holds what their matches hold (`ObjectFinder.mayHold`); the mentions must be those of every
    /// expression asked.
    func testScreenedExpressionsFindWhatEveryExpressionFinds() throws {
        let facts = try ClaimFacts.load(directory: TestFiles.url("Facts").path)
        let finder = ObjectFinder(facts: facts.treaties, objects: ClaimFixture.packs.flatMap(\.claimObjects))
        let names: [String] = ["resolution 2482 (2019)", "resolutions 2117 (2013) and 2220 (2015)", "Resolutions 1373, 2178 and 2396",
                               "RESOLUTION 2462", "S/RES/2195 (2014)", "s/res/2195", "S/PRST/2020/5", "s/prst/2020/5", "the draft resolution",
                               "today’s resolution", "this text", "the vote", "this evening's voting", "the voting on the draft resolution",
                               "our resolution 2535", "reſolution 2482", "ReSoLuTiOn 1540 (2004)", "the TEXT", "kind of resolution",
                               "the Arms Trade Treaty", "the Council"]
        let words: [String] = ["resolution", "resolutions", "text", "vote", "voting", "S/PRST/", "S/RES/", "2482", "(2019)", "draft"]
        let fillers: [String] = ["We", "welcome", "adopted", "ſ", "İ", "K", "ﬁ", "État", "naïve", "and", "of", "the"]
        let glue: [String] = [" ", " ", "  ", "\u{00A0}", ", ", " and ", ". ", "\n", "-", "’s "]
        var rng = SplitMix64(state: 2_482)
        var screenedOut = 0, found = 0
        for _ in 0..<4_000 {
            let text = rng.textOfNames(1 + rng.below(7), names: names, words: words, fillers: fillers, glue: glue)
            let resolution = rng.below(3) == 0 ? nil : 2482
            func described(_ m: [ObjectMention]) -> [String] { m.map { "\($0.ids) \($0.kind) \($0.range) \($0.text)" } }
            let screened = finder.mentions(in: text, meetingResolution: resolution, lastCited: 2396)
            let every = finder.mentions(in: text, meetingResolution: resolution, lastCited: 2396, screened: false)
            XCTAssertEqual(described(screened), described(every), text)
            let folded = ObjectFinder.plainFolded(text)
            if !ObjectFinder.mayHold(folded, ObjectFinder.resolutionWords) || !ObjectFinder.mayHold(folded, ObjectFinder.anaphorWords) { screenedOut += 1 }
            found += every.count
        }
        XCTAssertGreaterThan(screenedOut, 300, "the screen is taken")
        XCTAssertGreaterThan(found, 4_000)
    }

}

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
            let fast = finder.aliasMatches(regex, in: text, length: length)
            XCTAssertEqual(fast, full, text)
            if !text.utf16.contains(where: { ObjectFinder.plainUnit($0) == nil }) { plain += 1 }
            found += full.count
        }
        // most texts take the anchored search, and the expression matches often
        XCTAssertGreaterThan(plain, 2_000)
        XCTAssertGreaterThan(found, 4_000)
    }
}

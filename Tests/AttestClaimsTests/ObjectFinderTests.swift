@testable import AttestClaims
import AttestFacts
import AttestModel
import AttestRules
import AttestTestSupport
import Foundation
import XCTest

/// The alias search asks its expression only where an alias's first word begins
/// (`ObjectFinder.aliasMatches`); it must find what the expression's full scan finds.
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
                              "é", "x", "1", " «", "» ", "\u{2013}", "/"]
        let fillers: [String] = ["States", "Council", "council", "COUNCIL", "Councils", "Treaty", "non", "Convention", "Protocol", "United",
                                 "ſ", "ß", "İ", "K", "ﬁ", "Ça", "ça", "économie", "État", "état", "Straße", "naïve", "Über"]
        var rng = SplitMix64(state: 1_206)
        var plain = 0, found = 0
        for _ in 0..<4_000 {
            let text = rng.textOfNames(1 + rng.below(9), names: aliases, words: pieces, fillers: fillers, glue: glue)
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

import XCTest
@testable import AttestText

final class WordTokenizerTests: XCTestCase {
    private func folded(_ text: String) -> [String] {
        WordTokenizer.tokens(text).map(\.folded)
    }

    // MARK: folding

    func testHyphenNonBreakingHyphenSpaceAndCaseFoldToTheSameWords() {
        XCTAssertEqual(folded("Counter-Terrorism"), ["counter", "terrorism"])
        XCTAssertEqual(folded("counter\u{2011}terrorism"), ["counter", "terrorism"])
        XCTAssertEqual(folded("counter terrorism"), ["counter", "terrorism"])
        XCTAssertEqual(folded("COUNTER TERRORISM"), ["counter", "terrorism"])
    }

    func testHyphenAndNonBreakingHyphenJoinTheSecondWordButASpaceDoesNot() {
        XCTAssertEqual(WordTokenizer.tokens("Counter-Terrorism").map(\.joinedToPrevious), [false, true])
        XCTAssertEqual(WordTokenizer.tokens("counter\u{2011}terrorism").map(\.joinedToPrevious), [false, true])
        XCTAssertEqual(WordTokenizer.tokens("counter terrorism").map(\.joinedToPrevious), [false, false])
    }

    func testNoBreakSpaceSeparatesWords() {
        let tokens = WordTokenizer.tokens("resolution\u{00A0}2482")
        XCTAssertEqual(tokens, [
            WordToken(folded: "resolution", start: 0, end: 10, joinedToPrevious: false),
            // U+00A0 is two bytes in UTF-8: 10..<12
            WordToken(folded: "2482", start: 12, end: 16, joinedToPrevious: false),
        ])
    }

    func testCoteDIvoireFoldsDiacriticsAndJoinsIvoireToTheApostrophe() {
        let tokens = WordTokenizer.tokens("Côte d’Ivoire")
        XCTAssertEqual(tokens.map(\.folded), ["cote", "d", "ivoire"])
        XCTAssertEqual(tokens.map(\.joinedToPrevious), [false, false, true])
    }

    func testStraightApostropheJoinsLikeTheCurlyOne() {
        let tokens = WordTokenizer.tokens("Côte d'Ivoire")
        XCTAssertEqual(tokens.map(\.folded), ["cote", "d", "ivoire"])
        XCTAssertEqual(tokens.map(\.joinedToPrevious), [false, false, true])
    }

    func testDecomposedDiacriticFoldsLikeThePrecomposedOne() {
        XCTAssertEqual(folded("Co\u{0302}te"), ["cote"])
    }

    func testHyphenAfterASpaceDoesNotJoin() {
        XCTAssertEqual(WordTokenizer.tokens("terrorism -related").map(\.joinedToPrevious), [false, false])
        XCTAssertEqual(WordTokenizer.tokens("terrorism- related").map(\.joinedToPrevious), [false, false])
    }

    func testFirstWordIsNeverJoined() {
        XCTAssertEqual(WordTokenizer.tokens("-based").map(\.joinedToPrevious), [false])
    }

    // MARK: offsets

    func testOffsetsAreUTF8ByteOffsetsIntoTheOriginal() {
        // "Côte" is 5 bytes (ô is 2), "’" is 3 bytes
        let text = "Côte d’Ivoire"
        let tokens = WordTokenizer.tokens(text)
        XCTAssertEqual(tokens.map(\.start), [0, 6, 10])
        XCTAssertEqual(tokens.map(\.end), [5, 7, 16])
        let bytes = Array(text.utf8)
        XCTAssertEqual(tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }, ["Côte", "d", "Ivoire"])
    }

    func testOffsetsAfterFourByteCharacter() {
        // U+1F30D is 4 bytes; it is not a word scalar
        let tokens = WordTokenizer.tokens("🌍 Niger")
        XCTAssertEqual(tokens, [WordToken(folded: "niger", start: 5, end: 10, joinedToPrevious: false)])
    }

    func testBaseIsAddedToEveryOffset() {
        let tokens = WordTokenizer.tokens("São Tomé", base: 100)
        XCTAssertEqual(tokens.map(\.folded), ["sao", "tome"])
        XCTAssertEqual(tokens.map(\.start), [100, 105])
        XCTAssertEqual(tokens.map(\.end), [104, 110])
    }

    func testEmptyAndPunctuationOnlyTextHaveNoWords() {
        XCTAssertEqual(WordTokenizer.tokens(""), [])
        XCTAssertEqual(WordTokenizer.tokens(" — “” ,.\u{00A0}"), [])
    }

    // MARK: isAllCaps

    func testIsAllCaps() {
        let tokens = WordTokenizer.tokens("UNODC and the US, Mr. A Un ÉU")
        XCTAssertEqual(tokens.map(\.folded), ["unodc", "and", "the", "us", "mr", "a", "un", "eu"])
        XCTAssertEqual(tokens.map(\.isAllCaps), [true, false, false, true, false, false, false, true])
    }

    func testDigitsAreNotAllCaps() {
        XCTAssertEqual(WordTokenizer.tokens("2482").map(\.isAllCaps), [false])
    }

    // MARK: key

    func testKeyJoinsFoldedWordsWithSingleSpaces() {
        XCTAssertEqual(WordTokenizer.key("  Guinea-Bissau\u{00A0}(Republic of) "), "guinea bissau republic of")
    }
}

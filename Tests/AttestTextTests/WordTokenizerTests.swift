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

    /// Guards issue 18 item 17: a soft hyphen, a zero-width space or joiner, a word joiner, a byte
    /// order mark or a bidi control inside a word split it, so that "hu\u{00AD}man rights" hid
    /// "human rights". They are skipped; the word's offsets still span them in the original text.
    func testInvisibleCharactersInsideAWordDoNotSplitIt() {
        let invisible: [Unicode.Scalar] = ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
                                           "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
                                           "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}"]
        for c in invisible {
            let text = "hu\(c)man rights"
            let width = String(c).utf8.count
            XCTAssertEqual(WordTokenizer.tokens(text), [
                WordToken(folded: "human", start: 0, end: 5 + width, joinedToPrevious: false),
                WordToken(folded: "rights", start: 6 + width, end: 12 + width, joinedToPrevious: false),
            ], "U+\(String(c.value, radix: 16, uppercase: true))")
            // before, after and between words they are nothing: not part of a word's offsets, no separator
            XCTAssertEqual(WordTokenizer.tokens("\(c)human\(c) \(c)rights\(c)").map { [$0.start, $0.end] },
                           [[width, width + 5], [3 * width + 6, 3 * width + 12]])
            XCTAssertEqual(folded("Guinea-\(c)Bissau"), ["guinea", "bissau"])
            XCTAssertEqual(WordTokenizer.tokens("Guinea-\(c)Bissau").map(\.joinedToPrevious), [false, true])
        }
        XCTAssertEqual(folded("E\u{0301}\u{00AD}tats\u{200B}-Unis"), ["etats", "unis"])
        XCTAssertEqual(WordTokenizer.key("RIGHTS\u{2060}HOLDERS"), "rightsholders")
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

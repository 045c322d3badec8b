import XCTest
@testable import AttestMatching

final class TextAnalysisTests: XCTestCase {
    func testWordsSentencesAndCitationsOfOneText() {
        let a = TextAnalysis("We recall resolution 2482 (2019). Mr. Smith agreed.")
        XCTAssertEqual(a.words.map(\.folded), ["we", "recall", "resolution", "2482", "2019", "mr", "smith", "agreed"])
        XCTAssertEqual(a.sentences, [0..<33, 34..<51])
        XCTAssertEqual(a.citations, [Citation(resolution: 2482, year: 2019, start: 21, end: 32)])
    }

    func testSentenceUnitsAreTheSentences() {
        let a = TextAnalysis("One. Two.")
        XCTAssertEqual(a.units(.sentence), [0..<4, 5..<9])
    }

    func testTextWithoutSentencesIsOneSentenceUnit() {
        XCTAssertEqual(TextAnalysis("  ").units(.sentence), [0..<2])
    }

    func testParagraphUnitsSplitAtBlankLines() {
        let a = TextAnalysis("One.\nStill one.\n\nTwo.\n\n\n\nThree.")
        XCTAssertEqual(a.units(.paragraph), [0..<15, 17..<21, 25..<31])
    }

    func testStatementUnitIsTheWholeText() {
        XCTAssertEqual(TextAnalysis("One.\n\nTwo. Three.").units(.statement), [0..<17])
    }

    func testWordRangeHoldsTheWordsInsideAByteRange() {
        let a = TextAnalysis("Côte d’Ivoire respects human rights.")
        // "respects" is bytes 17..<25, "human rights" 26..<38
        XCTAssertEqual(a.wordRange(17..<38), 3..<6)
        XCTAssertEqual(a.wordRange(26..<38), 4..<6)
        XCTAssertEqual(a.wordRange(27..<38), 5..<6)
        XCTAssertEqual(a.wordRange(0..<0), 0..<0)
    }
}

import XCTest
@testable import AttestText

final class SentenceSplitterTests: XCTestCase {
    /// The sentences of `text` as strings, cut at the splitter's UTF-8 offsets.
    private func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.sentences(text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func testSplitsAtFullStopBeforeCapital() {
        XCTAssertEqual(SentenceSplitter.sentences("We agree. The Council acts."), [0..<9, 10..<27])
    }

    func testDoesNotSplitBeforeLowercase() {
        XCTAssertEqual(sentences("It cost approx. ten dollars. Then it ended."),
                       ["It cost approx. ten dollars.", "Then it ended."])
        XCTAssertEqual(sentences("See p. seven of the report."), ["See p. seven of the report."])
    }

    func testSplitsAtQuestionAndExclamationMarks() {
        XCTAssertEqual(sentences("Why now? Because! It matters."), ["Why now?", "Because!", "It matters."])
    }

    func testSplitsBeforeDigitAndOpeningQuote() {
        XCTAssertEqual(sentences("It ended. 2019 was hard. “We act,” he said."),
                       ["It ended.", "2019 was hard.", "“We act,” he said."])
    }

    func testSplitsBeforeAccentedCapital() {
        XCTAssertEqual(sentences("We thank Egypt. Égypte agrees."), ["We thank Egypt.", "Égypte agrees."])
    }

    func testTitlesDoNotEndASentence() {
        XCTAssertEqual(sentences("I thank Mr. Voronkov. I thank Ms. Waly and Dr. Smith."),
                       ["I thank Mr. Voronkov.", "I thank Ms. Waly and Dr. Smith."])
    }

    func testInitialsDoNotEndASentence() {
        XCTAssertEqual(sentences("Mrs. L.P. Marsudi presided. She spoke."), ["Mrs. L.P. Marsudi presided.", "She spoke."])
        XCTAssertEqual(sentences("We heard from U.S. officials. They agreed."), ["We heard from U.S. officials.", "They agreed."])
        XCTAssertEqual(sentences("The U.S. Government agreed."), ["The U.S. Government agreed."])
    }

    func testClosingQuoteStaysWithItsSentence() {
        let text = "She said: “We will act.” Next, the Council voted."
        XCTAssertEqual(sentences(text), ["She said: “We will act.”", "Next, the Council voted."])
        // “ and ” are 3 bytes each
        XCTAssertEqual(SentenceSplitter.sentences(text), [0..<28, 29..<53])
    }

    func testStraightQuoteAndBracketStayWithTheirSentence() {
        XCTAssertEqual(sentences("He said \"stop.\" Then (it ended.) Done."), ["He said \"stop.\"", "Then (it ended.)", "Done."])
    }

    func testNoBreakSpaceAfterFullStopSplits() {
        let text = "We agree.\u{00A0}The Council acts."
        XCTAssertEqual(SentenceSplitter.sentences(text), [0..<9, 11..<28])
    }

    func testOffsetsAreTrimmedOfSpacesAndNoBreakSpaces() {
        let text = "  We agree.   \n The Council acts.\u{00A0} "
        XCTAssertEqual(SentenceSplitter.sentences(text), [2..<11, 16..<33])
        XCTAssertEqual(sentences(text), ["We agree.", "The Council acts."])
    }

    func testTextWithoutFinalFullStopKeepsItsLastSentence() {
        XCTAssertEqual(sentences("We agree. The Council acts"), ["We agree.", "The Council acts"])
        XCTAssertEqual(SentenceSplitter.sentences("No full stop at all"), [0..<19])
    }

    func testFullStopAtTheEndIsPartOfTheLastSentence() {
        XCTAssertEqual(sentences("One. Two."), ["One.", "Two."])
    }

    func testOffsetsCountBytesOfMultiByteCharacters() {
        let text = "Côte d’Ivoire agrees. Türkiye too."
        // "Côte d’Ivoire agrees." is 21 characters and 24 bytes
        XCTAssertEqual(SentenceSplitter.sentences(text), [0..<24, 25..<38])
    }

    func testEmptyAndBlankTextHaveNoSentences() {
        XCTAssertEqual(SentenceSplitter.sentences(""), [])
        XCTAssertEqual(SentenceSplitter.sentences(" \n\u{00A0} "), [])
    }
}

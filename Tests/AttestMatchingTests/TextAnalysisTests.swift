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

    /// The end of a word range, found by doubling steps and halving, is the place a word-by-word
    /// reading finds (the first word from the range's first that ends past it), on random word
    /// ends and offsets: before, at and past every end, from every start, with no words and many.
    func testFirstEndIsTheWordByWordReadingsPlace() {
        func reference(_ offset: Int, _ ends: [Int], _ from: Int) -> Int {
            var end = from
            while end < ends.count, ends[end] <= offset { end += 1 }
            return end
        }
        var state: UInt64 = 2482
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var checked = 0
        for _ in 0..<400 {
            var ends: [Int] = []
            var at = 0
            for _ in 0..<next(300) {
                at += 1 + next(12)
                ends.append(at)
            }
            for from in stride(from: 0, through: ends.count, by: max(1, ends.count / 17)) {
                for offset in [-1, 0, at + 5] + (0..<12).map({ _ in next(at + 2) }) + ends.map({ $0 - 1 }).prefix(40) {
                    XCTAssertEqual(TextAnalysis.firstEnd(after: offset, in: ends, from: from), reference(offset, ends, from),
                                   "offset \(offset) from \(from) in \(ends.count) ends")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 20_000)
    }

    /// Paragraphs found by searching for line feeds are those a byte-by-byte reading finds, on
    /// random texts of line feeds, blank lines, spaces and multi-byte letters.
    func testParagraphsAreTheByteByByteReadingsParagraphs() {
        func reference(_ text: String) -> [Range<Int>] {
            var result: [Range<Int>] = []
            let b = Array(text.utf8)
            var start = 0, i = 0
            while i + 1 < b.count {
                if b[i] == 0x0A, b[i + 1] == 0x0A {
                    if start < i { result.append(start..<i) }
                    start = i + 2
                    i += 2
                    continue
                }
                i += 1
            }
            if start < b.count { result.append(start..<b.count) }
            return result.isEmpty ? [0..<b.count] : result
        }
        var state: UInt64 = 8711
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let pieces = ["a", "\n", "\n\n", "\n\n\n", " ", "é", "\r\n", "Word."]
        var split = 0
        for _ in 0..<5_000 {
            let text = (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined()
            let found = TextAnalysis.paragraphs(text)
            XCTAssertEqual(found, reference(text), text.debugDescription)
            if found.count > 1 { split += 1 }
        }
        XCTAssertGreaterThan(split, 1_000)
    }
}

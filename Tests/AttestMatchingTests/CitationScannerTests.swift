import XCTest
@testable import AttestMatching

final class CitationScannerTests: XCTestCase {
    private func cites(_ text: String) -> [Citation] {
        CitationScanner.citations(in: text)
    }

    /// The text each citation covers.
    private func covered(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return cites(text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    func testResolutionWithYear() {
        XCTAssertEqual(cites("resolution 2482 (2019)"), [Citation(resolution: 2482, year: 2019, start: 11, end: 22)])
    }

    func testResolutionWithoutYear() {
        XCTAssertEqual(cites("We call on all States to implement resolution 2482."),
                       [Citation(resolution: 2482, year: nil, start: 46, end: 50)])
    }

    func testSymbolForm() {
        XCTAssertEqual(cites("Recalling S/RES/2482 (2019), the Council acted."),
                       [Citation(resolution: 2482, year: 2019, start: 16, end: 27)])
    }

    func testCapitalisedResolution() {
        XCTAssertEqual(cites("Resolution 2482 (2019)"), [Citation(resolution: 2482, year: 2019, start: 11, end: 22)])
        XCTAssertEqual(cites("RESOLUTION 2482"), [Citation(resolution: 2482, year: nil, start: 11, end: 15)])
    }

    func testTwoResolutionsJoinedByAnd() {
        XCTAssertEqual(cites("resolutions 2462 (2019) and 2482 (2019)"), [
            Citation(resolution: 2462, year: 2019, start: 12, end: 23),
            Citation(resolution: 2482, year: 2019, start: 28, end: 39),
        ])
    }

    func testThreeResolutionsWithCommaAndAnd() {
        let text = "resolutions 1373 (2001), 2178 (2014) and 2482 (2019)"
        XCTAssertEqual(cites(text), [
            Citation(resolution: 1373, year: 2001, start: 12, end: 23),
            Citation(resolution: 2178, year: 2014, start: 25, end: 36),
            Citation(resolution: 2482, year: 2019, start: 41, end: 52),
        ])
        XCTAssertEqual(covered(text), ["1373 (2001)", "2178 (2014)", "2482 (2019)"])
    }

    func testAsWellAsAndSemicolonSeparateResolutions() {
        XCTAssertEqual(cites("resolutions 2462 (2019) as well as 2482 (2019); 2370 (2017)").map(\.resolution), [2462, 2482, 2370])
    }

    func testNoBreakSpacesBetweenWords() {
        // the press releases write "resolution\u{00A0}2482\u{00A0}(2019)"; U+00A0 is two bytes
        let text = "resolution\u{00A0}2482\u{00A0}(2019)"
        XCTAssertEqual(cites(text), [Citation(resolution: 2482, year: 2019, start: 12, end: 24)])
        XCTAssertEqual(covered(text), ["2482\u{00A0}(2019)"])
    }

    func testNoBreakSpacesInAnEnumeration() {
        XCTAssertEqual(cites("resolutions\u{00A0}2462\u{00A0}(2019) and\u{00A0}2482\u{00A0}(2019)").map(\.resolution), [2462, 2482])
    }

    func testYearsAttachToTheirOwnNumber() {
        XCTAssertEqual(cites("resolutions 2462 and 2482 (2019)"), [
            Citation(resolution: 2462, year: nil, start: 12, end: 16),
            Citation(resolution: 2482, year: 2019, start: 21, end: 32),
        ])
        XCTAssertEqual(cites("resolutions 2462 (2019) and 1373").map(\.year), [2019, nil])
    }

    func testOffsetsAfterMultiByteCharacters() {
        let text = "Côte d’Ivoire supports resolution 2482 (2019)."
        XCTAssertEqual(cites(text), [Citation(resolution: 2482, year: 2019, start: 37, end: 48)])
        XCTAssertEqual(covered(text), ["2482 (2019)"])
    }

    func testNumberWithThousandsSeparatorIsNotACitation() {
        XCTAssertEqual(cites("More than 2,482 people attended."), [])
    }

    func testDocumentSymbolIsNotACitation() {
        XCTAssertEqual(cites("The report, document S/2020/754, lists 2482 measures."), [])
    }

    func testResolutionOfAConflictIsNotACitation() {
        XCTAssertEqual(cites("the peaceful resolution of the conflict"), [])
        XCTAssertEqual(cites("a resolution, adopted in 2019, on terrorism"), [])
    }

    func testResolutionMustBeAWholeWord() {
        XCTAssertEqual(cites("the draft resolutions2482 text"), [])
        XCTAssertEqual(cites("resolutionary 2482"), [])
    }

    func testSixDigitNumberIsNotACitation() {
        XCTAssertEqual(cites("resolution 248219"), [])
    }

    func testYearNeedsFourDigitsInParentheses() {
        XCTAssertEqual(cites("resolution 2482 (19)"), [Citation(resolution: 2482, year: nil, start: 11, end: 15)])
    }

    /// Regression: after the singular "resolution", a number that followed the citation and a comma or
    /// "and" was read as another resolution.
    func testSingularResolutionCitesOneNumber() {
        XCTAssertEqual(cites("Under resolution 2482 (2019), 2020 saw progress."),
                       [Citation(resolution: 2482, year: 2019, start: 17, end: 28)])
        XCTAssertEqual(cites("We implemented resolution 2482 (2019) and 12 national action plans."),
                       [Citation(resolution: 2482, year: 2019, start: 26, end: 37)])
    }
}

import XCTest
@testable import AttestMatching
import AttestTestSupport

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

    /// The scan goes from one "resolution" or "S/RES/" to the next (`citables`), asked of the
    /// text's own bytes: on random texts of UN typography (no-break spaces in citations, curly
    /// quotes, dashes, "resolution" and "S/RES/" whole, in pieces and in every case, "u" and "/"
    /// alone), Strings and Substrings, it finds what the scan of every byte finds, and nothing
    /// when the reference check `mayCite` says no citation can start.
    func testScanFromTheFirstCitableWordFindsWhatTheWholeScanFinds() {
        var rng = SplitMix64(state: 2482)
        let pieces = ["resolution", "Resolutions", "RESOLUTION", "resolution\u{00A0}", "S/RES/2482 (2019)", "s/res/1325", "S/RES/", "S/",
                      "RES/", "resol", "ution", "u", "U", "/", "2482", " (2019)", "\u{00A0}(2019)", "2462\u{00A0}(2019)", " and ", " as well as ",
                      ", ", " ", "\u{00A0}", "’", "“", "”", " — ", "–", "\u{2011}", "Council", "s", "resolutionary", "xresolution", "é"]
        var found = 0
        for _ in 0..<5_000 {
            let text = (0..<rng.below(14)).map { _ in rng.pick(pieces) }.joined()
            let bytes = Array(text.utf8)
            let expected = CitationScanner.mayCite(bytes) ? CitationScanner.citationsWithLead(bytes, from: 0) : []
            let got = CitationScanner.citationsWithLead(in: text)
            XCTAssertEqual(got.map(\.citation), expected.map(\.citation), text.debugDescription)
            XCTAssertEqual(got.map(\.lead), expected.map(\.lead), text.debugDescription)
            let sub = ("x " + text).dropFirst(2)
            XCTAssertEqual(CitationScanner.citationsWithLead(in: sub).map(\.citation), expected.map(\.citation), text.debugDescription)
            found += got.count
        }
        XCTAssertGreaterThan(found, 1_000)
    }
}

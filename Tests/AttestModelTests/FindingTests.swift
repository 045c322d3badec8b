import AttestModel
import XCTest

final class FindingTests: XCTestCase {
    func testFindingCarriesTheSentenceByItsOffsets() {
        let s = Statement(document: "d", index: 0, speaker: "Mr. X", delegation: "France", kind: .state,
                          text: "First. Second – with “quotes”.", start: 0, end: 0, line: 1)
        let start = "First. ".utf8.count
        let f = Finding(statement: s, match: RuleMatch(ruleID: "r", unitStart: start, unitEnd: s.text.utf8.count,
                                                        spans: [MatchedSpan(start: start, end: start + 6, by: "phrase", at: "x:1:1")]))
        XCTAssertEqual(f.sentence, "Second – with “quotes”.")
        XCTAssertEqual(f.sentenceStart, start)
    }

    func testUTF8SliceClampsAndNeverSplitsACharacterBadly() {
        XCTAssertEqual("héllo".utf8Slice(0..<100), "héllo")
        XCTAssertEqual("héllo".utf8Slice(-5..<1), "h")
    }

    func testEverySpeakerKindIsARuleSpeakerKind() {
        XCTAssertEqual(SpeakerKind.allCases.map(\.rawValue), ["state", "organization", "un-entity", "civil-society", "presidency", "narrative", "unknown"])
    }
}

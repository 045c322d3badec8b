import AttestFormats
import AttestModel
@testable import AttestStreaming
import XCTest

/// The shortcuts of `attest match`'s records against the slow ways they replace, which decide.
final class StreamRecordFastPathTests: XCTestCase {
    /// `StreamRecord.attribution` (keys written in sorted order) gives what `attributionJSON`
    /// (through `JSONValue` and its ICU key order) gives, for every shape of basis.
    func testAttributionWrittenInSortedOrderIsWhatJSONValueSortsTo() {
        var bases: [AttributionBasis?] = [nil]
        let evidences: [String?] = [nil, "France", "Mr. \"Dupont\" \\ (France)\n\u{00A0}é", ""]
        for method in AttributionBasis.Method.allCases {
            for certainty in [AttributionBasis.Certainty.certain, .inferred] {
                for evidence in evidences {
                    for statement in [nil, 0, 12] as [Int?] {
                        for offsets in [nil, (3, 41), (0, 0)] as [(Int, Int)?] {
                            bases.append(AttributionBasis(method: method, certainty: certainty, evidence: evidence, evidenceStatement: statement,
                                                          evidenceStart: offsets?.0, evidenceEnd: offsets?.1))
                        }
                    }
                }
            }
        }
        // one offset without the other: neither is written
        bases.append(AttributionBasis(method: .factsRow, certainty: .certain, evidence: "Facts/x.csv:3", evidenceStart: 5))
        bases.append(AttributionBasis(method: .factsRow, certainty: .certain, evidence: nil, evidenceEnd: 9))
        for b in bases {
            var w = JSONWriter()
            w.beginObject()
            StreamRecord.attribution(&w, b)
            w.field("date", "x")
            w.endObject()
            XCTAssertEqual(w.output, #"{"attribution":"# + StreamRecord.attributionJSON(b) + #","date":"x"}"#, "\(String(describing: b))")
        }
    }
}

import AttestCorpus
import AttestFacts
import AttestModel
import XCTest

/// The President's State: decided from evidence, never guessed.
final class PresidencyResolverTests: XCTestCase {
    func read(_ record: String, path: String = "test.txt", facts: AttributionFacts = AttributionFacts()) -> ReadResult {
        VerbatimRecordReader(facts: facts).read(SourceText(path: path, text: record))
    }

    func testAStateSpeakingThroughItsOwnRepresentativeDoesNotPreside() {
        let r = read("""
            The President: I shall now make a statement in my national capacity. We welcome the report.

            Mr. A (France): We thank the French presidency.

            """)
        XCTAssertNil(r.presidency?.state)
        XCTAssertEqual(r.statements[0].kind, .unknown)
        XCTAssertEqual(r.warnings.map(\.line), [1])
        XCTAssertTrue(r.warnings[0].message.hasPrefix("statement 0 ('The President') speaks in a national capacity but the presiding State is unknown"))
    }

    func testConflictingEvidenceIsUnknown() {
        let r = read("""
            Mr. A (Chile): We thank the Belgian presidency.

            Mr. B (Peru): We thank the German presidency.

            The President: I shall now make a statement in my national capacity. We welcome the report.

            """)
        XCTAssertNil(r.presidency?.state)
        XCTAssertEqual(r.presidency?.reason, "the record names Belgium and Germany for the presidency")
        XCTAssertEqual(r.statements[2].kind, .unknown)
    }

    func testLookingBackIsNotEvidence() {
        let r = read("""
            Mr. A (Chile): We thank Viet Nam for its presidency last month.

            The President: I shall now make a statement in my national capacity. We welcome the report.

            """)
        XCTAssertNil(r.presidency?.state)
    }

    func testTheMonthsFactsRowWhenTheRecordIsSilent() throws {
        let meetings = try MeetingsTable(FactsTable(text: "symbol,part,date\nS/PV.8768,main,2020-10-15\n", path: "m.csv"))
        let presidencies = try PresidencyTable(FactsTable(text: "month,state\n2020-10,Russian Federation\n", path: "p.csv"))
        let r = read("""
            The President: I shall now make a statement in my national capacity. We abstained.

            Mr. A (Chile): We abstained too.

            """, path: "S-PV-8768.txt", facts: AttributionFacts(meetings: meetings, presidencies: presidencies))
        XCTAssertEqual(r.statements[0].delegation, "Russian Federation")
        XCTAssertEqual(r.statements[0].date, "2020-10-15")
        XCTAssertEqual(r.statements[0].attribution?.method, .factsRow)
        XCTAssertEqual(r.statements[0].attribution?.certainty, .inferred)
        XCTAssertEqual(r.statements[0].attribution?.evidence, "p.csv:2; I shall now make a statement in my national capacity.")
    }

    func testTheRecordOverTheTableIsAConflict() throws {
        let meetings = try MeetingsTable(FactsTable(text: "symbol,part,date\nS/PV.1,main,2020-10-15\n", path: "m.csv"))
        let presidencies = try PresidencyTable(FactsTable(text: "month,state\n2020-10,Russian Federation\n", path: "p.csv"))
        let r = read("""
            The President: I shall now make a statement in my capacity as the representative of China. We welcome it.

            """, path: "S-PV-1.txt", facts: AttributionFacts(meetings: meetings, presidencies: presidencies))
        XCTAssertNil(r.presidency?.state)
        XCTAssertEqual(r.presidency?.reason, "the record names China but p.csv:2 gives Russian Federation for 2020-10")
        XCTAssertEqual(r.statements[0].kind, .unknown)
    }

    func testCapacityAsPresidentNamesNoState() {
        let r = read("""
            The President: First, in my capacity as President of the Security Council, in response to the comment made by the representative of France, I recall the rules.

            Mr. A (France): We disagree.

            """)
        XCTAssertEqual(r.statements[0].kind, .presidency)
    }
}

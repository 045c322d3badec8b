import AttestFacts
import Foundation
import XCTest

final class CouncilFactsTests: XCTestCase {
    static let facts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Facts").path

    func testShippedTablesLoadWithProvenance() throws {
        let c = try CouncilFacts(folder: Self.facts)
        XCTAssertEqual(c.presidencies.states(inYear: 2020), ["Viet Nam", "Belgium", "China", "Dominican Republic", "Estonia", "France",
                                                             "Germany", "Indonesia", "Niger", "Russian Federation",
                                                             "Saint Vincent and the Grenadines", "South Africa"])
        let oct = try XCTUnwrap(c.presidencies.presidency(on: "2020-10-05"))
        XCTAssertEqual(oct.state, "Russian Federation")
        XCTAssertFalse(oct.row.source.isEmpty)
        XCTAssertFalse(oct.row.retrieved.isEmpty)
        XCTAssertFalse(oct.row.licence.isEmpty)
        XCTAssertTrue(oct.row.location.hasSuffix("council_presidencies.csv:\(oct.row.line)"))
        XCTAssertEqual(c.members.members(on: "2020-06-01").count, 15)
        XCTAssertEqual(c.meetings.meeting(symbol: "S/PV.8715")?.date, "2020-02-06")
        XCTAssertEqual(c.meetings.meeting(symbol: "S/PV.8721", part: "main")?.date, "2020-02-12")
        XCTAssertEqual(c.meetings.meeting(symbol: "S/PV.8699", part: "Resumption 1")?.date, "2020-01-10")
        XCTAssertNil(c.meetings.meeting(symbol: "S/PV.8698"), "an empty date is not known, not a date")
    }

    func testEveryShippedRowHasASource() throws {
        for name in ["council_members.csv", "council_presidencies.csv", "meetings.csv"] {
            let t = try FactsTable(contentsOf: Self.facts + "/" + name, required: FactsTable.provenanceColumns)
            for row in t.rows where !(row["date"] == nil && name == "meetings.csv") {
                XCTAssertFalse(row.source.isEmpty, "\(row.location): no source")
            }
        }
    }

    func testBadRowsAreReportedWithTheirPlace() {
        XCTAssertThrowsError(try MeetingsTable(FactsTable(text: "symbol,part,date\nS/PV.1,main,6 August\n", path: "m.csv"))) { e in
            XCTAssertEqual("\(e)", "m.csv:2:13: date '6 August' is not YYYY-MM-DD")
        }
        XCTAssertThrowsError(try FactsTable(text: "symbol,part\nS/PV.1,main,x\n", path: "m.csv")) { e in
            XCTAssertTrue("\(e)".hasPrefix("m.csv:2:"), "\(e)")
        }
        XCTAssertThrowsError(try FactsTable(text: "symbol,part\n", path: "m.csv", required: ["date"])) { e in
            XCTAssertEqual("\(e)", "m.csv:1:1: facts table has no column 'date'; the header is: symbol,part")
        }
        // one reader for council and claim facts: an empty file and a file that is not UTF-8 say so at 1:1
        XCTAssertThrowsError(try FactsTable(text: "", path: "m.csv")) { e in
            XCTAssertEqual("\(e)", "m.csv:1:1: facts file is empty; expected a header row")
        }
        XCTAssertThrowsError(try FactsTable(contentsOf: "/nonexistent/m.csv")) { e in
            XCTAssertEqual("\(e)", "/nonexistent/m.csv:1:1: cannot read facts file (no such file or not readable)")
        }
    }
}

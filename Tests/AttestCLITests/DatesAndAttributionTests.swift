import AttestTestSupport
import Foundation
import XCTest

/// Dates and attribution explanations on the command line (issue 13).
final class DatesAndAttributionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-dates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let record = """
        The President: I shall now make a statement in my capacity as the representative of Viet Nam. We welcome the report.

        Mr. Nebenzia (Russian Federation): We thank the Viet Nam presidency.

        """

    func objects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func testMeetingsFileDatesARecordNamedBySymbol() throws {
        let path = try write("S-PV-9999.txt", Self.record)
        let meetings = try write("meetings.csv", "symbol,part,date\nS/PV.9999,main,2020-01-15\n")
        let r = try ProcessRunner.attest(["statements", "--meetings", meetings, path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try objects(r.stdout)
        XCTAssertEqual(lines.map { $0["date"] as? String }, ["2020-01-15", "2020-01-15"])
        let president = try XCTUnwrap(lines.first?["attribution"] as? [String: Any])
        XCTAssertEqual(president["method"] as? String, "presidency-evidence")
        XCTAssertEqual(president["certainty"] as? String, "certain")
        XCTAssertEqual(president["evidence"] as? String, "I shall now make a statement in my capacity as the representative of Viet Nam.")
        XCTAssertEqual(president["evidence_start"] as? Int, 15, "offsets of the sentence in the file")
        let header = try XCTUnwrap(lines.last?["attribution"] as? [String: Any])
        XCTAssertEqual(header["method"] as? String, "header-country")
    }

    func testWithoutADateTheDateIsNull() throws {
        let path = try write("record.txt", Self.record)
        let r = try ProcessRunner.attest(["statements", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try objects(r.stdout).allSatisfy { $0["date"] is NSNull })
    }

    func testABadMeetingsFileIsAnErrorWithItsPlace() throws {
        let path = try write("S-PV-9999.txt", Self.record)
        let meetings = try write("meetings.csv", "symbol,part,date\nS/PV.9999,main,15 January\n")
        let r = try ProcessRunner.attest(["statements", "--meetings", meetings, path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("meetings.csv:2:16: date '15 January' is not YYYY-MM-DD"), r.stderr)
    }

    func testJSONLinesDateField() throws {
        let path = try write("d.jsonl", #"{"delegation":"Belgium","text":"We act.","date":"2020-02-01"}"# + "\n" +
                                        #"{"delegation":"Belgium","text":"We act.","date":"1 Feb"}"# + "\n")
        let r = try ProcessRunner.attest(["statements", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try objects(r.stdout).map { $0["date"] as? String }, ["2020-02-01"])
        XCTAssertTrue(r.stderr.contains("\"date\" is not YYYY-MM-DD"), r.stderr)
    }

    // a resolution text and MANIFEST.csv were audited as paragraphs belonging to nobody, exit 0
    func testADocumentWithNothingAttributedIsSkipped() throws {
        let resolution = try write("S-RES-1.txt", "Resolution 1 (2020)\n\nAdopted by the Security Council at its 1st meeting.\n\nThe Security Council,\n\nDecides to remain seized of the matter.\n")
        let r = try ProcessRunner.attest(["audit", resolution])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(resolution): no statements recognised; skipped"), r.stderr)
    }

    // the President's national turn when the record does not name the State: unknown with a warning, and a note in audit.md
    func testUnknownPresidencyIsWarnedAndNoted() throws {
        let path = try write("record.txt", """
            The President: I shall now make a statement in my national capacity. We welcome the report and recall resolution 2482 (2019).

            Mr. Nebenzia (Russian Federation): We recall resolution 2482 (2019).

            """)
        let out = dir.appendingPathComponent("out").path
        let r = try ProcessRunner.attest(["audit", "--out", out, path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: statement 0 ('The President') speaks in a national capacity but the presiding State is unknown"), r.stderr)
        let audit = try String(contentsOfFile: out + "/audit.md", encoding: .utf8)
        XCTAssertTrue(audit.contains("## Notes"), audit)
        XCTAssertTrue(audit.contains("record.txt, line 1, statement 0 (The President)"), audit)
    }
}

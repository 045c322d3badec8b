import AttestCorpus
import AttestModel
import XCTest

/// Two ways a delegate speaks for more than its own State, which the year's gold found the tool
/// reading as national statements: a State's opening "together with" other States (S/PV.8764), and
/// a chair's report "on the work of the Committee" that the President introduced as the
/// committee's (S/PV.8710, S/PV.8725).
final class JointAndCommitteeTests: XCTestCase {
    let resolver = SpeakerResolver()

    func testAStateTogetherWithOtherStatesSpeaksForThemAll() {
        let text = "The United Kingdom, together with Belgium, Estonia, France, Germany and the United States of America, "
            + "would like to raise an objection to the briefer proposed under rule 39. Our discussion should focus on those issues."
        XCTAssertEqual(resolver.jointly(in: text, state: "United Kingdom of Great Britain and Northern Ireland"),
                       ["United Kingdom of Great Britain and Northern Ireland", "Belgium", "Estonia", "France", "Germany", "United States of America"])
        XCTAssertEqual(resolver.jointly(in: "Belgium, together with Estonia, requests a vote. We thank you.", state: "Belgium"), ["Belgium", "Estonia"])
    }

    /// The byte screen reads only the text's first bytes, where the clause follows the State's
    /// name: every State of the gazetteer, by its name and by each alias, with and without "The ".
    func testEveryStatesNameOpensAJointStatement() {
        var asked = 0
        for d in Gazetteer.standard.entries where d.kind == .state && d.name != "Estonia" && d.name != "Belgium" {
            for name in [d.name] + d.aliases where Gazetteer.standard.lookup(name).map({ if case .entry(let e) = $0 { e.name == d.name } else { false } }) ?? false {
                for opening in name.lowercased().hasPrefix("the ") ? [name] : [name, "The " + name] {
                    let text = opening + ", together with Estonia and Belgium, would like to raise an objection. We ask for a vote."
                    XCTAssertEqual(resolver.jointly(in: text, state: d.name), [d.name, "Estonia", "Belgium"], text)
                    asked += 1
                }
            }
        }
        // (908 openings with the gazetteer of 8 December: every name and alias that looks up to its State)
        XCTAssertGreaterThanOrEqual(asked, 900)
    }

    func testOtherTogetherWithsAreNational() {
        let uk = "United Kingdom of Great Britain and Northern Ireland"
        for text in [
            // not the speaker's own State first
            "France, together with Belgium and Germany, would like to raise an objection.",
            // not a list of States
            "The United Kingdom, together with the European Union, would like to raise an objection.",
            "The United Kingdom, together with our partners, would like to raise an objection.",
            "We, together with Belgium and Germany, would like to raise an objection.",
            // a State welcomed together with someone else, not a group speaking
            "At the outset, I welcome the King of the Belgians, together with the Minister for Foreign Affairs of Belgium.",
            // not in the opening sentence
            "I thank the briefers. The United Kingdom, together with Belgium, would like to raise an objection.",
            // nothing after the list: no main clause
            "The United Kingdom, together with Belgium",
        ] {
            XCTAssertNil(resolver.jointly(in: text, state: uk), text)
        }
    }

    func testAStatementTogetherWithOthersIsReadAsOnBehalfOfFromJSONLines() {
        let line = #"{"id": "s1", "delegation": "United Kingdom", "text": "The United Kingdom, together with Belgium and France, would like to raise an objection."}"#
        let statements = JSONLinesReader().read(SourceText(path: "joint.jsonl", text: line)).statements
        XCTAssertEqual(statements.first?.capacity, .onBehalfOf)
        XCTAssertEqual(statements.first?.onBehalfOf, ["United Kingdom of Great Britain and Northern Ireland", "Belgium", "France"])
    }

    func testAChairsReportIsTheCommitteeThePresidentNames() throws {
        let record = """
        The President: At this meeting, the Security Council will hear briefings by Mr. Salame and Mr. Mathias Licharz, speaking on behalf of the Chair of the Security Council Committee established pursuant to resolution 1970 (2011), concerning Libya. I now give the floor to Mr. Salame.

        Mr. Salame: Thank you, Mr. President. The situation in Libya remains grave.

        The President: I thank Mr. Salame for his briefing. I now give the floor to Mr. Licharz.

        Mr. Licharz (Germany): In accordance with paragraph 24 (e) of resolution 1970 (2011), I have the honour to report to the Security Council on the work of the Committee established pursuant to the same resolution. The Committee met three times.

        Mr. Licharz (Germany): I shall now make a brief statement in my national capacity. Germany supports the Berlin process.
        """
        let read = try Self.read(record: record)
        let report = try XCTUnwrap(read.statements.first { $0.index == 3 })
        XCTAssertEqual(report.delegation, "Security Council Committee established pursuant to resolution 1970 (2011) concerning Libya")
        XCTAssertEqual(report.kind, .unEntity)
        XCTAssertEqual(report.capacity, .official)
        XCTAssertEqual(report.attribution?.method, .invitationList)
        XCTAssertEqual(report.attribution?.evidenceStatement, 0)
        XCTAssertTrue(report.attribution?.evidence?.hasPrefix("At this meeting") ?? false)
        // the same delegate's national turn stays Germany's
        let national = try XCTUnwrap(read.statements.first { $0.index == 4 })
        XCTAssertEqual(national.delegation, "Germany")
        XCTAssertEqual(national.capacity, .national)
    }

    func testAReportWithoutThePresidentsNameStaysWithTheHeader() throws {
        let record = """
        The President: I now give the floor to Mr. Licharz.

        Mr. Licharz (Germany): I have the honour to report to the Security Council on the work of the Committee established pursuant to resolution 1970 (2011). The Committee met three times.
        """
        let read = try Self.read(record: record)
        XCTAssertEqual(read.statements.first { $0.index == 1 }?.delegation, "Germany")
    }

    func testTheSurnameIsAWordOfThePresidentsSentence() throws {
        // "King" is in "United Kingdom": the committee named there is Mr. Allen's, not Ms. King's
        let record = """
        The President: I give the floor to Mr. Allen of the United Kingdom, in his capacity as Chair of the Security Council Committee established pursuant to resolution 1234 (2000).

        Ms. King (Saint Vincent and the Grenadines): I have the honour to report to the Security Council on the work of the Committee established pursuant to resolution 2140 (2014). The Committee met twice.
        """
        let read = try Self.read(record: record)
        XCTAssertEqual(read.statements.first { $0.index == 1 }?.delegation, "Saint Vincent and the Grenadines")
    }

    /// The record read as an S/PV file of its own (in a directory of its own).
    static func read(record: String) throws -> ReadResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-committee-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("S-PV-9999.txt").path
        try record.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .success(let read) = CorpusLoader().load(path).result else { throw CocoaError(.fileReadCorruptFile) }
        return read
    }
}

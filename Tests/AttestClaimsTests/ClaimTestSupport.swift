import AttestClaims
import AttestFacts
import AttestModel
import AttestRules
import AttestTestSupport
import Foundation
import XCTest

/// Constructed facts (not the shipped ones) written as CSV into a temporary directory, and the
/// shipped claims pack, for tests that need a contradiction the gold does not have.
enum ClaimFixture {
    static let header = "source,retrieved,licence"
    static let provenance = "fixture,2026-12-05,none-stated"

    /// A facts directory: treaty `tx` complete to 2015-03-14, treaty `ty` open-world (no
    /// completeness date), body `bx`, and the Council; plus `extra` lines per file name.
    static func directory(actions: [String] = [], memberships: [String] = [], council: [String] = [], resolutions: [String] = [],
                          meetings: [String] = []) throws -> String {
        let dir = try TestFiles.temporaryDirectory("attest-claims")
        func write(_ name: String, _ lines: [String]) throws {
            try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("instruments.csv", [
            "id,kind,name,short_name,mtdsg,adopted,entry_into_force,depositary,participants_complete_as_of,source,retrieved,licence,note",
            "tx,treaty,Treaty X,TX,,2000-01-01,,,2015-03-14,\(provenance),",
            "ty,treaty,Treaty Y,TY,,2000-01-01,,,,\(provenance),",
            "bx,body,Body X,BX,,,,,,\(provenance),",
        ])
        try write("instrument_aliases.csv", ["id,alias,source,note", "tx,Treaty X,official title,", "ty,Treaty Y,official title,",
                                             "bx,Body X,official title,"])
        try write("treaty_actions.csv", ["state,iso3,instrument,action,date,source,retrieved,licence,note"] + actions)
        try write("body_memberships.csv", ["body,state,iso3,role,start,end,source,retrieved,licence,note"] + memberships)
        try write("council_members.csv", ["state,iso3,seat,start,end,source,retrieved,licence,note"] + council)
        try write("resolutions.csv", ["resolution,date,meeting,vote_yes,vote_no,vote_abstain,unanimous,source,retrieved,licence,note"] + resolutions)
        try write("meetings.csv", ["symbol,part,date,source,retrieved,licence,evidence"] + meetings)
        return dir.path
    }

    static func facts(actions: [String] = [], memberships: [String] = [], council: [String] = [], resolutions: [String] = [],
                      meetings: [String] = []) throws -> ClaimFacts {
        try ClaimFacts.load(directory: directory(actions: actions, memberships: memberships, council: council, resolutions: resolutions,
                                                 meetings: meetings))
    }

    static let packs: [RulePack] = {
        let outcome = RuleLoader().load(path: TestFiles.url("Rules/claims").path)
        precondition(outcome.errors.isEmpty, "\(outcome.errors)")
        return outcome.packs
    }()

    static func statement(_ text: String, speaker: String? = nil, date: String? = nil, document: String = "test.txt") -> Statement {
        Statement(document: document, index: 0, speaker: nil, delegation: speaker, kind: speaker == nil ? .unknown : .state, date: date,
                  text: text, start: 0, end: text.utf8.count, line: 1)
    }

    static func check(_ text: String, speaker: String? = nil, date: String? = "2020-02-01", facts: ClaimFacts,
                      document: String = "test.txt") -> [CheckedClaim] {
        ClaimChecker(packs: packs, facts: facts).check([statement(text, speaker: speaker, date: date, document: document)])
    }
}

extension XCTestCase {
    /// The single claim of `claims`, with its verdict and reason.
    func assertOne(_ claims: [CheckedClaim], _ verdict: Verdict, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(claims.count, 1, "\(claims.map { "\($0.claim.predicate) \($0.claim.object) \($0.verdict)/\($0.reason)" })", file: file, line: line)
        guard let c = claims.first else { return }
        XCTAssertEqual(c.verdict, verdict, c.explanation, file: file, line: line)
        XCTAssertEqual(c.reason, reason, c.explanation, file: file, line: line)
    }
}

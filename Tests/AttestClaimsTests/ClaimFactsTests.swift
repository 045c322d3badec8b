import AttestClaims
import AttestFacts
import AttestRules
import AttestTestSupport
import XCTest

/// Facts files and claim rules that cannot be read say where, as path:line:col.
final class ClaimFactsTests: XCTestCase {
    func testShippedFactsLoadWithProvenance() throws {
        let facts = try ClaimFacts.load(directory: TestFiles.url("Facts").path)
        let tunisia = facts.treaties.actions(of: "Tunisia", on: "untoc-firearms")
        XCTAssertEqual(tunisia.map(\.action), [.signature, .ratification])
        XCTAssertEqual(tunisia.last?.date.description, "2008-04-10")
        XCTAssertTrue(tunisia.last?.reference.source.hasPrefix("github:zmjones/untreaties@") ?? false)
        XCTAssertEqual(tunisia.last?.reference.file, "treaty_actions.csv")
        XCTAssertTrue(facts.treaties.actions(of: "Niger", on: "untoc-firearms").isEmpty)
        XCTAssertEqual(facts.treaties.instruments["untoc"]?.participantsCompleteAsOf, "2015-03-14")
        XCTAssertEqual(facts.resolutions.resolutions[2504]?.abstaining,
                       ["China", "Russian Federation", "United Kingdom of Great Britain and Northern Ireland", "United States of America"])
        XCTAssertEqual(facts.meetings.date(ofDocument: "Corpus/unsc-2020/S-PV-8699-Resumption-1.txt"), "2020-01-10")
    }

    func testBadActionIsReportedWithItsPlace() throws {
        let dir = try ClaimFixture.directory(actions: ["Tunisia,TUN,tx,ratifcation,2008-04-10,fixture,2026-12-05,none-stated,"])
        XCTAssertThrowsError(try ClaimFacts.load(directory: dir)) { error in
            XCTAssertEqual("\(error)".components(separatedBy: "treaty_actions.csv:").last?.prefix(4), "2:16")
            XCTAssertTrue("\(error)".contains("invalid action 'ratifcation'"), "\(error)")
        }
    }

    func testBadDateAndShortRowAreReported() throws {
        var dir = try ClaimFixture.directory(actions: ["Tunisia,TUN,tx,ratification,10 Apr 2008,fixture,2026-12-05,none-stated,"])
        XCTAssertThrowsError(try ClaimFacts.load(directory: dir)) { XCTAssertTrue("\($0)".contains("treaty_actions.csv:2:29: invalid date"), "\($0)") }
        dir = try ClaimFixture.directory(memberships: ["bx,Tunisia,TUN,member"])
        XCTAssertThrowsError(try ClaimFacts.load(directory: dir)) { XCTAssertTrue("\($0)".contains("body_memberships.csv:2:"), "\($0)") }
    }

    func testMissingFileIsReported() {
        XCTAssertThrowsError(try ClaimFacts.load(directory: "/nonexistent-facts")) {
            XCTAssertTrue("\($0)".contains("instruments.csv:1:1: cannot read facts file"), "\($0)")
        }
    }

    func testClaimRuleDiagnostics() {
        let yaml = """
        pack: {id: p, title: P, version: "1"}
        rules:
          - id: bad-claim
            kind: claim
            title: Bad
            predicate: partyy
            object: instrument
            patterns: ["is party to", "(unclosed {object}"]
            examples:
              - text: "x"
        """
        let (_, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "p.yaml")
        let messages = diagnostics.map(\.description)
        XCTAssertTrue(messages.contains { $0.hasPrefix("p.yaml:6:") && $0.contains("invalid predicate 'partyy'") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("p.yaml:8:") && $0.contains("pattern has no {object}") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("p.yaml:8:") && $0.contains("invalid regular expression") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("p.yaml:10:") && $0.contains("needs a 'verdict'") }, "\(messages)")
    }

    func testClaimRulesSitBesideCommitmentRules() {
        let outcome = RuleLoader().load(path: TestFiles.url("Rules").path)
        XCTAssertTrue(outcome.errors.isEmpty)
        XCTAssertEqual(outcome.packs.map(\.id).sorted(), ["claims", "unsc-2482"])
        XCTAssertTrue(outcome.packs.first { $0.id == "claims" }?.rules.isEmpty ?? false)
        XCTAssertGreaterThan(outcome.packs.first { $0.id == "claims" }?.claimRules.count ?? 0, 10)
    }

    func testEveryShippedClaimExamplePasses() throws {
        let reports = ClaimExampleRunner(packs: ClaimFixture.packs, facts: try ClaimFacts.load(directory: TestFiles.url("Facts").path)).run()
        XCTAssertFalse(reports.isEmpty)
        for r in reports { for f in r.failures { XCTFail("\(f.location): \(f.text): \(f.detail)") } }
    }
}

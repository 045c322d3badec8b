import AttestClaims
import AttestFacts
import XCTest

/// Every reason code of a treaty or membership verdict, on constructed facts; dates decide.
final class ClaimJudgeTests: XCTestCase {
    let tunisia = "Tunisia,TUN,tx,signature,2001-01-10,fixture,2026-12-05,none-stated,"
    let tunisiaRatifies = "Tunisia,TUN,tx,ratification,2008-04-10,fixture,2026-12-05,none-stated,"

    func testPartyWhenConsentPrecedesTheStatement() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia, tunisiaRatifies])
        let claims = ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2010-01-01", facts: facts)
        assertOne(claims, .consistent, "party")
        XCTAssertEqual(claims[0].facts.map(\.place), ["treaty_actions.csv:3"])
        XCTAssertEqual(claims[0].facts[0].source, "fixture")
    }

    func testClaimMadeBeforeTheRatificationIsContradicted() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia, tunisiaRatifies])
        assertOne(ClaimFixture.check("Tunisia has ratified the Treaty X.", speaker: "Tunisia", date: "2005-01-01", facts: facts),
                  .contradicted, "later-ratification")
    }

    func testSignatoryOnlyInACompleteListIsContradicted() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia])
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2010-01-01", facts: facts),
                  .contradicted, "signatory-only")
        // a signature claim about the same State is consistent: signatory is not party, and not the reverse
        assertOne(ClaimFixture.check("Tunisia signed the Treaty X.", speaker: "Tunisia", date: "2010-01-01", facts: facts), .consistent, "signed")
    }

    func testAbsenceAfterTheSnapshotIsNotAContradiction() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia])
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2020-01-01", facts: facts),
                  .unverifiable, "facts-older-than-statement")
        assertOne(ClaimFixture.check("Estonia is a party to the Treaty X.", speaker: "Tunisia", date: "2020-01-01", facts: facts),
                  .unverifiable, "facts-older-than-statement")
    }

    func testNoRowInACompleteListIsNotParty() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia])
        assertOne(ClaimFixture.check("Estonia is a party to the Treaty X.", speaker: "Tunisia", date: "2012-01-01", facts: facts),
                  .contradicted, "not-party")
    }

    func testOpenWorldTreatyIsListIncomplete() throws {
        let facts = try ClaimFixture.facts()
        assertOne(ClaimFixture.check("Estonia is a party to the Treaty Y.", speaker: "Estonia", date: "2012-01-01", facts: facts),
                  .unverifiable, "list-incomplete")
    }

    func testWithdrawalBeforeTheStatementContradictsAndAfterItDoesNot() throws {
        let facts = try ClaimFixture.facts(actions: [
            "Tunisia,TUN,tx,ratification,2003-01-01,fixture,2026-12-05,none-stated,",
            "Tunisia,TUN,tx,withdrawal,2009-06-01,fixture,2026-12-05,none-stated,denunciation",
        ])
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2010-01-01", facts: facts),
                  .contradicted, "withdrawn")
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2008-01-01", facts: facts),
                  .consistent, "party")
        assertOne(ClaimFixture.check("Tunisia withdrew from the Treaty X.", speaker: "France", date: "2010-01-01", facts: facts),
                  .consistent, "withdrawn")
    }

    func testWithdrawnSignatureContradictsASignatureClaim() throws {
        let facts = try ClaimFixture.facts(actions: [
            "United States of America,USA,ty,signature,2013-09-25,fixture,2026-12-05,none-stated,",
            "United States of America,USA,ty,withdrawal,2019-07-18,fixture,2026-12-05,none-stated,withdrawal of signature",
        ])
        assertOne(ClaimFixture.check("The United States signed the Treaty Y.", speaker: "France", date: "2020-01-01", facts: facts),
                  .contradicted, "withdrawn")
        assertOne(ClaimFixture.check("The United States signed the Treaty Y.", speaker: "France", date: "2018-01-01", facts: facts),
                  .consistent, "signed")
    }

    func testProvisionalApplicationIsNotConsent() throws {
        let facts = try ClaimFixture.facts(actions: ["Tunisia,TUN,tx,provisional-application,2005-01-01,fixture,2026-12-05,none-stated,"])
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: "2010-01-01", facts: facts),
                  .contradicted, "signatory-only")
    }

    func testNegatedPartyClaims() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia, tunisiaRatifies])
        assertOne(ClaimFixture.check("Tunisia is not a party to the Treaty X.", speaker: "France", date: "2005-01-01", facts: facts),
                  .consistent, "not-party")
        assertOne(ClaimFixture.check("Tunisia is not a party to the Treaty X.", speaker: "France", date: "2010-01-01", facts: facts),
                  .contradicted, "party")
        assertOne(ClaimFixture.check("Estonia is not a party to the Treaty X.", speaker: "France", date: "2020-01-01", facts: facts),
                  .unverifiable, "facts-older-than-statement")
    }

    func testRank() throws {
        let facts = try ClaimFixture.facts(actions: [
            "Austria,AUT,tx,ratification,2001-01-01,fixture,2026-12-05,none-stated,",
            "Mexico,MEX,tx,accession,2002-01-01,fixture,2026-12-05,none-stated,",
            "Tunisia,TUN,tx,ratification,2003-01-01,fixture,2026-12-05,none-stated,",
        ])
        func rank(_ text: String) -> [CheckedClaim] {
            ClaimFixture.check(text, speaker: "Tunisia", facts: facts).filter { $0.claim.predicate == .partyRank }
        }
        assertOne(rank("Tunisia became the third State party to the Treaty X."), .consistent, "rank")
        assertOne(rank("Tunisia became the 2nd State party to the Treaty X."), .contradicted, "rank-mismatch")
    }

    func testGroupAndUnresolvedSubjects() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia])
        assertOne(ClaimFixture.check("Most of us are parties to the Treaty X.", speaker: "Tunisia", facts: facts), .unverifiable, "group-subject")
        assertOne(ClaimFixture.check("As a party to the Treaty X, the region matters.", facts: facts), .unverifiable, "subject-unresolved")
    }

    func testInstrumentWithoutFacts() throws {
        let facts = try ClaimFixture.facts()
        assertOne(ClaimFixture.check("We have ratified the Budapest Convention.", speaker: "Estonia", facts: facts),
                  .unverifiable, "no-facts-for-instrument")
    }

    func testUnknownDateIsDecidedByNeighbouringMeetingsOrLeftUnverifiable() throws {
        let facts = try ClaimFixture.facts(actions: [tunisia, tunisiaRatifies], meetings: [
            "S/PV.8712,main,2020-01-31,fixture,2026-12-05,none-stated,", "S/PV.8714,main,2020-02-10,fixture,2026-12-05,none-stated,",
        ])
        // S/PV.8713 has no date: it lies between its neighbours, after the 2008 ratification
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: nil, facts: facts, document: "S-PV-8713.txt"),
                  .consistent, "party")
        assertOne(ClaimFixture.check("Tunisia is a party to the Treaty X.", speaker: "Tunisia", date: nil, facts: facts, document: "notes.txt"),
                  .unverifiable, "no-statement-date")
    }

    func testMembershipReasons() throws {
        let facts = try ClaimFixture.facts(
            memberships: ["bx,South Africa,ZAF,member,2003,,fixture,2026-12-05,none-stated,", "bx,Indonesia,IDN,member,,,fixture,2026-12-05,none-stated,"],
            council: ["Kuwait,KWT,elected,2018-01-01,2019-12-31,fixture,2026-12-05,none-stated,"])
        assertOne(ClaimFixture.check("South Africa is also an active member of the Body X.", speaker: "South Africa", date: "2020-08-06", facts: facts),
                  .consistent, "member")
        // a year-only start is undecided during that year
        assertOne(ClaimFixture.check("South Africa is also an active member of the Body X.", speaker: "South Africa", date: "2003-03-01", facts: facts),
                  .unverifiable, "list-incomplete")
        assertOne(ClaimFixture.check("Estonia is a member of the Body X.", speaker: "Estonia", date: "2020-08-06", facts: facts),
                  .unverifiable, "not-in-facts")
        assertOne(ClaimFixture.check("Kuwait, even though it is no longer a member of the Security Council, helps.", speaker: "Belgium",
                                     date: "2020-01-10", facts: facts), .consistent, "not-member")
        assertOne(ClaimFixture.check("As an elected member of the Security Council, Kuwait acts.", speaker: "Kuwait", date: "2020-01-10", facts: facts),
                  .contradicted, "not-member")
        assertOne(ClaimFixture.check("As an elected member of the Security Council, Kuwait acts.", speaker: "Kuwait", date: "2019-01-10", facts: facts),
                  .consistent, "member")
    }

    func testCouncilDecisionReasons() throws {
        let facts = try ClaimFixture.facts(resolutions: [
            "2504 (2020),2020-01-10,S/PV.8700,11,0,4,false,fixture,2026-12-05,none-stated,\"abstaining (show of hands in S/PV.8700#4): China, Russian Federation\"",
            "2505 (2020),2020-01-13,S/PV.8701,15,0,0,true,fixture,2026-12-05,none-stated,",
            "2506 (2020),2020-01-14,S/PV.8702,,,,,fixture,2026-12-05,none-stated,",
        ])
        assertOne(ClaimFixture.check("The Council adopted resolution 2505 (2020).", speaker: "France", date: "2020-01-20", facts: facts),
                  .consistent, "adopted")
        assertOne(ClaimFixture.check("The Council adopted resolution 2505 (2020).", speaker: "France", date: "2020-01-01", facts: facts),
                  .contradicted, "later-adoption")
        assertOne(ClaimFixture.check("We welcome the unanimous adoption of resolution 2505 (2020).", speaker: "France", date: "2020-01-20", facts: facts),
                  .consistent, "adopted-unanimously")
        assertOne(ClaimFixture.check("We welcome the unanimous adoption of resolution 2504 (2020).", speaker: "France", date: "2020-01-20", facts: facts),
                  .contradicted, "not-unanimous")
        assertOne(ClaimFixture.check("We welcome the unanimous adoption of resolution 2506 (2020).", speaker: "France", date: "2020-01-20", facts: facts),
                  .unverifiable, "vote-not-in-facts")
        assertOne(ClaimFixture.check("It is true that resolution 2504 (2020) was not adopted unanimously.", speaker: "France", date: "2020-01-20",
                                     facts: facts), .consistent, "not-unanimous")
        assertOne(ClaimFixture.check("China abstained in the voting on resolution 2504 (2020).", speaker: "China", date: "2020-01-20", facts: facts),
                  .consistent, "abstained")
        assertOne(ClaimFixture.check("China voted in favour of resolution 2504 (2020).", speaker: "China", date: "2020-01-20", facts: facts),
                  .contradicted, "abstained")
        assertOne(ClaimFixture.check("France voted in favour of resolution 2504 (2020).", speaker: "France", date: "2020-01-20", facts: facts),
                  .consistent, "voted-in-favour")
        assertOne(ClaimFixture.check("China abstained in the voting on resolution 2505 (2020).", speaker: "China", date: "2020-01-20", facts: facts),
                  .contradicted, "voted-in-favour")
        assertOne(ClaimFixture.check("The Council adopted resolution 1261 (1999).", speaker: "France", date: "2020-01-20", facts: facts),
                  .unverifiable, "no-facts-for-resolution")
        assertOne(ClaimFixture.check("The text that we have just adopted matters.", speaker: "France", date: "2020-01-20", facts: facts),
                  .unverifiable, "object-unresolved")
    }

    func testTheResolutionResolvesToTheOneAdoptedAtTheMeeting() throws {
        let facts = try ClaimFixture.facts(resolutions: ["2505 (2020),2020-01-13,S/PV.8701,15,0,0,true,fixture,2026-12-05,none-stated,"])
        let claims = ClaimFixture.check("Germany voted in favour of the draft resolution.", speaker: "Germany", date: "2020-01-13", facts: facts,
                                        document: "S-PV-8701.txt")
        assertOne(claims, .consistent, "voted-in-favour")
        XCTAssertEqual(claims.first?.claim.object, "res-2505")
    }

    func testEveryReasonCodeIsDocumented() throws {
        let docs = try String(contentsOf: ClaimFixture.docsURL, encoding: .utf8)
        for r in ReasonCode.all { XCTAssertTrue(docs.contains("`\(r.code)`"), "docs/claims.md does not list \(r.code)") }
    }
}

extension ClaimFixture {
    static var docsURL: URL { AttestTestSupport.TestFiles.url("docs/claims.md") }
}

import AttestTestSupport

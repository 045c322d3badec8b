import AttestClaims
import AttestFacts
import XCTest

/// What is and is not a claim, and the traps of names.
final class ClaimDetectorTests: XCTestCase {
    var facts: ClaimFacts!

    override func setUpWithError() throws {
        facts = try ClaimFacts.load(directory: ClaimFixture.packs.isEmpty ? "" : AttestTestSupport.TestFiles.url("Facts").path)
    }

    func claims(_ text: String, speaker: String? = "France", date: String = "2020-08-06") -> [CheckedClaim] {
        ClaimFixture.check(text, speaker: speaker, date: date, facts: facts)
    }

    func testIntentionIsNotAClaim() {
        XCTAssertTrue(claims("China will ratify the Arms Trade Treaty.").isEmpty)
        XCTAssertTrue(claims("My country is in the process of becoming a party to the Arms Trade Treaty.").isEmpty)
        XCTAssertTrue(claims("China had started its domestic legal procedures to accede to the Arms Trade Treaty.").isEmpty)
    }

    func testAppealIsNotAClaim() {
        XCTAssertTrue(claims("We call on all States to become parties to the Arms Trade Treaty.").isEmpty)
        XCTAssertTrue(claims("We urge those countries that have not yet become parties to the Rome Statute to do so.").isEmpty)
    }

    func testQuestionIsNotAClaim() {
        XCTAssertTrue(claims("Is the Niger a party to the Arms Trade Treaty?").isEmpty)
    }

    func testNegationIsItsOwnClaimKind() {
        let c = claims("The United States reiterates that it is not a party to the Rome Statute.", speaker: "United States of America")
        XCTAssertEqual(c.count, 1)
        XCTAssertEqual(c.first?.claim.polarity, .negative)
        XCTAssertEqual(c.first?.claim.rule, "claim-not-party")
        XCTAssertEqual(c.first?.reason, "facts-older-than-statement")
    }

    func testNominalMentionWithoutAPropertyIsNotAClaim() {
        XCTAssertTrue(claims("Indonesia welcomes the adoption of resolution 2504 (2020).", speaker: "Indonesia").isEmpty)
        XCTAssertTrue(claims("We endorsed the adoption of the Arms Trade Treaty at the General Assembly.", speaker: "Tunisia").isEmpty)
    }

    func testNigerIsNotNigeria() {
        // the facts have Nigeria's Firearms Protocol rows and none for the Niger; complete to 2015-03-14
        let niger = ClaimFixture.check("Niger is a party to the Firearms Protocol.", speaker: "France", date: "2014-06-01", facts: facts)
        assertOne(niger, .contradicted, "not-party")
        XCTAssertEqual(niger.first?.claim.subject, "Niger")
        let nigeria = ClaimFixture.check("Nigeria is a party to the Firearms Protocol.", speaker: "France", date: "2014-06-01", facts: facts)
        XCTAssertEqual(nigeria.first?.claim.subject, "Nigeria")
        XCTAssertEqual(nigeria.first?.verdict, .consistent)
    }

    func testStVincentResolvesThroughTheGazetteer() {
        let c = claims("St. Vincent and the Grenadines is a State party to the Arms Trade Treaty.", speaker: "Estonia", date: "2020-02-10")
        assertOne(c, .consistent, "party")
        XCTAssertEqual(c.first?.claim.subject, "Saint Vincent and the Grenadines")
        XCTAssertEqual(c.first?.claim.subjectVia, .named)
    }

    func testSignatoryVersusParty() {
        // the Russian Federation signed the Rome Statute and never ratified it
        assertOne(ClaimFixture.check("The Russian Federation is a party to the Rome Statute.", speaker: "France", date: "2014-06-01", facts: facts),
                  .contradicted, "signatory-only")
        assertOne(ClaimFixture.check("The Russian Federation signed the Rome Statute.", speaker: "France", date: "2014-06-01", facts: facts),
                  .consistent, "signed")
    }

    func testSpeakersOwnStateThroughWeAndMyCountry() {
        for text in ["We are a party to the Arms Trade Treaty.", "My country is a party to the Arms Trade Treaty.",
                     "Our Government has ratified the Arms Trade Treaty."] {
            let c = claims(text, speaker: "Estonia")
            XCTAssertEqual(c.first?.claim.subject, "Estonia", text)
            XCTAssertEqual(c.first?.claim.subjectVia, .self, text)
            XCTAssertEqual(c.first?.verdict, .consistent, text)
        }
    }

    func testPluralObjectsGiveOneClaimEach() {
        let c = claims("It has also ratified the Convention for the Suppression of the Financing of Terrorism, the Convention against "
                       + "Transnational Organized Crime and the Budapest Convention.", speaker: "Dominican Republic")
        XCTAssertEqual(c.map(\.claim.object).sorted(), ["budapest", "icsft", "untoc"])
        XCTAssertEqual(c.map(\.verdict.rawValue).sorted(), ["consistent", "consistent", "unverifiable"])
    }

    func testSpansPointIntoTheStatement() {
        let text = "At the subregional level, Tunisia is party to the Arms Trade Treaty."
        let c = claims(text, speaker: "Tunisia")
        let span = Array(text.utf8)[c[0].claim.start..<c[0].claim.end]
        XCTAssertEqual(String(decoding: span, as: UTF8.self), "is party to the Arms Trade Treaty")
    }
}

import AttestTestSupport

import AttestClaims
import AttestFacts
import AttestModel
import AttestReports
import XCTest

/// Scoring against a claims gold, and the claims reports.
final class ClaimEvaluationTests: XCTestCase {
    func checked(_ text: String, in statement: String) throws -> [CheckedClaim] {
        let facts = try ClaimFacts.load(directory: AttestTestSupport.TestFiles.url("Facts").path)
        return ClaimChecker(packs: ClaimFixture.packs, facts: facts).check([ClaimFixture.statement(statement, speaker: "Tunisia", date: "2020-02-01",
                                                                                                   document: "doc.txt")])
    }

    func testOverlapMatchingAndVerdictAccuracy() throws {
        let statement = "Tunisia is also party to the Firearms Protocol. We call on all States to ratify the Arms Trade Treaty. "
            + "Tunisia has ratified the Convention against Transnational Organized Crime."
        let claims = try checked("", in: statement)
        XCTAssertEqual(claims.count, 2)
        let gold = [
            ClaimGoldRow(document: "doc.txt", statement: 0, claim: true, text: "party to the Firearms Protocol", predicate: "party",
                         object: "untoc-firearms", expectedVerdict: "consistent", reason: "party", line: 1),
            ClaimGoldRow(document: "doc.txt", statement: 0, claim: false, text: "call on all States to ratify", predicate: nil, object: nil,
                         expectedVerdict: nil, reason: nil, line: 2),
            ClaimGoldRow(document: "doc.txt", statement: 0, claim: true, text: "ratified the Convention against Transnational Organized Crime",
                         predicate: "ratified", object: "untoc", expectedVerdict: "contradicted", reason: "x", line: 3),
        ]
        let e = ClaimEvaluation.evaluate(claims: claims, statements: [ClaimFixture.statement(statement, document: "doc.txt")], gold: gold)
        XCTAssertEqual(e.goldClaims, 2)
        XCTAssertEqual(e.recallFound, 2)
        XCTAssertEqual(e.detectionPrecision, 1)
        XCTAssertEqual(e.verdictTotal, 2)
        XCTAssertEqual(e.verdictCorrect, 1)
        XCTAssertEqual(e.disagreements.map(\.kind.rawValue), ["verdict"])
    }

    func testGoldRowWithoutVerdictIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString).jsonl")
        try #"{"document":"d","statement":0,"claim":true,"text":"t"}"#.write(to: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ClaimGold.load(path: path.path)) { XCTAssertTrue("\($0)".hasSuffix(":1:1: a claim row needs expected_verdict"), "\($0)") }
    }

    func testReportsCarryTheFactsWithTheirSources() throws {
        let claims = try checked("", in: "Tunisia is also party to the Firearms Protocol.")
        let report = ClaimReport(claims: claims, factsDirectory: "Facts", packs: ["claims"])
        let csv = String(decoding: ClaimsCSVReporter().data(report), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix(ClaimsCSVReporter.header.joined(separator: ",") + "\n"))
        XCTAssertTrue(csv.contains("treaty_actions.csv:"), csv)
        let line = String(decoding: ClaimsJSONLReporter().data(report), as: UTF8.self).split(separator: "\n")[0]
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["verdict"] as? String, "consistent")
        XCTAssertEqual(object["date"] as? String, "2020-02-01")
        let facts = try XCTUnwrap(object["facts"] as? [[String: Any]])
        XCTAssertEqual(facts.first?["file"] as? String, "treaty_actions.csv")
        XCTAssertTrue((facts.first?["source"] as? String)?.hasPrefix("github:zmjones/untreaties@") ?? false)
        let review = try XCTUnwrap(JSONSerialization.jsonObject(with: ClaimReviewReporter().data(report)) as? [[String: Any]])
        XCTAssertEqual(review.first?["@type"] as? String, "ClaimReview")
        let rating = try XCTUnwrap(review.first?["reviewRating"] as? [String: Any])
        XCTAssertEqual(rating["alternateName"] as? String, "consistent")
        XCTAssertEqual(rating["ratingValue"] as? Int, 3)
    }
}

import AttestTestSupport

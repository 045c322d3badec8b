@testable import AttestCorpus
import AttestTestSupport
import Foundation
import XCTest

final class VerbatimRecordReaderTests: XCTestCase {
    /// Every speech of eight S/PV records, against expectations written by reading them (see
    /// Fixtures/expectations/README.md).
    func testRecordsMatchHandReadExpectations() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.appendingPathComponent("expectations").path)
            .filter { $0.hasSuffix(".tsv") }.map { String($0.dropLast(4)) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 5)
        var checked = 0
        for name in names {
            let statements = try Fixtures.read(Fixtures.record(name)).statements
            let rows = try String(contentsOf: Fixtures.expectations(name), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            XCTAssertEqual(statements.count, rows.count, name)
            for (s, row) in zip(statements, rows) {
                let expected = [row[0], row[1], row[2], row[3], row[4], row[5]]
                let actual = [String(s.index), s.speaker ?? "", s.delegation ?? "", s.kind.rawValue, s.capacity?.rawValue ?? "",
                              s.onBehalfOf.joined(separator: ";")]
                XCTAssertEqual(actual, expected, "\(name) speech \(s.index)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testHeaderForms() {
        typealias H = VerbatimRecordReader.Header
        let h = VerbatimRecordReader.header
        XCTAssertEqual(h("Mr. Auvaart (Estonia): We thank you.")?.country, "Estonia")
        let niger = h("Mr. Abarry (Niger) (spoke in French): Merci.")
        XCTAssertEqual(niger?.speaker, "Mr. Abarry")
        XCTAssertEqual(niger?.country, "Niger")
        XCTAssertEqual(niger?.language, "French")
        XCTAssertEqual(h("Mr. Michon (spoke in French) (France): Merci.")?.country, "France", "swapped order")
        XCTAssertEqual(h("Mr. Moncada (Venezuela (Bolivarian Republic of)): Thank you.")?.country, "Venezuela (Bolivarian Republic of)")
        XCTAssertEqual(h("Monsignor Hansen (Holy See): Thank you.")?.country, "Holy See")
        XCTAssertEqual(h("The President: I now give the floor.")?.speaker, "The President")
        let broken = h("The President (spoke I thank Mr. Voronkov for his briefing. in French): I now give the floor to the representative of Niger.")
        XCTAssertEqual(broken?.speaker, "The President")
        XCTAssertEqual(broken?.language, "French")
        XCTAssertEqual(broken?.displaced, "I thank Mr. Voronkov for his briefing.")
        XCTAssertEqual(h("Dato Lim Jock Hoi: At the outset")?.speaker, "Dato Lim Jock Hoi")
        XCTAssertNil(h("This is a sentence. It has a colon: here."))
    }

    func testDisplacedWordsGoBackIntoTheSpeech() {
        let text = "The President (spoke I thank Mr. Voronkov for his briefing. in French): I now give the floor to the representative of the Niger."
        let s = VerbatimRecordReader().read(Fixtures.source(text)).statements[0]
        XCTAssertEqual(s.text, "I thank Mr. Voronkov for his briefing. I now give the floor to the representative of the Niger.")
        XCTAssertEqual(s.kind, .presidency)
        XCTAssertNil(s.delegation, "a procedural turn is not the Niger's statement")
    }

    func testPresidentSpeaksForAStateOnlyWhenTheSpeechSaysSo() {
        let record = """
        The President: I now give the floor to the representative of Estonia.

        Mr. Auvaart (Estonia): Thank you.

        The President: I shall now make a statement in my capacity as the representative of Viet Nam. We support the draft.
        """
        let s = VerbatimRecordReader().read(Fixtures.source(record)).statements
        XCTAssertEqual(s.map(\.kind), [.presidency, .state, .state])
        XCTAssertEqual(s.map(\.delegation), [nil, "Estonia", "Viet Nam"])
        XCTAssertEqual(s[2].capacity, .national)
    }

    func testBriefersAreResolvedFromTheInvitationAndNeverTakenForAState() {
        let record = """
        The President: In accordance with rule 39, I invite the following briefers to participate in this meeting: Mr. Mark Lowcock, Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator; and Ms. Rosemary DiCarlo, Under-Secretary-General for Political and Peacebuilding Affairs. I now give the floor to Mr. Lowcock.

        Mr. Lowcock: The situation in the Niger is grave.

        Ms. DiCarlo: Thank you.

        Mr. Smith: I am a stranger here.
        """
        let r = VerbatimRecordReader().read(Fixtures.source(record))
        XCTAssertEqual(r.statements.map(\.delegation), [nil, "Office for the Coordination of Humanitarian Affairs",
                                                        "Department of Political and Peacebuilding Affairs", nil])
        XCTAssertEqual(r.statements.map(\.kind), [.presidency, .unEntity, .unEntity, .unknown])
        XCTAssertEqual(r.warnings.map(\.description), ["test.txt:7: warning: statement 3: cannot tell whom 'Mr. Smith' speaks for"])
    }

    func testOnBehalfOfRecordsTheGroupAndItsMembers() {
        let record = """
        Mr. Baati (Tunisia): It is my pleasure and honour to deliver this statement on behalf of the African members of the Security Council, namely, the Niger, South Africa and Tunisia. We thank the briefers.

        Ms. Juul (Norway): I have the honour to speak on behalf of the Nordic countries. We welcome the debate.

        Mr. Djani (Indonesia): Indonesia aligns itself with the statement to be delivered on behalf of the Non-Aligned Movement.

        Mr. Heusgen (Germany): I thank you on behalf of my Government.
        """
        let s = VerbatimRecordReader().read(Fixtures.source(record)).statements
        XCTAssertEqual(s[0].capacity, .onBehalfOf)
        XCTAssertEqual(s[0].onBehalfOf, ["Niger", "South Africa", "Tunisia"])
        XCTAssertEqual(s[0].group, "African members of the Security Council")
        XCTAssertEqual(s[1].onBehalfOf, ["Nordic countries"])
        XCTAssertEqual(s[1].group, "Nordic countries")
        XCTAssertEqual(s[2].capacity, .national, "aligning with a group's statement is not speaking for it")
        XCTAssertEqual(s[3].capacity, .national)
        XCTAssertEqual(s.map(\.delegation), ["Tunisia", "Norway", "Indonesia", "Germany"])
    }

    func testOCRDamagedCountryIsStillResolved() {
        let s = VerbatimRecordReader().read(Fixtures.source("Mr. Adom (C6te d'Ivoire) (spoke in French): Merci.")).statements[0]
        XCTAssertEqual(s.delegation, "Côte d'Ivoire")
        XCTAssertEqual(s.iso3, "CIV")
    }

    /// A speech's text is trimmed by bytes where Foundation would stop at an ASCII character;
    /// on random texts with spaces, tabs, new lines, no-break and other Unicode spaces, the zero
    /// width space and letters at either end, it must be what `trimmingCharacters(in:
    /// .whitespaces)` gives.
    func testTrimmingWhitespacesIsFoundationsTrimming() {
        let pieces: [String] = [" ", " ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2003}", "\u{200B}", "\u{3000}", "\u{202F}",
                                "a", "Z", ".", "é", "e\u{301}", "’", "—", "1", "\u{FEFF}"]
        var rng = SplitMix64(state: 61_206)
        var byBytes = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<rng.below(8) { text += rng.pick(pieces) }
            let expected = text.trimmingCharacters(in: .whitespaces)
            XCTAssertEqual(VerbatimRecordReader.trimmingWhitespaces(ArraySlice(text.utf8)), expected, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            if let f = expected.utf8.first, let l = expected.utf8.last, f < 0x80, l < 0x80 { byBytes += 1 }
        }
        XCTAssertGreaterThan(byBytes, 2_000, "the byte path is exercised")
    }
}

@testable import AttestCorpus
import XCTest
import AttestModel

final class PressReleaseReaderTests: XCTestCase {
    func testBundledPressReleaseAttribution() throws {
        let r = try Fixtures.read(Fixtures.pressReleaseText)
        let s = r.statements
        let states = Set(s.filter { $0.kind == .state }.compactMap(\.delegation))
        XCTAssertEqual(states, ["Belgium", "China", "Dominican Republic", "Estonia", "France", "Germany", "Indonesia", "Niger",
                                "Russian Federation", "Saint Vincent and the Grenadines", "South Africa", "Tunisia",
                                "United Kingdom of Great Britain and Northern Ireland", "United States of America", "Viet Nam"],
                       "exactly the 15 Council members of 2020")
        let noText = s.filter { !$0.hasText }.compactMap(\.delegation)
        XCTAssertEqual(noText, ["Germany", "Russian Federation", "United Kingdom of Great Britain and Northern Ireland"])
        XCTAssertEqual(Set(s.filter { $0.kind == .unEntity }.compactMap(\.delegation)),
                       ["United Nations Office on Drugs and Crime", "United Nations Office of Counter-Terrorism"])
        XCTAssertTrue(r.warnings.isEmpty, "\(r.warnings)")

        // continuation paragraphs carry their speaker
        let outlining = try XCTUnwrap(s.first { $0.text.hasPrefix("Outlining recommendations in the report, she said") })
        XCTAssertEqual(outlining.speaker, "Ghada Fathi Waly")
        XCTAssertEqual(outlining.delegation, "United Nations Office on Drugs and Crime")
        let continued = try XCTUnwrap(s.first { $0.text.hasPrefix("The world has yet to fully understand") })
        XCTAssertEqual(continued.speaker, "Vladimir Voronkov")
        XCTAssertEqual(continued.delegation, "United Nations Office of Counter-Terrorism")

        // the narrative paragraph has no speaker
        let ensuing = try XCTUnwrap(s.first { $0.text.hasPrefix("In the ensuing discussion") })
        XCTAssertNil(ensuing.speaker)
        XCTAssertNil(ensuing.delegation)
        XCTAssertEqual(ensuing.kind, .narrative)

        let indonesia = try XCTUnwrap(s.first { $0.delegation == "Indonesia" })
        XCTAssertEqual(indonesia.speaker, "Retno L.P. Marsudi")
        XCTAssertEqual(indonesia.capacity, .national)
        XCTAssertEqual(indonesia.iso3, "IDN")

        XCTAssertFalse(s.contains { $0.text == "Skip to main content" || $0.text.hasPrefix("For information media") })
    }

    func testOffsetsPointAtTheParagraphInTheFile() throws {
        let r = try Fixtures.read(Fixtures.pressReleaseText)
        let bytes = Array(try String(contentsOfFile: Fixtures.pressReleaseText, encoding: .utf8).utf8)
        for s in r.statements where s.hasText {
            XCTAssertEqual(String(decoding: bytes[s.start..<s.end], as: UTF8.self), s.text)
        }
    }

    func testAttributionPatterns() {
        let reader = PressReleaseReader()
        func who(_ text: String) -> (String?, String?, SpeakerKind, Capacity?) {
            let s = reader.read(Fixtures.source(text)).statements[0]
            return (s.speaker, s.delegation, s.kind, s.capacity)
        }
        XCTAssertEqual(who("Belgium’s delegate said links exist.").1, "Belgium")
        XCTAssertEqual(who("Belgium's delegate said links exist.").1, "Belgium", "straight apostrophe")
        XCTAssertEqual(who("France’s representative said so.").1, "France")
        XCTAssertEqual(who("The representative of the United States said so.").1, "United States of America")
        XCTAssertEqual(who("The representative of the Dominican Republic welcomed progress.").1, "Dominican Republic")
        XCTAssertEqual(who("Niger’s delegate said Africa is vulnerable.").1, "Niger")
        XCTAssertEqual(who("Nigeria’s delegate said Africa is vulnerable.").1, "Nigeria")
        XCTAssertEqual(who("Selma Ennaifer, Secretary for State of Tunisia, agreed that the nexus is real.").1, "Tunisia")
        XCTAssertEqual(who("Nguyen Minh Vu, Deputy Minister for Foreign Affairs of Viet Nam, said the Council should act.").1, "Viet Nam")
        let marsudi = who("Retno L.P. Marsudi, Minister for Foreign Affairs of Indonesia and Council President for August, speaking in her national capacity, said the fight continues.")
        XCTAssertEqual(marsudi.1, "Indonesia")
        XCTAssertEqual(marsudi.3, .national)
        let waly = who("Ghada Fathi Waly, Executive Director of the United Nations Office on Drugs and Crime (UNODC), said that crime adapts.")
        XCTAssertEqual(waly.1, "United Nations Office on Drugs and Crime")
        XCTAssertEqual(waly.2, .unEntity)
        XCTAssertEqual(waly.3, .official)
        XCTAssertEqual(who("In the ensuing discussion, members commended cooperation.").2, .narrative)
        XCTAssertEqual(who("Many agreed that more must be done.").2, .narrative)
    }

    func testContinuationAfterNarrativeIsNarrative() {
        let s = PressReleaseReader().read(Fixtures.source("In the ensuing discussion, members spoke.\n\nThe threat grows, he continued.")).statements
        XCTAssertEqual(s.map(\.kind), [.narrative, .narrative], "'he' with no speaker before it belongs to nobody")
    }

    func testAlsoSpeakingListKeepsUnknownNames() {
        let r = PressReleaseReader().read(Fixtures.source("Also speaking were the representatives of Germany, Atlantis and the Niger."))
        XCTAssertEqual(r.statements.map(\.delegation), ["Germany", nil, "Niger"])
        XCTAssertEqual(r.statements.map(\.kind), [.state, .unknown, .state])
        XCTAssertEqual(r.statements.map(\.text), ["", "", ""])
        XCTAssertEqual(r.warnings.map(\.message), ["unrecognised delegation 'Atlantis' in an 'also speaking' list"])
    }

    func testHTMLPageGivesTheSameStatementsAsTheText() throws {
        let text = try Fixtures.read(Fixtures.pressReleaseText).statements
        let html = try Fixtures.read(Fixtures.pressReleaseHTML).statements
        func strip(_ s: Statement) -> Statement {
            var t = s
            t.document = ""
            t.start = 0
            t.end = 0
            t.line = 0
            return t
        }
        XCTAssertEqual(html.count, text.count)
        XCTAssertEqual(html.map(strip), text.map(strip))
    }

    func testHTMLIgnoresScriptsCommentsAndPageFurniture() {
        let page = """
        <html><head><script>var x = "<p>fake paragraph</p>";</script><style>p{}</style></head><body>
        <nav><p>Menu</p></nav><h1>Title</h1>
        <div class="field--name-body"><!-- <p>hidden</p> --><p>Belgium&rsquo;s delegate said
        links&nbsp;exist &amp; grow.</p><div><p>France&#8217;s representative said <em>more</em>.</p></div></div>
        <footer><p>Footer</p></footer></body></html>
        """
        let s = PressReleaseHTMLReader().read(Fixtures.source(page, path: "p.html")).statements
        XCTAssertEqual(s.map(\.text), ["Title", "Belgium’s delegate said links\u{00A0}exist & grow.", "France’s representative said more."])
        XCTAssertEqual(s.map(\.delegation), [nil, "Belgium", "France"])
    }
}

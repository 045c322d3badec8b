import AttestAudit
import AttestCorpus
import AttestRules
import Foundation
import XCTest
import AttestModel

final class CoverageMatrixTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func statements(_ text: String, path: String = "t.txt") -> [Statement] {
        (try? CorpusLoader().read(SourceText(path: path, text: text)).get().statements) ?? []
    }

    func rules() -> [Rule] {
        let outcome = RuleLoader().load(path: Self.root.appendingPathComponent("Rules").path)
        XCTAssertEqual(outcome.diagnostics, [])
        return outcome.rules
    }

    /// The matrix of the bundled press release, checked against a reading of the text: 2482 is
    /// cited by UNODC (Waly, second paragraph), the Office of Counter-Terrorism (Voronkov, second
    /// paragraph), France, the United States and Indonesia; respect for human rights or
    /// humanitarian law is called for by the Office of Counter-Terrorism ("fully respect human
    /// rights"), Belgium ("must respect international humanitarian law"), France ("in full
    /// respect of human rights") and Tunisia (who "advocated for more efforts ... including through
    /// ... protected human rights").
    func testPressReleaseMatrix() throws {
        let path = Self.root.appendingPathComponent("Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt").path
        let loaded = try CorpusLoader().load(path).result.get()
        let auditor = Auditor(rules: rules())
        let matrix = CoverageMatrix(ruleIDs: auditor.ruleIDs, statements: loaded.statements, findings: auditor.findings(loaded.statements))
        let columns = ["cites-resolution-2482", "references-human-rights-compliance"].map { matrix.ruleIDs.firstIndex(of: $0)! }
        let rows = matrix.rows.map { row in
            "\(row.delegation) " + columns.map { row.cells[$0].rawValue.isEmpty ? "-" : row.cells[$0].rawValue }.joined(separator: " ")
        }
        XCTAssertEqual(rows, [
            "Belgium 0 1",
            "China 0 0",
            "Dominican Republic 0 0",
            "Estonia 0 0",
            "France 1 1",
            "Germany - -",
            "Indonesia 1 0",
            "Niger 0 0",
            "Russian Federation - -",
            "Saint Vincent and the Grenadines 0 0",
            "South Africa 0 0",
            "Tunisia 0 1",
            "United Kingdom of Great Britain and Northern Ireland - -",
            "United Nations Office of Counter-Terrorism 1 1",
            "United Nations Office on Drugs and Crime 1 0",
            "United States of America 1 0",
            "Viet Nam 0 0",
        ])
    }

    func testRowsAggregateOverDocumentsAndSkipNarrativeAndProcedure() {
        let a = statements("Belgium’s delegate said nothing of note.\n\nIn the ensuing discussion, members spoke.", path: "a.txt")
        let b = statements("The President: I give the floor to Belgium.\n\nMr. Pecsteen (Belgium): We cite resolution 2482 (2019).", path: "b.txt")
        let c = statements("Also speaking were the representatives of Germany.", path: "c.txt")
        let rule = Rule(id: "cites-2482", title: "t", match: .citation(resolution: 2482, year: nil, SourceLocation(path: "r", line: 1, column: 1)),
                        location: SourceLocation(path: "r", line: 1, column: 1), pack: "p")
        let all = a + b + c
        let auditor = Auditor(rules: [rule])
        let m = CoverageMatrix(ruleIDs: ["cites-2482"], statements: all, findings: auditor.findings(all))
        XCTAssertEqual(m.rows.map(\.delegation), ["Belgium", "Germany"])
        XCTAssertEqual(m.rows.map(\.cells), [[.yes], [.noText]])
        XCTAssertEqual(m.rows.map(\.statements), [2, 0])
    }

    func testFindingCarriesTheSentenceAndSpans() throws {
        let s = statements("Mr. A (France) (spoke in French): We met today. We recall resolution 2482 (2019) and act.")
        let rule = Rule(id: "cites-2482", title: "t", match: .citation(resolution: 2482, year: nil, SourceLocation(path: "r", line: 3, column: 7)),
                        location: SourceLocation(path: "r", line: 1, column: 1), pack: "p")
        let f = try XCTUnwrap(Auditor(rules: [rule]).findings(s).first)
        XCTAssertEqual(f.sentence, "We recall resolution 2482 (2019) and act.")
        XCTAssertEqual(f.statement.delegation, "France")
        let span = try XCTUnwrap(f.spans.first)
        let bytes = Array(f.statement.text.utf8)
        XCTAssertEqual(String(decoding: bytes[span.start..<span.end], as: UTF8.self), "2482 (2019)")
        XCTAssertEqual(span.at, "r:3:7")
    }
}

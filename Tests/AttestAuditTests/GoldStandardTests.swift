import AttestAudit
import AttestTestSupport
import Foundation
import XCTest
import AttestEvaluation

/// Gold annotations: the CSV per delegation (the shape of matrix.csv) and JSON Lines / YAML per
/// statement, with every refusal at `path:line:col`.
final class GoldStandardTests: XCTestCase {
    /// One readable line per cell: `subject rule 1|0 @line:col`.
    func cells(_ gold: GoldStandard) -> [String] {
        gold.cells.map { "\($0.subject) \($0.rule) \($0.addressed ? 1 : 0) @\($0.line):\($0.column)" }
    }

    func csvFailure(_ text: String, path: String = "gold.csv", file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try GoldStandard.parseCSV(text, path: path)
            XCTFail("expected a failure", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-gold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    // MARK: CSV per delegation

    func testCSVCellsAreOneZeroOrEmptyAndEmptyIsNotScored() throws {
        let gold = try GoldStandard.parseCSV("""
            delegation,kind,iso3,cites-resolution-2482,references-human-rights-compliance
            Belgium,state,BEL,0,1
            France,state,FRA,1,1
            Germany,state,DEU,,

            """, path: "gold.csv")
        XCTAssertEqual(gold.path, "gold.csv")
        XCTAssertEqual(gold.level, .delegation)
        XCTAssertEqual(gold.rules, ["cites-resolution-2482", "references-human-rights-compliance"])
        // "Belgium,state,BEL," is 18 characters: the first rule's cell is column 19, the second 21
        XCTAssertEqual(cells(gold), [
            "Belgium cites-resolution-2482 0 @2:19",
            "Belgium references-human-rights-compliance 1 @2:21",
            "France cites-resolution-2482 1 @3:18",
            "France references-human-rights-compliance 1 @3:20",
        ])
        XCTAssertEqual(gold.cells[0].subject, .delegation("Belgium", document: nil))
    }

    func testCSVWithADocumentColumnGivesPerDocumentRows() throws {
        let gold = try GoldStandard.parseCSV("""
            document,delegation,kind,iso3,r1
            a.txt,France,state,FRA,1
            b.txt,France,state,FRA,0
            """, path: "gold.csv")
        XCTAssertEqual(gold.rules, ["r1"])
        XCTAssertEqual(gold.cells.map(\.subject), [.delegation("France", document: "a.txt"), .delegation("France", document: "b.txt")])
        XCTAssertEqual(cells(gold), ["France in a.txt r1 1 @2:24", "France in b.txt r1 0 @3:24"])
    }

    func testHeaderMustStartWithTheColumnsOfMatrixCSV() {
        XCTAssertEqual(csvFailure("name,kind,iso3,r1\nFrance,state,FRA,1\n"),
                       "gold.csv:1:1: error: header must start with delegation,kind,iso3 (the shape of matrix.csv)")
        XCTAssertEqual(csvFailure("delegation,kind,r1\nFrance,state,1\n"),
                       "gold.csv:1:1: error: header must start with delegation,kind,iso3 (the shape of matrix.csv)")
        XCTAssertEqual(csvFailure("document,delegation,kind,r1\na.txt,France,state,1\n"),
                       "gold.csv:1:1: error: header must start with document,delegation,kind,iso3 (the shape of matrix.csv)")
        XCTAssertEqual(csvFailure("delegation,kind,iso3\nFrance,state,FRA\n"), "gold.csv:1:1: error: header names no rule")
        XCTAssertEqual(csvFailure(""), "gold.csv:1:1: error: gold file is empty")
    }

    func testQuotedNameWithACommaAndADoubledQuote() throws {
        let gold = try GoldStandard.parseCSV(#"""
            delegation,kind,iso3,r1,r2
            "Group of 77, ""G77""",organization,,1,0
            """#, path: "gold.csv")
        XCTAssertEqual(gold.cells.map(\.subject), [.delegation("Group of 77, \"G77\"", document: nil), .delegation("Group of 77, \"G77\"", document: nil)])
        // the quoted field takes 22 characters, then ",organization,," → the cells are at 38 and 40
        XCTAssertEqual(gold.cells.map(\.column), [38, 40])
        XCTAssertEqual(gold.cells.map(\.addressed), [true, false])
    }

    func testBadCellNamesLineColumnAndRule() {
        // `"Bosnia, ""the"" Federation"` is 28 characters (1 + 8 + 2 + 3 + 2 + 11 + 1), then
        // `,state,BIH,1,` takes columns 29 to 41: the bad cell starts at column 42
        XCTAssertEqual(csvFailure(#"""
            delegation,kind,iso3,r1,r2
            France,state,FRA,1,0
            "Bosnia, ""the"" Federation",state,BIH,1,yes
            """#), "gold.csv:3:42: error: cell 'yes' for r2; expected 1, 0 or empty")
    }

    func testRowWithTheWrongNumberOfFields() {
        XCTAssertEqual(csvFailure("delegation,kind,iso3,r1,r2\nFrance,state,FRA,1,0\nBelgium,state,BEL,1\n"),
                       "gold.csv:3:1: error: row has 4 fields; the header has 5")
        XCTAssertEqual(csvFailure("delegation,kind,iso3,r1\nFrance,state,FRA,1,0\n"),
                       "gold.csv:2:1: error: row has 5 fields; the header has 4")
    }

    func testDuplicateRowIsRefused() {
        XCTAssertEqual(csvFailure("delegation,kind,iso3,r1\nFrance,state,FRA,1\nBelgium,state,BEL,0\nFrance,state,FRA,0\n"),
                       "gold.csv:4:1: error: duplicate row for France")
        XCTAssertEqual(csvFailure("document,delegation,kind,iso3,r1\na.txt,France,state,FRA,1\na.txt,France,state,FRA,0\n"),
                       "gold.csv:3:1: error: duplicate row for France in a.txt")
    }

    func testSameDelegationInTwoDocumentsIsNotADuplicate() throws {
        let gold = try GoldStandard.parseCSV("document,delegation,kind,iso3,r1\na.txt,France,state,FRA,1\nb.txt,France,state,FRA,1\n", path: "gold.csv")
        XCTAssertEqual(gold.cells.count, 2)
    }

    func testEmptyDelegationNameIsRefused() {
        XCTAssertEqual(csvFailure("delegation,kind,iso3,r1\n,state,FRA,1\n"), "gold.csv:2:1: error: empty delegation name")
    }

    func testCRLFAndByteOrderMarkAreAccepted() throws {
        let lf = try GoldStandard.parseCSV("delegation,kind,iso3,r1,r2\nFrance,state,FRA,1,0\n\"Bosnia, \"\"B\"\"\",state,BIH,,1\n", path: "g.csv")
        let crlf = try GoldStandard.parseCSV("\u{FEFF}delegation,kind,iso3,r1,r2\r\nFrance,state,FRA,1,0\r\n\"Bosnia, \"\"B\"\"\",state,BIH,,1\r\n", path: "g.csv")
        XCTAssertEqual(crlf, lf)
        XCTAssertEqual(cells(crlf), ["France r1 1 @2:18", "France r2 0 @2:20", "Bosnia, \"B\" r2 1 @3:28"])
    }

    func testLoadReadsAByteOrderMarkAndCRLFFromDisk() throws {
        let path = try temporaryFile("gold.csv", "\u{FEFF}delegation,kind,iso3,r1\r\nFrance,state,FRA,1\r\n\r\nBelgium,state,BEL,0\r\n")
        let gold = try GoldStandard.load(path: path)
        XCTAssertEqual(cells(gold), ["France r1 1 @2:18", "Belgium r1 0 @4:19"])
    }

    func testBadCellThroughLoadNamesThePath() throws {
        let path = try temporaryFile("gold.csv", "delegation,kind,iso3,r1\nFrance,state,FRA,yes\n")
        XCTAssertThrowsError(try GoldStandard.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2:18: error: cell 'yes' for r1; expected 1, 0 or empty")
        }
    }

    // MARK: per statement, JSON Lines

    func testJSONLinesWithStatementIndexSpeakerAndScoredRules() throws {
        let gold = try GoldStandard.parseJSONLines("""
            {"document": "a.txt", "statement": 7, "rules": ["r2"]}

            {"document": "b.txt", "speaker": "Mr. Djani", "rules": []}
            {"scored_rules": ["r1", "r2"]}

            """, path: "gold.jsonl")
        XCTAssertEqual(gold.level, .statement)
        XCTAssertEqual(gold.rules, ["r2", "r1"])
        XCTAssertEqual(cells(gold), [
            "a.txt statement 7 r2 1 @1:1",
            "a.txt statement 7 r1 0 @1:1",
            "Mr. Djani in b.txt r2 0 @3:1",
            "Mr. Djani in b.txt r1 0 @3:1",
        ])
        XCTAssertEqual(gold.cells.map(\.subject), [.statement(document: "a.txt", index: 7), .statement(document: "a.txt", index: 7),
                                                   .speaker(document: "b.txt", speaker: "Mr. Djani"), .speaker(document: "b.txt", speaker: "Mr. Djani")])
    }

    func testJSONLinesErrorsNameTheLine() {
        func failure(_ text: String) -> String? {
            do { _ = try GoldStandard.parseJSONLines(text, path: "g.jsonl"); return nil } catch { return error.description }
        }
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"statement\": 1, \"rules\": []}\n{\"statement\": 2, \"rules\": []}\n"),
                       "g.jsonl:2:1: error: missing \"document\"")
        XCTAssertEqual(failure("\n{\"document\": \"a.txt\", \"statement\": 1}\n"),
                       "g.jsonl:2:1: error: needs \"rules\": a list of rule ids (empty when none)")
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"rules\": [\"r1\"]}\n"),
                       "g.jsonl:1:1: error: needs \"statement\" (an index) or \"speaker\"")
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"statement\": 1, \"rules\": []}\n[1, 2]\n"), "g.jsonl:2:1: error: not a JSON object")
        XCTAssertEqual(failure("{\"document\": \"a.txt\", \"statement\": 1, \"rules\": \"r1\"}\n"),
                       "g.jsonl:1:1: error: needs \"rules\": a list of rule ids (empty when none)")
    }

    // MARK: per statement, YAML

    func testYAMLWithRulesAndStatements() throws {
        let gold = try GoldStandard.parseYAML("""
            rules: [r1]
            statements:
              - document: Corpus/unsc-2020/S-PV-8711.txt
                statement: 5
                rules: [r2]
              - document: Corpus/unsc-2020/S-PV-8711.txt
                speaker: Mr. Djani
                rules: []
            """, path: "gold.yaml")
        XCTAssertEqual(gold.level, .statement)
        XCTAssertEqual(gold.rules, ["r1", "r2"])
        XCTAssertEqual(cells(gold), [
            "Corpus/unsc-2020/S-PV-8711.txt statement 5 r1 0 @3:5",
            "Corpus/unsc-2020/S-PV-8711.txt statement 5 r2 1 @3:5",
            "Mr. Djani in Corpus/unsc-2020/S-PV-8711.txt r1 0 @6:5",
            "Mr. Djani in Corpus/unsc-2020/S-PV-8711.txt r2 0 @6:5",
        ])
    }

    func testYAMLErrorsNameLineAndColumn() {
        func failure(_ text: String) -> String? {
            do { _ = try GoldStandard.parseYAML(text, path: "g.yaml"); return nil } catch { return error.description }
        }
        XCTAssertEqual(failure("""
            statements:
              - document: a.txt
                statement: 1
                rules: []
              - statement: 2
                rules: [r1]
            """), "g.yaml:5:5: error: missing \"document\"")
        XCTAssertEqual(failure("""
            rules: [r1]
            statements:
              - document: a.txt
                statement: 1
            """), "g.yaml:3:5: error: needs \"rules\": a list of rule ids (empty when none)")
        XCTAssertEqual(failure("rules: r1\nstatements: []\n"), "g.yaml:1:8: error: 'rules' must be a list of rule ids")
        XCTAssertEqual(failure("rules: [r1]\n"), "g.yaml:1:1: error: missing 'statements' list")
        XCTAssertEqual(failure("statements:\n  - just a string\n"), "g.yaml:2:5: error: expected a statement mapping")
    }

    // MARK: load

    func testLoadChoosesTheFormatByExtension() throws {
        let csv = try temporaryFile("g.CSV", "delegation,kind,iso3,r1\nFrance,state,FRA,1\n")
        XCTAssertEqual(try GoldStandard.load(path: csv).level, .delegation)
        let jsonl = try temporaryFile("g.jsonl", "{\"document\": \"a.txt\", \"statement\": 0, \"rules\": [\"r1\"]}\n")
        XCTAssertEqual(try GoldStandard.load(path: jsonl).level, .statement)
        let yaml = try temporaryFile("g.yml", "statements:\n  - {document: a.txt, statement: 0, rules: [r1]}\n")
        XCTAssertEqual(try GoldStandard.load(path: yaml).cells.map(\.subject), [.statement(document: "a.txt", index: 0)])
    }

    func testUnknownExtensionAndMissingFile() throws {
        let txt = try temporaryFile("gold.txt", "delegation,kind,iso3,r1\n")
        XCTAssertThrowsError(try GoldStandard.load(path: txt)) { error in
            XCTAssertEqual("\(error)", "\(txt):1:1: error: unknown gold format '.txt'; expected .csv, .yaml or .jsonl")
        }
        XCTAssertThrowsError(try GoldStandard.load(path: "/nonexistent/attest/gold.csv")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/attest/gold.csv:1:1: error: cannot read gold file")
        }
    }
}

/// Gold-file inputs that Attest accepts elsewhere but that the gold readers get wrong.
final class GoldStandardKnownBugTests: XCTestCase {
    // Bug: JSON Lines gold with CRLF line ends is one "line" (Swift reads "\r\n" as one Character, so split(separator: "\n") never splits).
    func testJSONLinesWithCRLFLineEnds() throws {
        let gold = try GoldStandard.parseJSONLines("{\"document\": \"a.txt\", \"statement\": 7, \"rules\": [\"r2\"]}\r\n{\"document\": \"b.txt\", \"statement\": 1, \"rules\": []}\r\n", path: "g.jsonl")
        XCTAssertEqual(gold.cells.map(\.line), [1, 2])
    }

    // Bug: a cell after a quoted line break is reported on the record's first line, with a column counted on a later line.
    func testBadCellAfterAQuotedLineBreakNamesItsOwnLine() {
        XCTAssertThrowsError(try GoldStandard.parseCSV("delegation,kind,iso3,r1,r2\n\"Holy\nSee\",state,VAT,1,x\n", path: "g.csv")) { error in
            XCTAssertEqual("\(error)", "g.csv:3:18: error: cell 'x' for r2; expected 1, 0 or empty")
        }
    }

    // Bug: a header naming the same rule twice is accepted and gives the row two conflicting judgements of that rule.
    func testDuplicateRuleColumnIsRefused() {
        XCTAssertThrowsError(try GoldStandard.parseCSV("delegation,kind,iso3,r1,r1\nFrance,state,FRA,1,0\n", path: "g.csv"))
    }

    // regression: an alias bomb in a gold file hung `eval` (the rule-pack preflight was skipped)
    func testAliasBombInAYAMLGoldIsRefusedBeforeItIsExpanded() {
        let yaml = TestFiles.aliasBombYAML(levels: 9, use: "statements: *a9")
        XCTAssertThrowsError(try GoldStandard.parseYAML(yaml, path: "bomb.yaml")) { e in
            XCTAssertTrue("\(e)".hasPrefix("bomb.yaml:"), "\(e)")
        }
    }
}

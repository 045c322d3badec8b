import Foundation
import XCTest
@testable import AttestRules
import AttestModel

/// `vocabularies:` — named term lists, visible to every rule of their pack whatever file defines them
/// (docs/rules.md, "Packs, files and ids"). Lines and columns in the expectations are counted by hand
/// from the YAML written in each test.
final class VocabularyTests: XCTestCase {
    private func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-vocabulary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Writes `files` (name → YAML) into a fresh directory and loads it as `attest` does.
    private func load(_ files: [String: String]) throws -> (dir: String, outcome: RuleLoader.Outcome) {
        let dir = try temporaryDirectory()
        for (name, yaml) in files {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
        }
        return (dir, RuleLoader().load(path: dir))
    }

    private func parse(_ yaml: String) -> (RulePack?, [String]) {
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "x.yaml")
        return (pack, diagnostics.map(\.description))
    }

    /// The header file of pack `x`, with two vocabularies: `rights` at 6:3 and `crimes` at 7:3.
    private let headerFile = """
        pack:
          id: x
          title: X
          version: "1"
        vocabularies:
          rights: ["human rights", "fundamental freedoms"]
          crimes: [terrorism, "organized crime"]
        """

    /// A second file of pack `x` with one rule using `vocabulary: rights` (the mapping at 5:12).
    private let rulesFile = """
        pack: {id: x}
        rules:
          - id: calls-for-rights
            title: Rights
            match: {vocabulary: rights}
            unless: {vocabulary: crimes}
            examples:
              match: ["We defend human rights."]
              no_match: ["We defend nothing."]
        """

    // MARK: multi-file packs

    func testVocabularyDefinedInTheHeaderFileIsUsedFromAnotherFile() throws {
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": rulesFile])
        XCTAssertEqual(outcome.diagnostics.map(\.description), [])
        let pack = try XCTUnwrap(outcome.packs.first)
        XCTAssertEqual(outcome.packs.count, 1)
        XCTAssertEqual(pack.id, "x")
        XCTAssertEqual(pack.path, "\(dir)/a.yaml")
        XCTAssertEqual(pack.files, ["\(dir)/a.yaml", "\(dir)/b.yaml"])
        XCTAssertEqual(pack.vocabularies.map(\.name), ["rights", "crimes"])
        let rule = try XCTUnwrap(pack.rules.first)
        let a = { (line: Int, column: Int) in SourceLocation(path: "\(dir)/a.yaml", line: line, column: column) }
        let b = { (line: Int, column: Int) in SourceLocation(path: "\(dir)/b.yaml", line: line, column: column) }
        XCTAssertEqual(rule.match, .vocabulary("rights", [.phrase("human rights", a(6, 12)), .phrase("fundamental freedoms", a(6, 28))], b(5, 12)))
        XCTAssertEqual(rule.unless, .vocabulary("crimes", [.phrase("terrorism", a(7, 12)), .phrase("organized crime", a(7, 23))], b(6, 13)))
        XCTAssertEqual(rule.location, b(3, 5))
        XCTAssertEqual(rule.pack, "x")
    }

    func testVocabularyDefinedInARulesFileIsVisibleToRulesOfTheHeaderFile() throws {
        let header = """
            pack:
              id: x
              title: X
              version: "1"
            rules:
              - id: uses-later-vocabulary
                title: Later
                match: {vocabulary: arms}
            """
        let other = """
            pack: {id: x}
            vocabularies:
              arms: ["small arms", "light weapons"]
            """
        let (dir, outcome) = try load(["a.yaml": header, "b.yaml": other])
        XCTAssertEqual(outcome.errors.map(\.description), [])
        let rule = try XCTUnwrap(outcome.rules.first)
        let b = { (line: Int, column: Int) in SourceLocation(path: "\(dir)/b.yaml", line: line, column: column) }
        XCTAssertEqual(rule.match, .vocabulary("arms", [.phrase("small arms", b(3, 10)), .phrase("light weapons", b(3, 24))],
                                               SourceLocation(path: "\(dir)/a.yaml", line: 8, column: 12)))
    }

    func testVocabularyOfAnotherPackIsNotVisible() throws {
        let otherPack = """
            pack:
              id: y
              title: Y
              version: "1"
            rules:
              - id: borrows-rights
                title: Borrows
                match: {vocabulary: rights}
            """
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": rulesFile, "c.yaml": otherPack])
        // pack y has no vocabularies at all, so there is nothing to suggest
        XCTAssertEqual(outcome.errors.map(\.description), ["\(dir)/c.yaml:8:25: error: undefined vocabulary 'rights'"])
        XCTAssertEqual(outcome.packs.map(\.id), ["x"], "pack y has an error and is left out; pack x is unaffected")
        XCTAssertEqual(outcome.invalidPacks.map(\.id), ["y"])
    }

    func testDuplicateVocabularyAcrossFilesIsReportedAtTheSecond() throws {
        let second = """
            pack: {id: x}
            vocabularies:
              rights: ["human rights law"]
            """
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": rulesFile, "c.yaml": second])
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir)/c.yaml:3:3: error: duplicate vocabulary 'rights' (first defined at \(dir)/a.yaml:6:3)"])
        XCTAssertEqual(outcome.packs, [])
    }

    func testPackWithNoHeaderFile() throws {
        let vocabularyOnly = """
            pack: {id: x}
            vocabularies:
              rights: ["human rights"]
            """
        let (dir, outcome) = try load(["a.yaml": vocabularyOnly, "b.yaml": rulesFile.replacingOccurrences(of: "    unless: {vocabulary: crimes}\n", with: "")])
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir)/a.yaml:1:7: error: pack 'x' has no header: one of its files must give its title and version"])
        XCTAssertEqual(outcome.packs, [])
    }

    func testSingleFileWithOnlyAnIDLacksTitleAndVersion() {
        let yaml = """
            pack: {id: x}
            rules:
              - id: r
                title: R
                match: terrorism
            """
        XCTAssertEqual(parse(yaml).1, ["x.yaml:1:7: error: missing key 'title'", "x.yaml:1:7: error: missing key 'version'"])
    }

    func testPackWithTwoHeaderFiles() throws {
        let secondHeader = """
            pack:
              id: x
              title: X again
              version: "2"
            rules:
              - id: second-rule
                title: Second
                match: terrorism
                examples:
                  match: ["terrorism"]
                  no_match: ["crime"]
            """
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": secondHeader, "c.yaml": rulesFile])
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir)/b.yaml:2:3: error: pack 'x' already has a header at \(dir)/a.yaml:2:3; other files give only its id"])
        XCTAssertEqual(outcome.invalidPacks.map(\.title), ["X"], "the first header in file order is the pack's")
    }

    func testSplitPackWithoutRulesInAnyFile() throws {
        let other = """
            pack: {id: x}
            vocabularies:
              arms: ["small arms"]
            """
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": other])
        XCTAssertEqual(outcome.diagnostics.map(\.description), ["\(dir)/a.yaml:2:3: error: pack 'x' has no rules"])
    }

    // MARK: undefined, nested, empty

    func testUndefinedVocabularySuggestsTheClosestName() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: ["human rights"]
            rules:
              - id: misspelt
                title: Misspelt
                match: {vocabulary: rigths}
              - id: unknown
                title: Unknown
                match: {vocabulary: weapons}
            """
        XCTAssertEqual(parse(yaml).1, [
            "x.yaml:10:25: error: undefined vocabulary 'rigths' (did you mean 'rights'?)",
            "x.yaml:13:25: error: undefined vocabulary 'weapons'",
        ])
    }

    func testVocabularyReferringToAnotherVocabularyIsRefused() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: ["human rights"]
              all-terms: [{vocabulary: rights}, "fundamental freedoms"]
            rules:
              - id: r
                title: R
                match: {vocabulary: rights}
            """
        let (pack, diagnostics) = parse(yaml)
        XCTAssertEqual(diagnostics, ["x.yaml:7:28: error: a vocabulary cannot refer to another vocabulary"])
        XCTAssertEqual(pack?.vocabularies.map(\.name), ["rights"], "the refused vocabulary is not defined")
    }

    func testVocabularyReferringToAnotherInsideAnExpressionIsRefused() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: ["human rights"]
              nested: [{near: {a: respect, b: {vocabulary: rights}}}]
            rules:
              - id: r
                title: R
                match: {vocabulary: rights}
            """
        XCTAssertEqual(parse(yaml).1, ["x.yaml:7:48: error: a vocabulary cannot refer to another vocabulary"])
    }

    func testEmptyVocabularyIsRefused() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: ["human rights"]
              nothing: []
            rules:
              - id: r
                title: R
                match: {vocabulary: rights}
            """
        let (pack, diagnostics) = parse(yaml)
        XCTAssertEqual(diagnostics, ["x.yaml:7:12: error: vocabulary 'nothing' is empty: it can never match"])
        XCTAssertEqual(pack?.vocabularies.map(\.name), ["rights"])
    }

    func testVocabularyThatIsNotAListIsRefused() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: human rights
            rules:
              - id: r
                title: R
                match: terrorism
            """
        XCTAssertEqual(parse(yaml).1, ["x.yaml:6:11: error: vocabulary 'rights' must be a list of terms"])
    }

    func testVocabularyNameMustBeKebabCase() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              Rights_List: ["human rights"]
            rules:
              - id: r
                title: R
                match: {vocabulary: Rights_List}
            """
        XCTAssertEqual(parse(yaml).1, ["x.yaml:6:3: error: id 'Rights_List' is not kebab-case (lowercase letters, digits and single hyphens)"])
    }

    func testVocabularyTermsMayBeAnyExpressionButAVocabulary() throws {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              respect-verbs: [respect, {lemma: comply}, {terms: ["in line with"]}]
            rules:
              - id: r
                title: R
                match: {vocabulary: respect-verbs}
            """
        let (pack, diagnostics) = parse(yaml)
        XCTAssertEqual(diagnostics, [])
        let at = { (line: Int, column: Int) in SourceLocation(path: "x.yaml", line: line, column: column) }
        XCTAssertEqual(try XCTUnwrap(pack?.vocabularies.first).terms, [
            .phrase("respect", at(6, 19)),
            .lemma("comply", at(6, 36)),
            .any([.phrase("in line with", at(6, 54))], at(6, 45)),
        ])
    }

    // MARK: linter

    func testLinterWarnsAboutAVocabularyNoRuleUses() throws {
        let rules = rulesFile.replacingOccurrences(of: "    unless: {vocabulary: crimes}\n", with: "")
        let (dir, outcome) = try load(["a.yaml": headerFile, "b.yaml": rules])
        XCTAssertEqual(outcome.diagnostics.map(\.description), [])
        XCTAssertEqual(RuleLinter.warnings(outcome.packs).map(\.description),
                       ["\(dir)/a.yaml:7:3: warning: vocabulary 'crimes' is not used by any rule"])
    }

    func testLinterCountsAVocabularyUsedOnlyInUnlessAsUsed() throws {
        let (_, outcome) = try load(["a.yaml": headerFile, "b.yaml": rulesFile])
        XCTAssertEqual(RuleLinter.warnings(outcome.packs).map(\.description), [])
    }

    func testLinterCountsAVocabularyUsedDeepInAnExpressionAsUsed() {
        let yaml = """
            pack:
              id: p
              title: P
              version: "1"
            vocabularies:
              rights: ["human rights"]
            rules:
              - id: r
                title: R
                match: {all: [respect, {near: {a: law, b: {vocabulary: rights}}}]}
                examples:
                  match: ["We respect the law and human rights."]
                  no_match: ["Nothing."]
            """
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "x.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(RuleLinter.warnings(pack.map { [$0] } ?? []).map(\.description), [])
    }
}

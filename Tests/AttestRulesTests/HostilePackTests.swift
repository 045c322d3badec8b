import Foundation
import XCTest
@testable import AttestRules

/// Rule packs (and rule files) written to cost time or memory out of proportion to them, or to
/// hide their mistakes (issue 18): each test is named after the defect it guards.
final class HostilePackTests: XCTestCase {
    private func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private func diagnostics(_ yaml: String, path: String = "x.yaml") -> [String] {
        RuleLoader().parse(Data(yaml.utf8), path: path).1.map(\.description)
    }

    // MARK: item 16, file size

    /// Guards issue 18 item 16: a rule file was read whole before its size was checked, so a 2 GB
    /// sparse .yaml cost 2 GB. Its size is now asked first; nothing of it is read.
    func testOversizedRuleFileIsRefusedBeforeItIsRead() throws {
        let path = try temporaryDirectory() + "/huge.yaml"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("pack:\n".utf8)))
        // 8 GiB, sparse: reading it would need 8 GiB of memory
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 8 << 30)
        try handle.close()
        let outcome = RuleLoader().load(path: path)
        XCTAssertEqual(outcome.diagnostics.map(\.description), ["\(path):1:1: error: file is \(8 << 30) bytes; the limit is \(4 << 20)"])
        XCTAssertEqual(RuleLoader().loadFile(path).1.map(\.message), ["file is \(8 << 30) bytes; the limit is \(4 << 20)"])
    }

    /// A file that does not say its size (a device that never ends) is read to the limit and one
    /// byte more, then refused.
    func testEndlessRuleFileIsReadOnlyToTheLimit() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { throw XCTSkip("no /dev/zero") }
        var loader = RuleLoader()
        loader.limits.maxBytes = 1 << 16
        XCTAssertEqual(loader.load(path: "/dev/zero").diagnostics.map(\.description),
                       ["/dev/zero:1:1: error: file is more than 65536 bytes; the limit is 65536"])
    }

    func testRuleFileAtTheLimitIsRead() throws {
        let path = try temporaryDirectory() + "/p.yaml"
        let text = "pack: {id: p, title: P, version: '1'}\nrules:\n  - id: r\n    title: R\n    match: x\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var loader = RuleLoader()
        loader.limits.maxBytes = text.utf8.count
        XCTAssertEqual(loader.load(path: path).rules.map(\.id), ["r"])
        loader.limits.maxBytes = text.utf8.count - 1
        XCTAssertEqual(loader.load(path: path).diagnostics.map(\.message), ["file is \(text.utf8.count) bytes; the limit is \(text.utf8.count - 1)"])
    }

    // MARK: item 7, vocabulary expansion

    private func vocabularyPack(id: String = "v", terms: Int, references: Int) -> String {
        var lines = ["pack: {id: \(id), title: V, version: '1'}", "vocabularies:",
                     "  big: [" + (0..<terms).map { "t\($0)" }.joined(separator: ", ") + "]", "rules:"]
        for r in 0..<references { lines += ["  - id: \(id)-r\(r)", "    title: R", "    match: {vocabulary: big}"] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Guards issue 18 item 7: a vocabulary is copied into every rule that refers to it, so one of
    /// 50,000 terms referred to 2,000 times (a 687 KB pack) validated, then `match` reached 3.37 GB
    /// and aborted. References beyond the budget are refused, each at its place.
    func testVocabularyExpansionIsBoundedAtLoadWithADiagnosticAtTheReference() {
        var loader = RuleLoader()
        loader.limits.maxExpandedTerms = 1_000
        // 10 references to 100 terms: exactly the budget
        XCTAssertEqual(loader.parse(Data(vocabularyPack(terms: 100, references: 10).utf8), path: "x.yaml").1, [])
        // the 11th reference, on line 4 + 3 × 11 = 37, goes over it
        let (pack, diagnostics) = loader.parse(Data(vocabularyPack(terms: 100, references: 12).utf8), path: "x.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [37, 40].map {
            "x.yaml:\($0):25: error: vocabulary 'big' (100 terms) is copied into every rule that refers to it: with this reference, "
                + "vocabularies expand to more than 1000 expression nodes in all; refer to large vocabularies from fewer rules"
        })
        XCTAssertEqual(pack?.rules.count, 10)
        // the budget is for everything loaded together, not per pack
        let directory = try! temporaryDirectory()
        try! vocabularyPack(id: "a", terms: 100, references: 6).write(toFile: directory + "/a.yaml", atomically: true, encoding: .utf8)
        try! vocabularyPack(id: "b", terms: 100, references: 6).write(toFile: directory + "/b.yaml", atomically: true, encoding: .utf8)
        let outcome = loader.load(path: directory)
        XCTAssertEqual(outcome.errors.map { "\(($0.path as NSString).lastPathComponent):\($0.line)" }, ["b.yaml:19", "b.yaml:22"])
        XCTAssertEqual(outcome.packs.map(\.id), ["a"])
    }

    /// The hostile pack of the issue, at the default budget: 50,000 terms referred to 2,000 times
    /// is refused at the fifth reference, and loading it stays cheap.
    func testVocabularyOfTheIssueIsRefusedAtTheDefaultBudget() {
        let outcome = RuleLoader().parse(Data(vocabularyPack(terms: 50_000, references: 2_000).utf8), path: "x.yaml")
        XCTAssertNil(outcome.0?.rules.first { $0.id == "v-r4" })
        XCTAssertEqual(outcome.1.count, 1_996)
        XCTAssertEqual(outcome.1.first?.line, 4 + 3 * 5)
        XCTAssertEqual(RuleLoader.Limits().maxExpandedTerms, 200_000)
    }

    // MARK: item 3, hits per word

    /// Guards the other half of issue 18 item 3: phrases that are suffixes of one another ("a",
    /// "a a", …) make every word of a text that repeats them a hit for each, a number the matcher
    /// cannot bound. `validate` warns at the phrase that most of them end.
    func testPhrasesEndingAlikeAreWarnedAboutAtThePhrase() {
        func pack(_ k: Int) -> [RulePack] {
            let phrases = (1...k).map { "\"" + Array(repeating: "A", count: $0).joined(separator: " ") + "\"" }
            let yaml = "pack: {id: p, title: P, version: '1'}\nrules:\n  - id: r\n    title: R\n    match:\n"
                + phrases.map { "      - \($0)\n" }.joined() + "      - \"a-a\"\n"
            let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "x.yaml")
            XCTAssertEqual(diagnostics, [])
            return pack.map { [$0] } ?? []
        }
        let warnings = RuleLinter.warnings(pack(70)).filter { $0.message.contains("phrases of the loaded packs") }
        XCTAssertEqual(warnings.map(\.description), [
            "x.yaml:75:9: warning: 70 phrases of the loaded packs end with the last words of \"A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A…\" "
                + "(each is also a phrase of its own): a text that repeats them is a hit for every one of them on every word; keep it to 64 or fewer",
        ])
        XCTAssertEqual(RuleLinter.warnings(pack(64)).filter { $0.message.contains("phrases of the loaded packs") }, [])
    }

    // MARK: item 6, nested `all`

    /// Guards issue 18 item 6 at load: `all` nested as deep as a pack may nest (64) loads, and
    /// one level more is refused at its place (the compile is linear in the depth now, see
    /// HostileInputTests.testNestedAllCompilesInLinearTime).
    func testNestedAllDeeperThanTheLimitIsRefusedAtItsPlace() {
        func nested(_ depth: Int) -> String {
            var e = "last"
            for i in 0..<depth { e = "{all: [\(e), w\(i)]}" }
            return "pack: {id: p, title: P, version: '1'}\nrules:\n  - id: r\n    title: R\n    match: \(e)\n"
        }
        XCTAssertEqual(diagnostics(nested(64)), [])
        // both parts of the innermost `all` are one level too deep, each reported at its column
        let refused = diagnostics(nested(65))
        XCTAssertEqual(refused, ["x.yaml:5:467: error: expression nested more than 64 levels deep",
                                 "x.yaml:5:473: error: expression nested more than 64 levels deep"])
    }

    // MARK: item 20, broken header

    /// Guards issue 18 item 20: when a file's `pack:` header was broken, `validate` reported that
    /// one error and nothing else of the file. Every error of the file is now reported.
    func testBrokenPackHeaderStillReportsEveryErrorOfTheFile() {
        let rules = """
            vocabularies:
              rights: ["human rights"]
            rules:
              - id: Bad_ID
                title: R
                match: {phrse: x}
              - id: ok
                title: R
                severity: critical
                match: {vocabulary: rihts}

            """
        // no id
        XCTAssertEqual(diagnostics("pack:\n  title: T\n" + rules), [
            "x.yaml:2:3: error: missing key 'id'",
            "x.yaml:2:3: error: missing key 'version'",
            "x.yaml:6:9: error: id 'Bad_ID' is not kebab-case (lowercase letters, digits and single hyphens)",
            "x.yaml:8:13: error: unknown match operator 'phrse'; expected one of: phrase, any, terms, vocabulary, lemma, all, not, near, citation, regex",
            "x.yaml:11:15: error: invalid severity 'critical'; allowed: error, warning, info",
            // 'rihts' may be a vocabulary of another file of the pack, which is not known: not reported
        ])
        // a header that is not a mapping, and no header at all
        XCTAssertEqual(diagnostics("pack: p\n" + rules).count, 4)
        XCTAssertEqual(diagnostics("pack: p\n" + rules).first, "x.yaml:1:7: error: expected the pack's header (id, title, version)")
        XCTAssertEqual(diagnostics(rules).first, "x.yaml:1:1: error: missing key 'pack'")
        XCTAssertEqual(diagnostics(rules).count, 4)
    }

    /// A file whose header is broken may belong to a pack whose other files define vocabularies:
    /// a vocabulary it does not define is not reported as undefined.
    func testBrokenHeaderDoesNotReportVocabulariesOfOtherFiles() {
        XCTAssertEqual(diagnostics("pack: {title: T}\nrules:\n  - id: r\n    title: R\n    match: {vocabulary: elsewhere}\n"), [
            "x.yaml:1:7: error: missing key 'id'",
            "x.yaml:1:7: error: missing key 'version'",
        ])
    }
}

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

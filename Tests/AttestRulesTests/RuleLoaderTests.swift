import Foundation
import AttestTestSupport
import XCTest
@testable import AttestRules

final class RuleLoaderTests: XCTestCase {
    /// The package root, three levels above this file (Tests/AttestRulesTests/RuleLoaderTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func diagnostics(_ yaml: String, limits: RuleLoader.Limits = RuleLoader.Limits()) -> [String] {
        var loader = RuleLoader()
        loader.limits = limits
        return loader.parse(Data(yaml.utf8), path: "x.yaml").1.map(\.description)
    }

    private func diagnostics(_ bytes: [UInt8]) -> [String] {
        RuleLoader().parse(Data(bytes), path: "x.yaml").1.map(\.description)
    }

    private func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    // MARK: the shipped pack

    func testShippedPackLoadsWithoutDiagnosticsOrWarnings() throws {
        let outcome = RuleLoader().load(path: Self.packageRoot.appendingPathComponent("Rules/unsc-2482").path)
        XCTAssertEqual(outcome.diagnostics.map(\.description), [])
        XCTAssertEqual(RuleLinter.warnings(outcome.packs).map(\.description), [])
        let pack = try XCTUnwrap(outcome.packs.first)
        XCTAssertEqual(pack.id, "unsc-2482")
        XCTAssertEqual(pack.source, "S/RES/2482 (2019)")
        XCTAssertEqual(pack.files.map { ($0 as NSString).lastPathComponent }, ["pack.yaml", "rules.yaml"], "a pack spanning two files")
        XCTAssertGreaterThanOrEqual(pack.rules.count, 15)
        let ids = pack.rules.map(\.id)
        XCTAssertTrue(ids.contains("cites-resolution-2482"))
        XCTAssertTrue(ids.contains("references-human-rights-compliance"))
        for rule in pack.rules {
            XCTAssertGreaterThanOrEqual(rule.examples.match.count, 3, rule.id)
            XCTAssertGreaterThanOrEqual(rule.examples.noMatch.count, 3, rule.id)
            XCTAssertFalse(rule.source?.isEmpty ?? true, "\(rule.id) names its source paragraph")
        }
    }

    /// The shipped pack uses every construct of the language (docs/rules.md), so that each is exercised on real text.
    func testShippedPackUsesEveryConstruct() throws {
        let pack = try XCTUnwrap(RuleLoader().load(path: Self.packageRoot.appendingPathComponent("Rules").path).packs.first { $0.id == "unsc-2482" })
        var seen: Set<String> = []
        func walk(_ e: MatchExpression) {
            switch e {
            case .phrase: seen.insert("phrase")
            case .any: seen.insert("any")
            case .all: seen.insert("all")
            case .not: seen.insert("not")
            case .near(_, _, _, let ordered, _): seen.insert(ordered ? "near-ordered" : "near-unordered")
            case .citation(_, let year, _): seen.insert(year == nil ? "citation" : "citation-year")
            case .symbol: seen.insert("symbol")
            case .lemma: seen.insert("lemma")
            case .vocabulary: seen.insert("vocabulary")
            case .regex: seen.insert("regex")
            }
            e.children.forEach(walk)
        }
        for rule in pack.rules {
            walk(rule.match)
            if rule.unless != nil { seen.insert("unless") }
            if !rule.speakers.isEmpty { seen.insert("speakers") }
            if rule.scope != .sentence { seen.insert("scope") }
            if rule.negation == .allow { seen.insert("negation") }
            if rule.examples.match.contains(where: { $0.marked != nil }) { seen.insert("marker") }
            seen.insert("severity-\(rule.severity.rawValue)")
        }
        XCTAssertEqual(seen, ["phrase", "any", "all", "not", "near-ordered", "near-unordered", "citation", "citation-year", "symbol",
                              "lemma", "vocabulary", "regex", "unless", "speakers", "scope", "negation", "marker",
                              "severity-error", "severity-warning", "severity-info"])
    }

    func testShippedPackKeepsWhereEachPartIsWritten() throws {
        let path = Self.packageRoot.appendingPathComponent("Rules/unsc-2482/rules.yaml").path
        let rule = try XCTUnwrap(RuleLoader().load(path: Self.packageRoot.appendingPathComponent("Rules").path).rules.first { $0.id == "cites-resolution-2482" })
        XCTAssertEqual(rule.location.path, path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[rule.location.line - 1].dropFirst(rule.location.column - 1).prefix(28), "id: cites-resolution-2482")
        let example = try XCTUnwrap(rule.examples.match.first)
        XCTAssertTrue(lines[example.location.line - 1].contains(example.text.prefix(20)))
    }

    func testShippedRulesDirectoryLoadsWithoutDiagnostics() {
        let outcome = RuleLoader().load(path: Self.packageRoot.appendingPathComponent("Rules").path)
        XCTAssertEqual(outcome.diagnostics.map(\.description), [])
        XCTAssertEqual(outcome.packs.map(\.id), ["claims", "unsc-2482"])
    }

    // MARK: files and directories

    func testDuplicateRuleIDsAcrossTwoFilesAreReportedAtTheSecond() throws {
        let dir = try temporaryDirectory()
        for pack in ["a", "b"] {
            let yaml = """
            pack:
              id: \(pack)
              title: \(pack.uppercased())
              version: "1"
            rules:
              - id: shared-id
                title: R
                match: x

            """
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(pack).yaml"))
        }
        let outcome = RuleLoader().load(path: dir)
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir)/b.yaml:6:5: error: duplicate rule id 'shared-id' (first defined at \(dir)/a.yaml:6:5)"])
        XCTAssertEqual(outcome.packs.map(\.id), ["a", "b"])
        XCTAssertEqual(outcome.rules.map(\.pack), ["a"])
    }

    func testMissingPathIsADiagnostic() {
        XCTAssertEqual(RuleLoader().load(path: "/nonexistent/attest/rules").diagnostics.map(\.description),
                       ["/nonexistent/attest/rules:1:1: error: no such file or directory"])
    }

    func testDirectoryWithoutRuleFilesIsADiagnostic() throws {
        let dir = try temporaryDirectory()
        try Data("not rules".utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("notes.txt"))
        XCTAssertEqual(RuleLoader().load(path: dir).diagnostics.map(\.description),
                       ["\(dir):1:1: error: no rule files (*.yaml, *.yml) in directory"])
    }

    func testPackWithAnErrorIsNotUsed() throws {
        let dir = try temporaryDirectory()
        let yaml = """
        pack:
          id: p
          title: P
          version: "1"
        rules:
          - id: r
            title: R
            severity: critical
            match: x

        """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("p.yml"))
        let outcome = RuleLoader().load(path: dir)
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(dir)/p.yml:8:15: error: invalid severity 'critical'; allowed: error, warning, info"])
        XCTAssertEqual(outcome.packs.map(\.id), [])
    }

    // MARK: input checked before YAML parsing

    func testTabInIndentation() {
        XCTAssertEqual(diagnostics("pack:\n\tid: p\n"), ["x.yaml:2:1: error: tab character in indentation; YAML indents with spaces"])
        XCTAssertEqual(diagnostics("pack:\n  \tid: p\n"), ["x.yaml:2:3: error: tab character in indentation; YAML indents with spaces"])
    }

    func testNonUTF8FileReportsTheFirstBadByte() {
        // 0xFF after "é" (one column, two bytes) on line 2
        XCTAssertEqual(diagnostics(Array("pack:\n  id: é".utf8) + [0xFF] + Array("\n".utf8)),
                       ["x.yaml:2:8: error: file is not UTF-8"])
        // "Côte" saved as Latin-1
        XCTAssertEqual(diagnostics(Array("pack:\n  title: C".utf8) + [0xF4] + Array("te\n".utf8)),
                       ["x.yaml:2:11: error: file is not UTF-8"])
    }

    func testFileOverTheSizeLimit() {
        var limits = RuleLoader.Limits()
        limits.maxBytes = 10
        XCTAssertEqual(diagnostics("pack:\n  id: p\n", limits: limits), ["x.yaml:1:1: error: file is 14 bytes; the limit is 10"])
    }

    func testFileExactlyAtTheSizeLimitIsRead() {
        var limits = RuleLoader.Limits()
        limits.maxBytes = 14
        XCTAssertEqual(diagnostics("pack:\n  id: p\n", limits: limits), [
            "x.yaml:2:3: error: missing key 'title'",
            "x.yaml:2:3: error: missing key 'version'",
            "x.yaml:1:1: error: missing key 'rules'",
        ])
    }

    func testBillionLaughsIsRefusedByItsExpandedSize() {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = "abcdefghijkl".map(String.init)
        for k in 1..<names.count {
            let refs = Array(repeating: "*\(names[k - 1])", count: 10).joined(separator: ",")
            lines.append("\(names[k]): &\(names[k]) [\(refs)]")
        }
        // 11 levels of 10 aliases: 10^11 "lol"s if expanded
        XCTAssertEqual(diagnostics(lines.joined(separator: "\n") + "\n"),
                       ["x.yaml:6:8: error: document expands to more than 200000 YAML nodes (aliases included)"])
    }

    func testAliasesInQuotesAndCommentsAreNotCounted() {
        var limits = RuleLoader.Limits()
        limits.maxAliases = 0
        let yaml = """
        pack:
          id: p
          title: "*a *b"
          version: "1" # *c
        rules:
          - id: r
            title: R
            match: x

        """
        XCTAssertEqual(diagnostics(yaml, limits: limits), [])
    }

    /// Regression: the alias limit was once a text scan that missed aliases written after a tab.
    func testAliasesAfterATabAreCounted() {
        var limits = RuleLoader.Limits()
        limits.maxAliases = 1
        XCTAssertEqual(diagnostics("a: &a [x]\nb: [\t*a,\t*a]\n", limits: limits), ["x.yaml:2:10: error: more than 1 YAML aliases"])
    }

    /// Regression: 81 aliases, under the alias limit, used as a mapping key made Yams hash the 10^8 nodes
    /// they stand for while checking for duplicate keys; the expanded size is now measured first.
    func testAliasBombUnderTheLimitUsedAsAKeyIsRefused() {
        XCTAssertEqual(diagnostics(TestFiles.aliasBombYAML(levels: 8, use: "? *a8\n: 1")),
                       ["x.yaml:6:10: error: document expands to more than 200000 YAML nodes (aliases included)"])
    }

    // MARK: YAML errors from libyaml

    func testInvalidYAMLSyntaxHasLibyamlLineAndColumn() {
        let yaml = """
        pack:
          id: p
          title: a: b

        """
        XCTAssertEqual(diagnostics(yaml), ["x.yaml:3:11: error: invalid YAML: mapping values are not allowed in this context"])
    }

    func testDuplicateKeysInAMapping() {
        let yaml = """
        pack:
          id: p
          title: P
          version: "1"
        rules:
          - id: r
            title: R
            title: S
            match: x

        """
        XCTAssertEqual(diagnostics(yaml), ["x.yaml:8:5: error: duplicate key 'title' (first at 7:5)"])
    }

    func testEmptyFile() {
        XCTAssertEqual(diagnostics(""), ["x.yaml:1:1: error: file is empty"])
    }
}

/// Inputs found by fuzzing (Fuzz/Regressions/), kept as tests.
final class RuleLoaderFuzzRegressionTests: XCTestCase {
    func diagnostics(_ bytes: String) -> [String] {
        RuleLoader().parse(Data(bytes.utf8), path: "x.yaml").1.map(\.description)
    }

    /// Regression (FuzzRuleLoader-duplicate-key-crlf): a pack saved with CRLF line ends and a repeated key
    /// crashed the loader, which split lines on "\n" while libyaml counts CRLF as a line end.
    func testDuplicateKeyInACRLFFileDoesNotCrash() {
        XCTAssertEqual(diagnostics("pack:\r\n  id: x\r\n  id: y\r\n"), ["x.yaml:3:3: error: duplicate key 'id' (first at 2:3)"])
    }

    /// Regression (FuzzRuleLoader-duplicate-key-after-cr): the same with lone CR line ends.
    func testDuplicateKeyAfterLoneCRsDoesNotCrash() {
        XCTAssertEqual(diagnostics("\r\ra: 1\ra: 2\n"), ["x.yaml:4:1: error: duplicate key 'a' (first at 3:1)"])
    }

    /// The tab check counts CRLF lines as libyaml does.
    func testTabInACRLFFileIsFound() {
        XCTAssertEqual(diagnostics("pack:\r\n  id: x\r\n\tversion: 1\r\n"), ["x.yaml:3:1: error: tab character in indentation; YAML indents with spaces"])
    }
}

/// A rules directory may only hold its own files: a symbolic link that leads outside it is refused.
final class RuleDirectoryEscapeTests: XCTestCase {
    func testSymbolicLinkOutOfTheRulesDirectoryIsNotLoaded() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("attest-escape-\(UUID().uuidString)")
        let rules = base.appendingPathComponent("rules"), outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let pack = "pack:\n  id: p\n  title: P\n  version: \"1\"\nrules:\n  - id: r\n    title: R\n    match: x\n"
        try pack.write(to: rules.appendingPathComponent("inside.yaml"), atomically: true, encoding: .utf8)
        try pack.replacingOccurrences(of: "id: p", with: "id: q").replacingOccurrences(of: "id: r", with: "id: secret")
            .write(to: outside.appendingPathComponent("secret.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: rules.appendingPathComponent("link.yaml").path,
                                                   withDestinationPath: "../outside/secret.yaml")
        let outcome = RuleLoader().load(path: rules.path)
        let resolved = outside.appendingPathComponent("secret.yaml").resolvingSymlinksInPath().path
        XCTAssertEqual(outcome.diagnostics.map(\.description),
                       ["\(rules.path)/link.yaml:1:1: error: links outside the rules directory (to \(resolved)); not loaded"])
        XCTAssertEqual(outcome.rules.map(\.id), ["r"], "the pack inside is still loaded; the one outside is not")
    }
}

import AttestTestSupport
import Foundation
import XCTest

/// A rule with `window: 2` through every command that runs rules, as a user runs them.
final class SentenceWindowCLITests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try TestFiles.temporaryDirectory("attest-window")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private let support = "The United Kingdom has provided £5\u{00A0}million to the Sahel region. The funds will train border police to counter terrorist groups."

    /// A pack whose rule names support and its purpose, with `window` when given.
    private func pack(window: Int?) throws -> String {
        let rules = dir.appendingPathComponent(window == nil ? "sentence" : "window")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try """
        pack: {id: w, title: W, version: "1"}
        rules:
          - id: support-with-purpose
            title: Support named with its purpose
        \(window.map { "    window: \($0)\n" } ?? "")    match:
              all:
                - any: ["has provided", "will provide"]
                - near: {a: train, b: {any: [terrorism, terrorist groups]}, within: 6}
            examples:
              match: ["The United Kingdom has provided £5 million to the Sahel region. The funds will train border police to counter [[terrorist groups]]."]
              no_match: ["The United Kingdom has provided £5 million to the Sahel region.\\n\\nThe funds will train border police to counter terrorist groups."]

        """.write(to: rules.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return rules.path
    }

    /// Two statements: the construct in one paragraph (United Kingdom), split by a paragraph break (France).
    private func dataset() throws -> String {
        let lines = [["id": "s0", "delegation": "United Kingdom", "text": support],
                     ["id": "s1", "delegation": "France", "text": support.replacingOccurrences(of: "region. ", with: "region.\n\n")]]
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            .joined(separator: "\n") + "\n"
        let url = dir.appendingPathComponent("statements.jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testAWindowRuleThroughValidateTestAuditMatchEvalAndExplain() throws {
        let rules = try pack(window: 2), sentenceRules = try pack(window: nil), data = try dataset()

        let validate = try ProcessRunner.attest(["validate", rules])
        XCTAssertEqual(validate.status, 0, validate.output)
        XCTAssertEqual(validate.stdout, "")

        let test = try ProcessRunner.attest(["test", rules])
        XCTAssertEqual(test.status, 0, test.output)
        XCTAssertTrue(test.stdout.contains("PASS support-with-purpose (2/2 examples)"), test.stdout)
        // the same rule without the window fails its two-sentence example
        XCTAssertEqual(try ProcessRunner.attest(["test", sentenceRules]).status, 1)

        let audit = try ProcessRunner.attest(["audit", "--rules", rules, "--format", "csv", data])
        XCTAssertEqual(audit.status, 0, audit.output)
        XCTAssertEqual(audit.stdout, "delegation,kind,iso3,support-with-purpose\nFrance,state,FRA,0\nUnited Kingdom of Great Britain and Northern Ireland,state,GBR,1\n")
        let sentenceAudit = try ProcessRunner.attest(["audit", "--rules", sentenceRules, "--format", "csv", data])
        XCTAssertTrue(sentenceAudit.stdout.hasSuffix("United Kingdom of Great Britain and Northern Ireland,state,GBR,0\n"), sentenceAudit.output)

        // match: one finding, its sentence the two sentences holding its spans, its spans offsets into the statement's text
        let match = try ProcessRunner.attest(["match", "--rules", rules], stdin: URL(fileURLWithPath: data))
        XCTAssertEqual(match.status, 0, match.output)
        let findings = match.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == "finding" }
        XCTAssertEqual(findings.count, 1, match.stdout)
        XCTAssertEqual(findings.first?["sentence"] as? String, support)
        let compact = try ProcessRunner.attest(["match", "--rules", rules, "--compact"], stdin: URL(fileURLWithPath: data))
        XCTAssertEqual(compact.status, 0, compact.output)
        let length = support.utf8.count
        let provided = support.utf8.distance(from: support.startIndex, to: try XCTUnwrap(support.range(of: "has provided")).lowerBound)
        XCTAssertTrue(compact.stdout.contains("[\"support-with-purpose\",0,\(length),[[\(provided),\(provided + 12),"), compact.stdout)
        // merge reads the compact partition back into the matrix audit gives
        let partition = dir.appendingPathComponent("part.jsonl")
        try compact.stdout.write(to: partition, atomically: true, encoding: .utf8)
        let merge = try ProcessRunner.attest(["merge", "--rules", rules, partition.path])
        XCTAssertEqual(merge.status, 0, merge.output)
        XCTAssertEqual(merge.stdout, audit.stdout)

        // eval: per-statement gold says the United Kingdom's statement addresses it, France's not
        let gold = dir.appendingPathComponent("gold.jsonl")
        try """
        {"document": "\(data)", "statement": 0, "rules": ["support-with-purpose"]}
        {"document": "\(data)", "statement": 1, "rules": []}

        """.write(to: gold, atomically: true, encoding: .utf8)
        let eval = try ProcessRunner.attest(["eval", "--rules", rules, "--gold", gold.path, "--min-f1", "1", data])
        XCTAssertEqual(eval.status, 0, eval.output)
        let sentenceEval = try ProcessRunner.attest(["eval", "--rules", sentenceRules, "--gold", gold.path, "--min-f1", "1", data])
        XCTAssertNotEqual(sentenceEval.status, 0, sentenceEval.output)

        let explain = try ProcessRunner.attest(["explain", "--rules", rules, "--rule", "support-with-purpose", "--statement", "0", data])
        XCTAssertEqual(explain.status, 0, explain.output)
        XCTAssertTrue(explain.stdout.contains("  MATCH [0–\(length)] \(support)\n"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("\nunit: a window of 2 consecutive sentences of one paragraph (window: 2)"), explain.stdout)
    }

    func testExplainTellsAWindowThatIsNotAFindingOfItsOwn() throws {
        // the middle sentence holds the whole match: windows 1–2 and 2–3 both match, only the first is a finding
        let rules = try pack(window: 2)
        let text = "We met today. The United Kingdom has provided funds that will train police against terrorism. Thank you."
        let data = dir.appendingPathComponent("one.jsonl")
        try (String(decoding: try JSONSerialization.data(withJSONObject: ["id": "s0", "delegation": "Norway", "text": text]), as: UTF8.self) + "\n")
            .write(to: data, atomically: true, encoding: .utf8)
        let explain = try ProcessRunner.attest(["explain", "--rules", rules, "--rule", "support-with-purpose", data.path])
        XCTAssertEqual(explain.status, 0, explain.output)
        let verdicts = explain.stdout.split(separator: "\n").filter { $0.hasPrefix("  MATCH") || $0.hasPrefix("  no match") }
        XCTAssertEqual(verdicts, ["  MATCH [0–93] We met today. The United Kingdom has provided funds that will train police against terrorism.",
                                  "  MATCH (spans already reported by an earlier window) [14–104] The United Kingdom has provided funds that will train police against terrorism. Thank you."])
        // the finding is the middle sentence alone
        XCTAssertTrue(explain.stdout.contains("  MATCH [0–93] We met today. The United Kingdom has provided funds that will train police against terrorism.\n    reports [14–93] The United Kingdom has provided funds that will train police against terrorism.\n"), explain.stdout)
        let findings = try ProcessRunner.attest(["match", "--rules", rules], stdin: data).stdout.split(separator: "\n").filter { $0.contains("\"finding\"") }
        XCTAssertEqual(findings.count, 1)
    }

    /// A finding's unit is the sentences that hold its spans (the whole window for a rule with
    /// `not`): the same in `attest match`, `attest match --compact` read back by `attest merge`,
    /// and `attest audit --out`'s findings.jsonl.
    func testAWindowFindingReportsTheSentencesThatHoldItsSpansInMatchMergeAndAudit() throws {
        let rules = dir.appendingPathComponent("trim")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try """
        pack: {id: t, title: T, version: "1"}
        rules:
          - id: support-with-purpose
            title: Support named with its purpose
            window: 2
            match:
              all:
                - any: ["has provided", "will provide"]
                - near: {a: train, b: {any: [terrorism, terrorist groups]}, within: 6}
          - id: support-not-a-loan
            title: Support that is not a loan
            window: 2
            match:
              all: ["has provided", {not: loan}]

        """.write(to: rules.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let inSecond = "We met the\u{00A0}“briefers” today. Norway has provided funds that will train police against counter\u{2011}terrorism."
        let inFirst = "The United Kingdom has provided funds to train police against terrorism. We thank the briefers."
        let lines = [["id": "s0", "delegation": "Norway", "text": inSecond],
                     ["id": "s1", "delegation": "United Kingdom", "text": inFirst],
                     ["id": "s2", "delegation": "France", "text": "We met today. " + support + " Thank you."]]
        let data = dir.appendingPathComponent("trim.jsonl")
        try (try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            .joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)

        let match = try ProcessRunner.attest(["match", "--rules", rules.path], stdin: data)
        XCTAssertEqual(match.status, 0, match.output)
        let findings = match.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == "finding" }
        let sentences = findings.map { "\($0["rule"] ?? "") \($0["sentence"] ?? "")" }
        let secondSentence = "Norway has provided funds that will train police against counter\u{2011}terrorism."
        XCTAssertEqual(sentences, ["support-with-purpose \(secondSentence)", "support-not-a-loan \(inSecond)",
                                   "support-with-purpose The United Kingdom has provided funds to train police against terrorism.",
                                   "support-not-a-loan \(inFirst)",
                                   "support-with-purpose \(support)", "support-not-a-loan We met today. The United Kingdom has provided £5\u{00A0}million to the Sahel region."],
                       match.stdout)

        // --compact: unit offsets are UTF-8 offsets of the trimmed unit into the statement's text
        let compact = try ProcessRunner.attest(["match", "--rules", rules.path, "--compact", "--document", data.path], stdin: data)
        XCTAssertEqual(compact.status, 0, compact.output)
        let start = inSecond.utf8.distance(from: inSecond.startIndex, to: try XCTUnwrap(inSecond.range(of: "Norway")).lowerBound)
        XCTAssertTrue(compact.stdout.contains("[\"support-with-purpose\",\(start),\(inSecond.utf8.count),"), compact.stdout)
        XCTAssertTrue(compact.stdout.contains("[\"support-not-a-loan\",0,\(inSecond.utf8.count),"), compact.stdout)

        // merge of the compact partition gives audit's matrix and audit's findings
        let partition = dir.appendingPathComponent("trim-part.jsonl")
        try compact.stdout.write(to: partition, atomically: true, encoding: .utf8)
        let audit = try ProcessRunner.attest(["audit", "--rules", rules.path, "--format", "csv", data.path])
        XCTAssertEqual(audit.status, 0, audit.output)
        let merge = try ProcessRunner.attest(["merge", "--rules", rules.path, partition.path])
        XCTAssertEqual(merge.status, 0, merge.output)
        XCTAssertEqual(merge.stdout, audit.stdout)
        let auditOut = dir.appendingPathComponent("audit-out"), mergeOut = dir.appendingPathComponent("merge-out")
        XCTAssertEqual(try ProcessRunner.attest(["audit", "--rules", rules.path, "--out", auditOut.path, data.path]).status, 0)
        XCTAssertEqual(try ProcessRunner.attest(["merge", "--rules", rules.path, "--out", mergeOut.path, partition.path]).status, 0)
        // (merge keeps each finding's sentence as its evidence, offsets relative to it: compare the
        // rule, the sentence and the words of each span)
        func units(_ dir: URL) throws -> [String] {
            try String(contentsOf: dir.appendingPathComponent("findings.jsonl"), encoding: .utf8).split(separator: "\n").map {
                let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                let spans = (o["spans"] as? [[String: Any]] ?? []).map { "\($0["text"] ?? "")" }
                return "\(o["rule"] ?? "") \(o["sentence"] ?? "") \(spans)"
            }.sorted()
        }
        let audited = try units(auditOut)
        XCTAssertEqual(audited.count, 6)
        XCTAssertTrue(audited.contains("support-with-purpose \(secondSentence) [\"has provided\", \"train\", \"terrorism\"]"), "\(audited)")
        XCTAssertEqual(try units(mergeOut), audited)
        let auditedOffsets = try String(contentsOf: auditOut.appendingPathComponent("findings.jsonl"), encoding: .utf8)
        XCTAssertTrue(auditedOffsets.contains("\"sentence_end\":\(inSecond.utf8.count),\"sentence_start\":\(start),"), auditedOffsets)

        // explain: each window, and the unit a finding reports
        let explain = try ProcessRunner.attest(["explain", "--rules", rules.path, "--rule", "support-with-purpose", data.path])
        XCTAssertEqual(explain.status, 0, explain.output)
        XCTAssertTrue(explain.stdout.contains("\nreports: the sentences of the window that hold its spans\n"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("  MATCH [0–\(inSecond.utf8.count)] \(inSecond)\n    reports [\(start)–\(inSecond.utf8.count)] \(secondSentence)\n"),
                      explain.stdout)
        let notExplain = try ProcessRunner.attest(["explain", "--rules", rules.path, "--rule", "support-not-a-loan", data.path])
        XCTAssertTrue(notExplain.stdout.contains("\nreports: the whole window (the rule has 'not' or 'unless', a claim about the whole window)\n"), notExplain.stdout)
        XCTAssertTrue(notExplain.stdout.contains("  MATCH [0–\(inSecond.utf8.count)] \(inSecond)\n    reports [0–\(inSecond.utf8.count)] \(inSecond)\n"),
                      notExplain.stdout)
    }

    /// The window rule of docs/rules.md ("Sentence windows") is valid and its examples pass, so the reference cannot drift.
    func testTheDocumentedWindowRuleWorks() throws {
        let doc = try String(contentsOf: ProcessRunner.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let section = try XCTUnwrap(doc.range(of: "## Sentence windows"))
        let start = try XCTUnwrap(doc.range(of: "```yaml\n", range: section.upperBound..<doc.endIndex))
        let end = try XCTUnwrap(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let url = dir.appendingPathComponent("doc.yaml")
        try ("pack: {id: doc, title: Doc, version: \"1\"}\nrules:\n" + doc[start.upperBound..<end.lowerBound]).write(to: url, atomically: true, encoding: .utf8)
        let validate = try ProcessRunner.attest(["validate", url.path])
        XCTAssertEqual(validate.status, 0, validate.output)
        XCTAssertEqual(validate.stdout, "")
        let test = try ProcessRunner.attest(["test", url.path])
        XCTAssertEqual(test.status, 0, test.output)
        XCTAssertTrue(test.stdout.contains("PASS support-with-purpose (2/2 examples)"), test.stdout)
    }
}

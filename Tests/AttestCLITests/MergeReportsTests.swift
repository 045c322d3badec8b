import Foundation
import AttestTestSupport
import XCTest

/// `attest match` over pieces of a statements file and `attest merge --out` write the reports
/// `attest audit --out` writes on the whole file, byte for byte, but for the one thing a partition
/// cannot know: the input file itself (its path, SHA-256 and statement count in the provenance).
final class MergeReportsTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-mr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func file(_ name: String) -> URL { dir.appendingPathComponent(name) }

    /// Runs attest with the file `input` on stdin and writes its standard output to `output`.
    func match(_ arguments: [String], input: URL, output: URL) throws {
        let r = try ProcessRunner.attest(["match", "--rules", "Rules"] + arguments, stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        try Data(r.stdout.utf8).write(to: output)
    }

    /// Audit's report `name` with the input file's provenance taken out, as merge writes it.
    func withoutInput(_ name: String, _ data: Data, path: String, sha256: String, statements: Int) throws -> Data {
        func replaced(_ text: String, _ pairs: [(String, String)]) -> Data {
            var t = text
            for (a, b) in pairs {
                XCTAssertTrue(t.contains(a), "\(name) has no '\(a)'")
                t = t.replacingOccurrences(of: a, with: b)
            }
            return Data(t.utf8)
        }
        let text = String(decoding: data, as: UTF8.self)
        switch name {
        case "audit.md":
            return replaced(text, [("\n1 document, ", "\n0 documents, "), ("| \(path) | `\(sha256)` | \(statements) |\n", "")])
        case "audit.html":
            let details = "<details class=\"inputs\"><summary>1 document, \(statements) statements: paths and SHA-256</summary>\n"
                + "<table class=\"plain\"><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Statements</th>"
                + "<th scope=\"col\">SHA-256</th></tr></thead><tbody>\n"
                + "<tr><td>\(path)</td><td class=\"num\">\(statements)</td><td><code class=\"hash\">\(sha256)</code></td></tr>\n"
                + "</tbody></table></details>"
            return replaced(text, [(" · 1 document · ", " · 0 documents · "), ("<dt>Inputs</dt>\n<dd>" + details + "</dd>", "<dt>Inputs</dt>\n<dd>none</dd>")])
        default:
            return data
        }
    }

    func testPartitionsOfTheBundledCorpusMergeIntoTheReportsOfAudit() throws {
        let statements = try ProcessRunner.attest(["statements", "--format", "jsonl"] + TestFiles.bundledCorpus)
        XCTAssertEqual(statements.status, 0, statements.stderr)
        let whole = file("statements.jsonl")
        try Data(statements.stdout.utf8).write(to: whole)
        let audit = file("audit")
        let audited = try ProcessRunner.attest(["audit", "--rules", "Rules", "--out", audit.path, whole.path])
        XCTAssertEqual(audited.status, 0, audited.stderr)

        // the lines dealt at random into three pieces: a piece holds lines of every document, out of order
        let lines = statements.stdout.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 60)
        var random = SplitMix64(state: 8711)
        var pieces: [[Substring]] = [[], [], []]
        for line in lines { pieces[Int(random.next() % 3)].append(line) }
        for k in pieces.indices { pieces[k].shuffle(using: &random) }
        var full: [URL] = [], compact: [URL] = []
        for (k, piece) in pieces.enumerated() {
            XCTAssertFalse(piece.isEmpty)
            let input = file("piece\(k).jsonl")
            try Data((piece.joined(separator: "\n") + "\n").utf8).write(to: input)
            full.append(file("full\(k).jsonl"))
            compact.append(file("compact\(k).jsonl"))
            try match([], input: input, output: full[k])
            try match(["--compact"], input: input, output: compact[k])
        }

        // the input's SHA-256, as audit.md's provenance gives it
        let md = try String(contentsOf: audit.appendingPathComponent("audit.md"), encoding: .utf8)
        let row = try XCTUnwrap(md.range(of: "| \(whole.path) | `"))
        let sha256 = String(md[row.upperBound...].prefix(64))
        XCTAssertTrue(sha256.allSatisfy(\.isHexDigit) && sha256.count == 64, sha256)
        // and its statements: the lines but the one `attest statements` wrote for text nobody spoke, which audit skips too
        let counted = md[row.upperBound...].dropFirst(64 + 4).prefix { $0 != " " }
        let statementCount = try XCTUnwrap(Int(counted), String(counted))
        XCTAssertGreaterThan(statementCount, 60)
        let names = try FileManager.default.contentsOfDirectory(atPath: audit.path).sorted()
        XCTAssertEqual(names.count, 9, "\(names)")
        let orders = [("full", full), ("compact, reversed", compact.reversed()), ("mixed", [compact[2], full[0], compact[1]])]
        for (label, partials) in orders {
            let out = file("merge-\(label)")
            let merged = try ProcessRunner.attest(["merge", "--rules", "Rules", "--out", out.path] + partials.map(\.path))
            XCTAssertEqual(merged.status, 0, merged.output)
            XCTAssertFalse(merged.stderr.contains("note:"), merged.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), names)
            for name in names {
                let expected = try withoutInput(name, try Data(contentsOf: audit.appendingPathComponent(name)), path: whole.path,
                                                sha256: sha256, statements: statementCount)
                let got = try Data(contentsOf: out.appendingPathComponent(name))
                if name.hasSuffix(".xlsx") {
                    // the workbook's parts, one by one: only the description names the input
                    let a = try ZIPReader(expected).entries, b = try ZIPReader(got).entries
                    XCTAssertEqual(a.map(\.name), b.map(\.name), label)
                    for (x, y) in zip(a, b) {
                        var want = x.data
                        if x.name == "docProps/core.xml" {
                            want = Data(String(decoding: x.data, as: UTF8.self)
                                .replacingOccurrences(of: "Inputs: \(whole.path) (sha256 \(sha256)).", with: "Inputs: none.").utf8)
                        }
                        XCTAssertEqual(want, y.data, "\(label): \(name): \(x.name)")
                    }
                } else {
                    XCTAssertTrue(expected == got, "\(label): \(name) differs from audit's")
                }
            }
            // the claims and findings are there, not two empty files that agree
            let findings = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
            XCTAssertGreaterThan(findings.split(separator: "\n").count, 100)
            XCTAssertTrue(findings.contains(#""attribution":{"#))
            let claims = try String(contentsOf: out.appendingPathComponent("claims.jsonl"), encoding: .utf8)
            XCTAssertGreaterThanOrEqual(claims.split(separator: "\n").count, 4)
        }
    }

    /// Records of an earlier `attest match` (no `index`) are merged, with a note naming the first.
    func testRecordsOfAnEarlierMatchAreMergedWithANote() throws {
        let old = file("old.jsonl")
        try Data((#"{"date":null,"delegation":"France","document":"d","has_text":true,"id":null,"iso3":"FRA","key":"k","kind":"state","line":5,"speaker":null,"type":"statement"}"#
            + "\n").utf8).write(to: old)
        let r = try ProcessRunner.attest(["merge", "--rules", "Rules", old.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("attest: note: \(old.path):1: 1 record without 'index'"), r.stderr)
        XCTAssertTrue(r.stdout.contains("France"), r.stdout)
    }
}

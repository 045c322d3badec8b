import Foundation
import AttestTestSupport
import XCTest

/// `attest match` as a streaming filter and `attest merge` of its partitions.
final class MatchMergeTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("attest-mm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs attest with `input` on stdin.
    func run(_ arguments: [String], stdin input: Data) throws -> ProcessRunner.Run {
        let inURL = dir.appendingPathComponent("stdin-\(UUID().uuidString)")
        try input.write(to: inURL)
        return try ProcessRunner.attest(arguments, stdin: inURL)
    }

    /// A dataset of statements from the bundled press release, ids s0…sN.
    func dataset(_ count: Int) throws -> [String] {
        let text = try String(contentsOf: ProcessRunner.root.appendingPathComponent(TestFiles.bundledCorpus[0]), encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n").filter { $0.count > 200 }
        let delegations = ["France", "the Niger", "Nigeria", "Viet Nam", "UNODC", "Atlantis"]
        return try (0..<count).map { i in
            let o = ["id": "s\(i)", "delegation": delegations[i % delegations.count], "text": paragraphs[i % paragraphs.count]]
            return String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    func records(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func testHostileLinesGiveErrorRecordsAndTheStreamGoesOn() throws {
        var input = Data()
        let good = try dataset(2)
        input += Data((good[0] + "\n").utf8)
        input += Data("{\"id\": \"broken\", \"text\": \n".utf8)                       // broken JSON
        input += Data([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]) // invalid UTF-8
        input += Data("[1, 2, 3]\n\n".utf8)                                           // not an object, then a blank line
        let huge = "{\"id\": \"huge\", \"delegation\": \"France\", \"text\": \"" + String(repeating: "Member States must work together. ", count: 150_000)
            + "We recall resolution 2482 (2019).\"}\n"
        input += Data(huge.utf8)                                                      // about 5 MB on one line
        input += Data((good[1] + "\r\n").utf8)                                        // CRLF
        let r = try run(["match"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        let recs = records(r.stdout)
        let errors = recs.filter { $0["type"] as? String == "error" }
        XCTAssertEqual(errors.map { $0["line"] as? Int }, [2, 3, 4])
        XCTAssertEqual(errors.map { $0["message"] as? String }, ["not valid JSON", "line is not UTF-8", "not a JSON object"])
        let statements = recs.filter { $0["type"] as? String == "statement" }
        XCTAssertEqual(statements.map { $0["id"] as? String }, ["s0", "huge", "s1"])
        XCTAssertEqual(statements.map { $0["line"] as? Int }, [1, 6, 7])
        let hugeFindings = recs.filter { $0["type"] as? String == "finding" && $0["id"] as? String == "huge" && $0["rule"] as? String == "cites-resolution-2482" }
        XCTAssertEqual(hugeFindings.count, 1, "the citation at the end of a 5 MB statement is found")
        XCTAssertEqual(hugeFindings.first?["sentence"] as? String, "We recall resolution 2482 (2019).")
    }

    func testMergeOfPartitionsEqualsTheAuditInAnyOrderAndGrouping() throws {
        let lines = try dataset(120)
        let whole = dir.appendingPathComponent("all.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: whole, atomically: true, encoding: .utf8)
        let audit = try ProcessRunner.attest(["matrix", whole.path])
        XCTAssertEqual(audit.status, 0)

        // four partitions of uneven size, matched separately
        let cuts = [0, 17, 50, 51, 120]
        var partials: [URL] = []
        for i in 0..<4 {
            let part = lines[cuts[i]..<cuts[i + 1]].joined(separator: "\n") + "\n"
            let r = try run(["match"], stdin: Data(part.utf8))
            XCTAssertEqual(r.status, 0)
            let url = dir.appendingPathComponent("p\(i).jsonl")
            try r.stdout.write(to: url, atomically: true, encoding: .utf8)
            partials.append(url)
        }
        let merged = try ProcessRunner.attest(["merge"] + partials.map(\.path))
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, audit.stdout, "merge of the partitions = audit of the whole")

        // order-independent
        let reversed = try ProcessRunner.attest(["merge"] + partials.reversed().map(\.path))
        XCTAssertEqual(reversed.stdout, audit.stdout)

        // associative: (p0 + p1) + (p2 + p3) through intermediate merged records
        func mergeRecords(_ urls: [URL], _ name: String) throws -> URL {
            let r = try ProcessRunner.attest(["merge", "--emit", "records"] + urls.map(\.path))
            XCTAssertEqual(r.status, 0)
            let url = dir.appendingPathComponent(name)
            try r.stdout.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let left = try mergeRecords([partials[0], partials[1]], "left.jsonl")
        let right = try mergeRecords([partials[2], partials[3]], "right.jsonl")
        XCTAssertEqual(try ProcessRunner.attest(["merge", left.path, right.path]).stdout, audit.stdout)
        let nested = try mergeRecords([left, partials[2]], "nested.jsonl")
        XCTAssertEqual(try ProcessRunner.attest(["merge", partials[3].path, nested.path]).stdout, audit.stdout)
        // merging a partition twice changes nothing
        XCTAssertEqual(try ProcessRunner.attest(["merge"] + partials.map(\.path) + [partials[0].path]).stdout, audit.stdout)
    }

    func testMergeWritesTheReports() throws {
        let lines = try dataset(12)
        let r = try run(["match"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let partial = dir.appendingPathComponent("p.jsonl")
        try r.stdout.write(to: partial, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try ProcessRunner.attest(["merge", "--out", out.path, partial.path]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, ["audit.html", "audit.md", "claimreview.jsonld", "claims.csv", "claims.jsonl", "findings.jsonl", "matrix.csv",
                               "matrix.json", "matrix.xlsx"])
        XCTAssertTrue(try String(contentsOf: out.appendingPathComponent("audit.md"), encoding: .utf8).contains("**2482 (2019)**"))
    }

    /// `--jobs`: the records of a dataset are the same bytes on one core or many, and the same as
    /// matching one line at a time (each line alone), whatever the line ends.
    func testOutputIsTheSameOnAnyNumberOfCoresAndLineByLine() throws {
        var lines = try dataset(300)
        lines[7] = "{\"delegation\": \"France\", \"text\": 12}"           // an error record
        lines[8] = ""                                                    // a blank line
        lines[9] += "\r"                                                 // CRLF
        lines[10] = "{\"delegation\": \"Niger\", \"text\": \"We recall resolution 2482 (2019)\\u2014and \\ud83d\\ude00.\"}"
        let input = Data((lines.joined(separator: "\n")).utf8)        // no line end after the last line
        let one = try run(["match", "--jobs", "1"], stdin: input)
        XCTAssertEqual(one.status, 0, one.stderr)
        for jobs in ["2", "7"] {
            let many = try run(["match", "--jobs", jobs], stdin: input)
            XCTAssertEqual(many.stdout, one.stdout, "--jobs \(jobs)")
        }
        // the first lines, one process each (a process per line is slow in a debug build)
        let head = Array(lines.prefix(40))
        let together = try run(["match", "--jobs", "2"], stdin: Data(head.joined(separator: "\n").utf8))
        var alone = ""
        for (i, line) in head.enumerated() {
            let r = try run(["match", "--jobs", "1"], stdin: Data(line.utf8))
            // line numbers restart in each run: give each record the number it has in the whole
            // (a line without `index` is numbered by its line, too)
            alone += r.stdout.replacingOccurrences(of: "\"line\":1,", with: "\"line\":\(i + 1),")
                .replacingOccurrences(of: "\"index\":1,", with: "\"index\":\(i + 1),")
        }
        XCTAssertEqual(together.stdout, alone)
        XCTAssertTrue(one.stdout.hasPrefix(together.stdout))
        XCTAssertTrue(one.stdout.contains("{\"line\":8,\"message\":\"no \\\"text\\\" string\",\"type\":\"error\"}"))
        XCTAssertEqual(try run(["match", "--jobs", "0"], stdin: input).status, 2)
    }

    /// `--compact`: one line per statement with its text and its findings as offsets and label
    /// numbers; merged with the same rules, it gives the same matrix and the same reports as the
    /// full records.
    func testCompactRecordsMergeIntoTheSameReports() throws {
        let lines = try dataset(40)
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let full = try run(["match"], stdin: input)
        let compact = try run(["match", "--compact"], stdin: input)
        XCTAssertEqual(compact.status, 0, compact.stderr)
        let records = self.records(compact.stdout)
        XCTAssertEqual(records.count, 40, "one line per statement")
        XCTAssertTrue(records.allSatisfy { $0["type"] as? String == "statement" && $0["text"] is String && $0["findings"] is [Any] })
        XCTAssertLessThan(compact.stdout.utf8.count, full.stdout.utf8.count)
        // every finding of the full records, and no other, is in the compact ones
        let fullFindings = self.records(full.stdout).filter { $0["type"] as? String == "finding" }
            .map { "\($0["key"]!) \($0["rule"]!) \($0["sentence_start"]!) \(($0["spans"] as! [[String: Any]]).map { "\($0["start"]!)-\($0["end"]!)" })" }
        let compactFindings = records.flatMap { r in (r["findings"] as! [[Any]]).map { f in
            "\(r["key"]!) \(f[0]) \(f[1]) \((f[3] as! [[Int]]).map { "\($0[0])-\($0[1])" })"
        } }
        XCTAssertEqual(compactFindings.sorted(), fullFindings.sorted())
        XCTAssertFalse(compactFindings.isEmpty)

        let a = dir.appendingPathComponent("full.jsonl"), b = dir.appendingPathComponent("compact.jsonl")
        try full.stdout.write(to: a, atomically: true, encoding: .utf8)
        try compact.stdout.write(to: b, atomically: true, encoding: .utf8)
        let outA = dir.appendingPathComponent("outA"), outB = dir.appendingPathComponent("outB")
        XCTAssertEqual(try ProcessRunner.attest(["merge", "--out", outA.path, a.path]).status, 0)
        let mergedCompact = try ProcessRunner.attest(["merge", "--out", outB.path, b.path])
        XCTAssertEqual(mergedCompact.status, 0, mergedCompact.stderr)
        XCTAssertEqual(mergedCompact.stderr, "attest: wrote 9 reports to \(outB.path): audit.md, audit.html, matrix.csv, matrix.json, findings.jsonl, matrix.xlsx, "
                       + "claims.csv, claims.jsonl, claimreview.jsonld\n",
                       "no warning, one line saying what was written")
        for name in ["audit.md", "findings.jsonl", "matrix.csv", "matrix.json"] {
            XCTAssertEqual(try Data(contentsOf: outA.appendingPathComponent(name)), try Data(contentsOf: outB.appendingPathComponent(name)), name)
        }
        // with other rules, the label numbers cannot be read back: said, not guessed
        let other = dir.appendingPathComponent("other.yaml")
        try """
            pack: {id: o, title: O, version: "1"}
            rules:
              - {id: x, title: X, match: "nothing"}
            """.write(to: other, atomically: true, encoding: .utf8)
        let wrong = try ProcessRunner.attest(["merge", "--rules", other.path, b.path])
        XCTAssertTrue(wrong.stderr.contains("which the rules given to merge do not have"), wrong.stderr)
    }
}

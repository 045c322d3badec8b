import AttestTestSupport
import Foundation
import XCTest

/// Issue 18 (hostile input, second round), end to end: what a hostile or careless input does to
/// the `attest` binary. Each test names what it guards; see docs/safety.md.
final class HostileInputCLITests: XCTestCase {
    var dir: URL!
    let record = TestFiles.bundledCorpus[1]

    override func setUpWithError() throws { dir = try TestFiles.temporaryDirectory("attest-hostile") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Runs a bash command line with `$ATTEST` set to the binary, in the package root.
    func shell(_ script: String, timeout: TimeInterval = 300) throws -> ProcessRunner.Run {
        var environment = ProcessInfo.processInfo.environment
        environment["ATTEST"] = ProcessRunner.attestBinary.path
        return try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], environment: environment, timeout: timeout)
    }

    // MARK: 9: write errors on stdout

    // regression: `statements`, `audit` crashed with SIGILL (exit 132) on a write error on stdout
    func testWriteErrorOnStdoutExitsTwoWithAMessageForEveryCommand() throws {
        let partial = try write("p.jsonl", #"{"delegation":"France","document":"d","has_text":true,"id":"a","iso3":"FRA","key":"id:a","kind":"state","line":1,"speaker":null,"type":"statement"}"# + "\n")
        let commands = ["statements \(record)", "statements --format table \(record)", "audit \(record)", "matrix \(record)",
                        "merge --emit records \(partial)", "merge \(partial)", "explain --rule cites-resolution-2482 \(record)"]
        for command in commands {
            for (how, redirect) in [("/dev/full", "> /dev/full"), ("closed stdout", ">&-")] {
                let r = try shell("\"$ATTEST\" \(command) \(redirect)")
                XCTAssertEqual(r.status, 2, "\(command) with \(how): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("attest: standard output: cannot write"), "\(command) with \(how): \(r.stderr)")
            }
            // SIGPIPE ignored: the closed pipe is a write error (EPIPE), not a crash
            let r = try shell("trap '' PIPE; \"$ATTEST\" \(command) \(record) \(record) \(record) | head -c 1 > /dev/null; exit ${PIPESTATUS[0]}")
            XCTAssertTrue(r.status == 0 || r.status == 2, "\(command) into a closed pipe: exit \(r.status) \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        }
    }

    // MARK: 8: merge and match on hostile partials

    // regression: a directory given as a partial crashed merge (`try!`, exit 132)
    func testMergeOfADirectoryIsAnErrorNotACrash() throws {
        let r = try ProcessRunner.attest(["merge", dir.path])
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stderr.contains("cannot be read (Is a directory)"), r.stderr)
    }

    // regression: a finding with `"start": -9223372036854775808` crashed merge (overflow, exit 132)
    func testMergeOfOutOfRangeNumbersReportsThemAndGoesOn() throws {
        let partial = try write("p.jsonl", #"{"type":"finding","document":"d","key":"k","rule":"cites-resolution-2482","sentence":"abc","sentence_start":-9223372036854775808,"spans":[{"start":-9223372036854775808,"end":1,"by":"x","at":"y"}]}"# + "\n")
        let r = try ProcessRunner.attest(["merge", partial])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.stderr.contains("'sentence_start' is not a number between 0 and"), r.stderr)
    }

    // regression: merge buffered an endless line whole
    func testMergeReportsALineLongerThanTheLimit() throws {
        let partial = try write("p.jsonl", String(repeating: "x", count: 50_000) + "\n")
        let r = try ProcessRunner.attest(["merge", "--max-line-length", "1000", partial])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.stderr.contains("p.jsonl:1: line is longer than 1000 bytes; not read"), r.stderr)
    }

    // regression: `match < /dev/zero` grew without limit (538 MB in 30 s)
    /// The peak resident size of a running process (`VmHWM` in /proc), in KB; 0 once it has ended.
    static func peakResidentKB(_ p: Process) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func testMatchOfAnEndlessLineGivesAnErrorRecordInBoundedMemory() throws {
        var peakKB = 0
        let r = try ProcessRunner.run(ProcessRunner.attestBinary, ["match", "--max-line-length", "100000"],
                                      stdin: URL(fileURLWithPath: "/dev/zero"), timeout: 1) { p in
            // let it read a few hundred MB of zeros, then look at its peak resident size
            sleep(4)
            peakKB = Self.peakResidentKB(p)
        }
        XCTAssertTrue(r.timedOut, "an endless input cannot end")
        XCTAssertTrue(r.stdout.hasPrefix(#"{"line":1,"message":"line is longer than 100000 bytes; not read","type":"error"}"#), r.output)
        XCTAssertGreaterThan(peakKB, 0)
        XCTAssertLessThan(peakKB, 200_000, "peak \(peakKB) KB reading /dev/zero")
    }

    /// Regression (item 16): a 12 MB line with 6 million matches took 1.19 GB. One line of 1 MB
    /// whose every sentence is a finding (17,500 findings and 70,000 spans, `--compact`) must
    /// stay within a bounded multiple of the line: 52 MB here, debug build (33 MB for the rules
    /// alone); the bound is 100 MB, where the 1.19 GB case (100× its line) would take about 130 MB.
    func testMatchHoldsALongLineOfFindingsInMemoryBoundedByTheLine() throws {
        let text = String(repeating: "We respect human rights and international humanitarian law. ", count: 17_500)
        let input = try write("long.jsonl", #"{"id": "x", "delegation": "France", "text": ""# + text + "\"}\n")
        var peakKB = 0
        let r = try ProcessRunner.run(ProcessRunner.attestBinary, ["match", "--compact"], stdin: URL(fileURLWithPath: input)) { p in
            // the peak resident size, read until the process ends
            while p.isRunning {
                peakKB = max(peakKB, Self.peakResidentKB(p))
                usleep(20_000)
            }
        }
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.components(separatedBy: "\"references-human-rights-compliance\"").count - 1, 17_500)
        XCTAssertGreaterThan(peakKB, 0)
        XCTAssertLessThan(peakKB, 100_000, "peak \(peakKB) KB for a line of \(text.utf8.count) bytes")
    }

    // MARK: 12: statements that share an id

    // regression: `match | merge` showed Chile only where `audit` showed Chile and France
    func testMatchThenMergeKeepsTwoStatementsThatShareAnID() throws {
        let input = try write("in.jsonl", #"{"id": "x", "delegation": "Chile", "text": "We recall resolution 2482 (2019)."}"# + "\n"
                              + #"{"id": "x", "delegation": "France", "text": "We recall resolution 2482 (2019)."}"# + "\n")
        let r = try shell("\"$ATTEST\" match < '\(input)' | \"$ATTEST\" merge - && \"$ATTEST\" matrix '\(input)'")
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        let merged = lines.filter { $0.hasPrefix("Chile,") || $0.hasPrefix("France,") }
        XCTAssertEqual(merged.count, 4, r.stdout)            // two rows from merge, the same two from the audit
        XCTAssertEqual(Array(merged.prefix(2)), Array(merged.suffix(2)))
    }

    // MARK: 16: --jobs

    // regression: `--jobs 100000` had no cap (658 MB on a 636 MB input against 35 MB by default)
    func testJobsFarAboveTheCapGiveTheSameRecords() throws {
        let input = try write("in.jsonl", #"{"id": "x", "delegation": "Chile", "text": "We recall resolution 2482 (2019)."}"# + "\n")
        let capped = try ProcessRunner.attest(["match", "--jobs", "100000"], stdin: URL(fileURLWithPath: input))
        let plain = try ProcessRunner.attest(["match"], stdin: URL(fileURLWithPath: input))
        XCTAssertEqual(capped.status, 0, capped.stderr)
        XCTAssertEqual(capped.stdout, plain.stdout)
    }

    // MARK: 11: inputs are never written

    // regression: `eval --write-baseline FILE` with FILE the gold overwrote the gold and exited 0
    func testEvalRefusesToWriteTheBaselineOverItsGold() throws {
        let matrix = try ProcessRunner.attest(["matrix", record])
        let gold = try write("gold.csv", matrix.stdout)
        let link = dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: gold)
        let noConfig = try write("none.yaml", "")
        for target in [gold, link] {
            let r = try ProcessRunner.attest(["eval", "--config", noConfig, "--gold", gold, "--write-baseline", target, record])
            XCTAssertEqual(r.status, 2, r.output)
            XCTAssertTrue(r.stderr.contains("refusing to overwrite it with the baseline"), r.stderr)
            XCTAssertEqual(try String(contentsOfFile: gold, encoding: .utf8), matrix.stdout)
        }
        let baseline = dir.appendingPathComponent("baseline.json").path
        let ok = try ProcessRunner.attest(["eval", "--config", noConfig, "--gold", gold, "--write-baseline", baseline, record])
        XCTAssertEqual(ok.status, 0, ok.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: baseline))
    }

    // MARK: 10: gold and project files are bounded

    // regression: a 55 MB gold file was read whole (22 s, 958 MB) before anything checked it
    func testGoldAndProjectFilesOverTheLimitAreRefusedBeforeBeingRead() throws {
        let gold = dir.appendingPathComponent("huge.yaml").path, config = dir.appendingPathComponent("huge-attest.yaml").path
        for path in [gold, config] {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            XCTAssertEqual(truncate(path, 2 << 30), 0) // 2 GB, sparse
        }
        let r = try ProcessRunner.attest(["eval", "--config", config, "--gold", gold, record], timeout: 60)
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.stderr.contains("project file is 2147483648 bytes; the limit is 1048576"), r.stderr)
        let noConfig = try write("none.yaml", "")
        let g = try ProcessRunner.attest(["eval", "--config", noConfig, "--gold", gold, record], timeout: 60)
        XCTAssertEqual(g.status, 2, g.output)
        XCTAssertTrue(g.stderr.contains("gold file is 2147483648 bytes; the limit is 4194304"), g.stderr)
    }

    // MARK: 18: control characters printed for a person

    // regression: ESC, BEL and newlines in delegation and file names were printed raw (forged `attest: note:` lines)
    func testControlCharactersInNamesAreEscapedInWarningsAndTables() throws {
        let hostile = "Atlantis\u{1B}]0;pwned\u{07}\u{1B}[2J\nattest: note: forged"
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["delegation": hostile, "text": "We recall resolution 2482 (2019)."]),
                          as: UTF8.self)
        let input = try write("in\u{1B}[31m.jsonl", json + "\n")
        for arguments in [["audit", input], ["statements", "--format", "table", input], ["statements", input + "\u{07}missing"]] {
            let r = try ProcessRunner.attest(arguments)
            for text in [r.stderr, arguments[1] == "--format" ? r.stdout : ""] {
                XCTAssertFalse(text.contains("\u{1B}") || text.contains("\u{07}"), "\(arguments): \(text.debugDescription)")
                XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("attest: note: forged") }, "\(arguments): \(text)")
            }
        }
        let r = try ProcessRunner.attest(["audit", input])
        XCTAssertTrue(r.stderr.contains("\\u{1B}]0;pwned\\u{7}"), r.stderr)
        XCTAssertTrue(r.stderr.contains("in\\u{1B}[31m.jsonl"), r.stderr)
    }

    // MARK: 19: formulas behind a tab or a carriage return

    // regression: cells starting with TAB or CR then `=` were not neutralised in matrix.csv or the matrix on stdout
    func testMatrixNeutralisesAFormulaBehindATabOrACarriageReturn() throws {
        let lines = try ["\t=1+1", "\r=2+2", "\t\r@SUM(A1)"].map {
            String(decoding: try JSONSerialization.data(withJSONObject: ["delegation": $0, "text": "We recall resolution 2482 (2019)."]), as: UTF8.self)
        }
        let input = try write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try ProcessRunner.attest(["audit", "--out", out.path, input]).status, 0)
        let csvFile = try String(contentsOf: out.appendingPathComponent("matrix.csv"), encoding: .utf8)
        let csv = try ProcessRunner.attest(["matrix", "--format", "csv", input]).stdout
        let tsv = try ProcessRunner.attest(["matrix", "--format", "tsv", input]).stdout
        for (name, text) in [("matrix.csv", csvFile), ("csv on stdout", csv)] {
            for formula in ["\t=1+1", "\r=2+2", "\t\r@SUM(A1)"] {
                XCTAssertTrue(text.contains("'" + formula), "\(name) does not neutralise \(formula.debugDescription): \(text.debugDescription)")
            }
        }
        // TSV has no quoting: tabs and line breaks in a cell become spaces, after the quote that neutralises it
        let rows = tsv.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 3, tsv.debugDescription)
        for row in rows { XCTAssertTrue(row.hasPrefix("'"), "tsv on stdout: \(row.debugDescription)") }
    }

    // MARK: 14: the hash of what was read

    // regression: the SHA-256 came from a second read (a FIFO or a replaced file gave another file's hash)
    func testReportedSHA256IsOfTheBytesThatWereRead() throws {
        let text = try String(contentsOf: TestFiles.url(record), encoding: .utf8)
        let source = try write("source.txt", text)
        let out = dir.appendingPathComponent("out").path
        // a named pipe can be read once: a second read would wait for a writer that never comes
        let r = try shell("""
            cd '\(dir.path)' && mkfifo record.txt || exit 9
            cat '\(source)' > record.txt 2> /dev/null &
            writer=$!
            "$ATTEST" audit --rules '\(TestFiles.url("Rules").path)' --out '\(out)' record.txt > /dev/null 2>&1
            status=$?
            kill $writer 2> /dev/null
            wait $writer 2> /dev/null
            sha256sum '\(source)'
            exit $status
            """, timeout: 120)
        XCTAssertFalse(r.timedOut, "the file was read twice")
        XCTAssertEqual(r.status, 0, r.output)
        let expected = String(r.stdout.prefix(64))
        let markdown = try String(contentsOfFile: out + "/audit.md", encoding: .utf8)
        XCTAssertTrue(markdown.contains("| record.txt | `\(expected)` |"), markdown.components(separatedBy: "## Provenance").last ?? "")
    }

    // MARK: 13: no temporary file the run does not know

    // regression: Foundation's own temporary file (`.dat.nosync…`, 12-43 MB) survived SIGINT in the output directory
    func testReportsAreWrittenThroughTheTrackedTemporaryFileOnly() throws {
        let out = dir.appendingPathComponent("out"), marker = dir.appendingPathComponent("holding")
        var environment = ProcessInfo.processInfo.environment
        environment["ATTEST_TEST_HOLD_WRITE"] = marker.path
        var during: [String] = []
        let run = try ProcessRunner.run(ProcessRunner.attestBinary, ["audit", "--out", out.path, record],
                                        environment: environment, timeout: 300) { p in
            let deadline = Date().addingTimeInterval(240)
            while !FileManager.default.fileExists(atPath: marker.path) && p.isRunning && Date() < deadline { usleep(20_000) }
            during = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            kill(p.processIdentifier, SIGINT)
        }
        XCTAssertEqual(run.status, 130, run.output)
        let temporary = try String(contentsOf: marker, encoding: .utf8)
        // while held, the one file in the directory is the tracked temporary file
        XCTAssertEqual(during, [(temporary as NSString).lastPathComponent])
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? ["?"], [])
    }
}

import AttestCorpus
import AttestFacts
import AttestModel
import Foundation
import XCTest

/// Every statement-level gold file of `Corpus/gold/` (the train set, the dev and test sets and
/// their second annotations) read against the records it labels: a gold row must name a
/// statement the reader gives a delegation, score the pack's rules in the pack's order, and quote
/// its evidence from that statement. A gold that drifts from the text (a statement index off by
/// one after a reader change, a paraphrase passed off as a quote) fails here, not silently in
/// `attest eval`.
final class StatementGoldFilesTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldFolder = packageRoot.appendingPathComponent("Corpus/gold").path
    static let records = packageRoot.appendingPathComponent("Corpus/gold/records-2020").path

    /// Rows whose delegation string differs from the reader's on purpose, with the reason.
    static let delegationExceptions: [String: String] = [
        // the gold keeps the forum's full name; the reader strips a trailing State from
        // civil-society names (AttributionGoldTests.knownGaps, "S-PV-8741#3")
        "S-PV-8741.txt#3": "Women's Monthly Forum on Peace and Political Processes in South Sudan",
    ]

    /// Statements a second annotation labels and the first leaves out on purpose.
    static let scopeExceptions: Set<String> = [
        // the President as Chair of the 751 Committee: a presidency turn for the train gold
        // (year-statements.md, step 3); its second annotator labelled it
        "S-PV-8735.txt#0",
    ]

    struct Row {
        var file: String
        var line: Int
        var document: String
        var statement: Int
        var delegation: String
        var rules: [String]
        /// nil in a gold written without evidence (the press release's)
        var evidence: [String: String]?
        var key: String { "\(document)#\(statement)" }
    }

    /// The statement golds: every `.jsonl` under `Corpus/gold/` whose first line is `{"scored_rules": ...}`.
    static func goldFiles() throws -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        let enumerator = fm.enumerator(atPath: goldFolder)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".jsonl"), !relative.hasPrefix("records-2020") else { continue }
            let path = goldFolder + "/" + relative
            guard let head = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first,
                  head.hasPrefix("{\"scored_rules\"") else { continue }
            files.append(relative)
        }
        return files.sorted()
    }

    /// Rule ids of the shipped pack in the order of its files and lines.
    static func packRuleOrder() throws -> [String] {
        let folder = packageRoot.appendingPathComponent("Rules/unsc-2482").path
        var ids: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".yaml") {
            for line in try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("- id:") { ids.append(t.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))) }
            }
        }
        return ids
    }

    static func rows(of relative: String) throws -> (scored: [String], rows: [Row]) {
        let text = try String(contentsOfFile: goldFolder + "/" + relative, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(relative): one final newline")
        XCTAssertFalse(text.contains("\r"), "\(relative): LF line endings")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        var scored: [String] = []
        var rows: [Row] = []
        for (i, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let object else { XCTFail("\(relative):\(i + 1): not a JSON object"); continue }
            if i == 0 {
                scored = object["scored_rules"] as? [String] ?? []
                continue
            }
            guard let document = object["document"] as? String, let statement = object["statement"] as? Int,
                  let delegation = object["delegation"] as? String, let rules = object["rules"] as? [String] else {
                XCTFail("\(relative):\(i + 1): needs document, statement, delegation and rules")
                continue
            }
            let evidence = object["evidence"] as? [String: String]
            if object["evidence"] != nil && evidence == nil { XCTFail("\(relative):\(i + 1): evidence maps rule ids to strings") }
            rows.append(Row(file: relative, line: i + 1, document: document, statement: statement, delegation: delegation,
                            rules: rules, evidence: evidence))
        }
        return (scored, rows)
    }

    /// The pieces of an evidence string that must be verbatim: split at "..." and stripped of the
    /// punctuation an abridgement leaves at its ends.
    static func quotedPieces(_ evidence: String) -> [String] {
        evidence.components(separatedBy: "...").map {
            $0.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ";,.:")))
        }.filter { !$0.isEmpty }
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func testEveryStatementGoldNamesDelegationStatementsScoresThePackAndQuotesItsText() throws {
        let files = try Self.goldFiles()
        XCTAssertGreaterThanOrEqual(files.count, 5, "the train set and the heldout sets at least: \(files)")
        let pack = try Self.packRuleOrder()
        XCTAssertEqual(pack.count, 25)
        let council = try CouncilFacts(folder: Self.packageRoot.appendingPathComponent("Facts").path)
        let loader = CorpusLoader(facts: AttributionFacts(meetings: council.meetings, presidencies: council.presidencies))
        var statements: [String: [Int: Statement]] = [:]
        var checkedQuotes = 0
        for file in files {
            let (scored, rows) = try Self.rows(of: file)
            XCTAssertEqual(scored, pack, "\(file):1: scored_rules is the pack's rules in the pack's order")
            var seen: Set<String> = []
            for row in rows {
                let place = "\(row.file):\(row.line)"
                XCTAssertTrue(seen.insert(row.key).inserted, "\(place): \(row.key) listed twice")
                XCTAssertEqual(row.rules, pack.filter(Set(row.rules).contains), "\(place): rules are pack ids in pack order, once each")
                if let evidence = row.evidence {
                    XCTAssertEqual(Set(evidence.keys), Set(row.rules), "\(place): one evidence per rule, none for a rule not given")
                }
                if statements[row.document] == nil {
                    // a record by its name in records-2020/, another document by its path from the package root
                    let path = row.document.contains("/") ? Self.packageRoot.path + "/" + row.document : Self.records + "/" + row.document
                    let loaded = loader.load(path)
                    guard case .success(let read) = loaded.result else {
                        XCTFail("\(place): \(row.document) cannot be read")
                        statements[row.document] = [:]
                        continue
                    }
                    statements[row.document] = Dictionary(read.statements.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
                }
                guard let statement = statements[row.document]?[row.statement] else {
                    XCTFail("\(place): \(row.document) has no statement \(row.statement)")
                    continue
                }
                let expected = Self.delegationExceptions[row.key] == row.delegation ? row.delegation : statement.delegation
                XCTAssertEqual(row.delegation, expected, "\(place): the delegation the reader gives \(row.key)")
                let text = Self.collapsed(statement.text)
                for (rule, evidence) in (row.evidence ?? [:]).sorted(by: { $0.key < $1.key }) {
                    for piece in Self.quotedPieces(evidence) {
                        checkedQuotes += 1
                        XCTAssertTrue(text.contains(Self.collapsed(piece)), "\(place): \(rule) evidence is not a quote of \(row.key): \"\(piece)\"")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checkedQuotes, 1000)
    }

    /// A second annotation labels exactly the statements of the gold it reads again (the
    /// agreement of `Corpus/gold/agreement.py` is computed over the statements both list); where
    /// the first annotation is kept beside the adjudicated gold (`heldout-5/first/`, `heldout-6/first/`), it does too.
    func testSecondAnnotationsCoverTheStatementsOfTheirGold() throws {
        let files = try Self.goldFiles()
        let pairs: [(first: String, seconds: [String])] = [
            ("year-statements.jsonl", files.filter { $0.hasPrefix("second/") }),
            ("heldout/heldout-statements.jsonl", files.filter { $0.hasPrefix("heldout/second/") }),
            ("heldout-2/heldout-2-statements.jsonl", files.filter { $0.hasPrefix("heldout-2/second/") }),
            ("heldout-3/heldout-3-statements.jsonl", files.filter { $0.hasPrefix("heldout-3/second/") }),
            ("heldout-4/heldout-4-statements.jsonl", files.filter { $0.hasPrefix("heldout-4/second/") }),
            ("heldout-5/heldout-5-statements.jsonl", files.filter { $0.hasPrefix("heldout-5/second/") }),
            ("heldout-5/heldout-5-statements.jsonl", files.filter { $0.hasPrefix("heldout-5/first/") }),
            ("heldout-6/heldout-6-statements.jsonl", files.filter { $0.hasPrefix("heldout-6/second/") }),
            ("heldout-6/heldout-6-statements.jsonl", files.filter { $0.hasPrefix("heldout-6/first/") }),
        ]
        for (first, seconds) in pairs {
            XCTAssertFalse(seconds.isEmpty, "\(first) has a second annotation")
            let firstKeys = Set(try Self.rows(of: first).rows.map(\.key))
            var secondKeys: Set<String> = []
            for second in seconds { secondKeys.formUnion(try Self.rows(of: second).rows.map(\.key)) }
            XCTAssertEqual(firstKeys.subtracting(secondKeys).sorted(), [], "\(first): statements its second annotation does not label")
            XCTAssertEqual(secondKeys.subtracting(firstKeys).subtracting(Self.scopeExceptions).sorted(), [],
                           "\(first): statements only its second annotation labels")
        }
    }
}

import AttestAudit
import AttestEvaluation
import AttestFormats
import AttestModel
import AttestText
import Foundation

/// The formats of `attest eval`.
public enum EvaluationFormat: String, CaseIterable, Sendable { case text, markdown, json, junit, sarif }

/// Renders an evaluation and its gate verdict.
public struct EvaluationReporter {
    public var format: EvaluationFormat
    /// Titles of the rules, for SARIF's rule descriptions and the tables.
    public var ruleTitles: [String: String]

    public init(format: EvaluationFormat, ruleTitles: [String: String] = [:]) {
        self.format = format
        self.ruleTitles = ruleTitles
    }

    public func render(_ e: Evaluation, _ verdict: GateVerdict, attestVersion: String) -> String {
        switch format {
        case .text: text(e, verdict)
        case .markdown: markdown(e, verdict)
        case .json: json(e, verdict)
        case .junit: junit(e, verdict)
        case .sarif: sarif(e, attestVersion: attestVersion)
        }
    }

    static func pct(_ x: Double) -> String { String(format: "%.3f", x) }

    // MARK: text

    func text(_ e: Evaluation, _ v: GateVerdict) -> String {
        let width = max(24, (e.scores.map(\.rule.count).max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = "gold: \(e.gold.path) (\(e.gold.level.rawValue) level, \(e.gold.cells.count) cells)\n\n"
        out += pad("rule", width) + ["TP", "FP", "FN", "TN"].map { lpad($0, 5) }.joined() + ["precision", "recall", "F1"].map { lpad($0, 11) }.joined() + "\n"
        func row(_ name: String, _ m: Evaluation.Metrics) -> String {
            pad(name, width) + [m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives].map { lpad(String($0), 5) }.joined()
                + [m.precision, m.recall, m.f1].map { lpad(Self.pct($0), 11) }.joined() + "\n"
        }
        for s in e.scores { out += row(s.rule, s.metrics) }
        out += row("micro", e.micro)
        out += pad("macro", width) + String(repeating: " ", count: 20) + [e.macro.precision, e.macro.recall, e.macro.f1].map { lpad(Self.pct($0), 11) }.joined() + "\n"
        out += notesSection(e).map { "\n" + $0 + "\n" }.joined()
        let looking = whereToLook(e)
        if !looking.isEmpty {
            out += "\nwhere to look next (false positives by the sub-expressions that fired):\n"
            for w in looking { out += "\n\(w.rule):\n" + w.lines.map { "  " + $0 + "\n" }.joined() }
        }
        if !e.disagreements.isEmpty {
            out += "\ndisagreements (\(e.disagreements.count)):\n"
            for d in e.disagreements {
                out += "\n\(d.kind.rawValue) \(d.rule): \(d.subject) (gold \(e.gold.path):\(d.goldLine):\(d.goldColumn))\n"
                if let l = d.location { out += "  at \(l.path):\(l.line):\(l.column)\n" }
                out += evidenceLines(d).map { "  " + $0 + "\n" }.joined()
            }
        }
        out += "\n" + verdictLines(v).joined(separator: "\n") + "\n"
        return out
    }

    func notesSection(_ e: Evaluation) -> [String] {
        var notes: [String] = []
        if !e.unscoredRules.isEmpty { notes.append("rules left unscored (not in the gold): " + e.unscoredRules.joined(separator: ", ")) }
        if !e.unknownRules.isEmpty { notes.append("gold rules that are not loaded (not scored): " + e.unknownRules.joined(separator: ", ")) }
        if !e.unmatchedSubjects.isEmpty { notes.append("gold entries with nothing in the corpus (not scored): " + e.unmatchedSubjects.map(\.description).joined(separator: "; ")) }
        return notes
    }

    /// What an author needs to fix the rule: the matched sentence and sub-expression, or the missed text.
    func evidenceLines(_ d: Evaluation.Disagreement) -> [String] {
        switch d.kind {
        case .falsePositive:
            return d.findings.prefix(3).flatMap { f -> [String] in
                let spans = f.spans.map { "\"\(f.statement.text.utf8Slice($0.start..<$0.end))\" by \($0.by) at \($0.at)" }
                return ["matched: \(oneLine(f.sentence))", "  fired: " + spans.joined(separator: "; ")]
            } + (d.findings.count > 3 ? ["... and \(d.findings.count - 3) more matching sentences"] : [])
        case .falseNegative:
            if d.statements.isEmpty { return ["no text of theirs in the corpus"] }
            return d.statements.prefix(3).map { s in "missed: \(s.document):\(s.line) \(oneLine(String(s.text.prefix(400))))\(s.text.count > 400 ? "…" : "")" }
                + (d.statements.count > 3 ? ["... and \(d.statements.count - 3) more statements"] : [])
        }
    }

    func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    func verdictLines(_ v: GateVerdict) -> [String] {
        v.notes.map { "note: " + $0 } + v.failures.map { "gate failed: " + $0 } + [v.passed ? "PASS" : "FAIL (\(v.failures.count) gate\(v.failures.count == 1 ? "" : "s") failed)"]
    }

    // MARK: markdown

    func markdown(_ e: Evaluation, _ v: GateVerdict) -> String {
        func md(_ s: String) -> String { Escaping.markdown(s) }
        func code(_ s: String) -> String { "`" + s.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") + "`" }
        var out = "# Attest evaluation\n\nGold: \(code(e.gold.path)) (\(e.gold.level.rawValue) level, \(e.gold.cells.count) cells).\n\n"
        out += "| rule | TP | FP | FN | TN | precision | recall | F1 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for s in e.scores {
            let m = s.metrics
            out += "| `\(s.rule)` | \(m.truePositives) | \(m.falsePositives) | \(m.falseNegatives) | \(m.trueNegatives) | \(Self.pct(m.precision)) | \(Self.pct(m.recall)) | \(Self.pct(m.f1)) |\n"
        }
        let m = e.micro
        out += "| **micro** | \(m.truePositives) | \(m.falsePositives) | \(m.falseNegatives) | \(m.trueNegatives) | \(Self.pct(m.precision)) | \(Self.pct(m.recall)) | \(Self.pct(m.f1)) |\n"
        out += "| **macro** | | | | | \(Self.pct(e.macro.precision)) | \(Self.pct(e.macro.recall)) | \(Self.pct(e.macro.f1)) |\n"
        for n in notesSection(e) { out += "\n" + md(n) + "\n" }
        let looking = whereToLook(e)
        if !looking.isEmpty {
            out += "\n## Where to look next\n"
            for w in looking { out += "\n- `\(w.rule)`\n" + w.lines.map { "  - " + md($0) + "\n" }.joined() }
        }
        if !e.disagreements.isEmpty {
            out += "\n## Disagreements\n"
            for d in e.disagreements {
                out += "\n- **\(d.kind.rawValue)** `\(d.rule)` — \(md(d.subject.description))"
                if let l = d.location { out += " (\(code("\(l.path):\(l.line):\(l.column)")))" }
                out += "\n" + evidenceLines(d).map { "  - " + md($0) + "\n" }.joined()
            }
        }
        out += "\n## Verdict\n\n" + verdictLines(v).map { "- " + md($0) }.joined(separator: "\n") + "\n"
        return out
    }

    // MARK: json

    func json(_ e: Evaluation, _ v: GateVerdict) -> String {
        func metrics(_ m: Evaluation.Metrics) -> JSONValue {
            .object([("tp", .int(m.truePositives)), ("fp", .int(m.falsePositives)), ("fn", .int(m.falseNegatives)),
                     ("tn", .int(m.trueNegatives)), ("precision", .double(m.precision)), ("recall", .double(m.recall)), ("f1", .double(m.f1))])
        }
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        let disagreements: [JSONValue] = e.disagreements.map { d in
            var o: [(String, JSONValue)] = [("kind", .string(d.kind.rawValue)), ("rule", .string(d.rule)), ("subject", .string(d.subject.description)),
                                            ("gold_line", .int(d.goldLine)), ("gold_column", .int(d.goldColumn)), ("evidence", strings(evidenceLines(d)))]
            if let l = d.location { o.append(("location", .object([("path", .string(l.path)), ("line", .int(l.line)), ("column", .int(l.column))]))) }
            return .object(o)
        }
        var rules: [(String, JSONValue)] = []
        for s in e.scores where !rules.contains(where: { $0.0 == s.rule }) { rules.append((s.rule, metrics(s.metrics))) }
        let object: JSONValue = .object([
            ("gold", .object([("path", .string(e.gold.path)), ("level", .string(e.gold.level.rawValue)), ("cells", .int(e.gold.cells.count))])),
            ("rules", .object(rules)),
            ("micro", metrics(e.micro)),
            ("macro", .object([("precision", .double(e.macro.precision)), ("recall", .double(e.macro.recall)), ("f1", .double(e.macro.f1))])),
            ("unscored_rules", strings(e.unscoredRules)), ("unknown_rules", strings(e.unknownRules)),
            ("unmatched", strings(e.unmatchedSubjects.map(\.description))),
            ("disagreements", .array(disagreements)),
            ("where_to_look", .object(whereToLook(e).map { ($0.rule, JSONValue.array($0.groups.map(Self.groupJSON))) })),
            ("verdict", .object([("passed", .bool(v.passed)), ("failures", strings(v.failures)), ("notes", strings(v.notes))])),
        ])
        return object.serialized([.pretty, .sortKeys]) + "\n"
    }

    // MARK: junit

    /// One test case per scored rule, failing when the rule failed a gate.
    func junit(_ e: Evaluation, _ v: GateVerdict) -> String {
        let failing = e.scores.filter { v.failingRules.contains($0.rule) }.count + (v.overallFailed ? 1 : 0)
        let tests = e.scores.count + 1
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"attest eval\" tests=\"\(tests)\" failures=\"\(failing)\">\n"
        out += "  <testsuite name=\"\(Escaping.xml(e.gold.path))\" tests=\"\(tests)\" failures=\"\(failing)\">\n"
        // the overall (micro) gate is a test case of its own, so that a failing run never shows no failure
        let m = e.micro
        out += "    <testcase classname=\"attest.eval\" name=\"(overall)\">\n"
        out += "      <system-out>\(Escaping.xml("micro precision \(Self.pct(m.precision)), recall \(Self.pct(m.recall)), F1 \(Self.pct(m.f1))"))</system-out>\n"
        if v.overallFailed {
            out += "      <failure message=\"\(Escaping.xml(v.failures.filter { $0.hasPrefix("overall") }.joined(separator: "; ")))\"/>\n"
        }
        out += "    </testcase>\n"
        for s in e.scores {
            let m = s.metrics
            let summary = "precision \(Self.pct(m.precision)), recall \(Self.pct(m.recall)), F1 \(Self.pct(m.f1)) (TP \(m.truePositives), FP \(m.falsePositives), FN \(m.falseNegatives))"
            out += "    <testcase classname=\"attest.eval\" name=\"\(Escaping.xml(s.rule))\">\n"
            out += "      <system-out>\(Escaping.xml(summary))</system-out>\n"
            if v.failingRules.contains(s.rule) {
                let reasons = v.failures.filter { $0.hasPrefix(s.rule + ":") }.joined(separator: "; ")
                let details = e.disagreements.filter { $0.rule == s.rule }.map { d in
                    "\(d.kind.rawValue) \(d.subject)" + (d.location.map { " at \($0.path):\($0.line):\($0.column)" } ?? "")
                }.joined(separator: "\n")
                out += "      <failure message=\"\(Escaping.xml(reasons))\">\(Escaping.xml(details))</failure>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    // MARK: sarif

    /// SARIF 2.1.0: every disagreement located at file:line:col in the corpus, so that code
    /// hosts annotate the dataset.
    func sarif(_ e: Evaluation, attestVersion: String) -> String {
        let rules: [JSONValue] = e.scores.map { s in
            .object([("id", .string(s.rule)), ("shortDescription", .object([("text", .string(ruleTitles[s.rule] ?? s.rule))]))])
        }
        let results: [JSONValue] = e.disagreements.map { d in
            let what = d.kind == .falsePositive
                ? "false positive: \(d.rule) matched \(d.subject) but the gold says it does not address it"
                : "false negative: \(d.rule) did not match \(d.subject) but the gold says it addresses it"
            var r: [(String, JSONValue)] = [
                ("ruleId", .string(d.rule)), ("level", .string("warning")),
                ("message", .object([("text", .string(what + ". " + evidenceLines(d).joined(separator: " ")))])),
                ("properties", .object([("kind", .string(d.kind.rawValue)), ("gold", .string("\(e.gold.path):\(d.goldLine):\(d.goldColumn)"))])),
            ]
            if let l = d.location {
                r.append(("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(l.path))])),
                    ("region", .object([("startLine", .int(l.line)), ("startColumn", .int(l.column))])),
                ]))])])))
            }
            return .object(r)
        }
        let object: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([("tool", .object([("driver", .object([("name", .string("attest")), ("version", .string(attestVersion)),
                                                                           ("rules", .array(rules))]))])),
                                      ("results", .array(results))])])),
        ])
        return object.serialized([.pretty, .sortKeys]) + "\n"
    }
}

// MARK: where to look next

extension EvaluationReporter {
    /// Lines of a rule's firing groups: "8 of 22 wrong (36 %), 2 right: phrase ... at ...".
    /// `total` is the rule's count of disagreements.
    static func groupLines(_ groups: [FiringGroup], total: Int, disagreement: String, agreement: String, limit: Int = 6) -> [String] {
        groups.prefix(limit).map { g in
            let share = total == 0 ? 0 : Int((Double(g.disagreements) * 100 / Double(total)).rounded())
            return "\(g.disagreements) of \(total) \(disagreement) (\(share) %), \(g.agreements) \(agreement): " + g.subExpression
        } + (groups.count > limit ? ["... and \(groups.count - limit) more sub-expressions"] : [])
    }

    /// The statement-level evaluation's false positives per rule and branch, rules with the most first.
    func whereToLook(_ e: Evaluation) -> [(rule: String, lines: [String], groups: [FiringGroup])] {
        var out: [(rule: String, lines: [String], groups: [FiringGroup], total: Int, order: Int)] = []
        for (i, score) in e.scores.enumerated() {
            guard let groups = e.firingGroups[score.rule] else { continue }
            let fp = score.metrics.falsePositives
            let lines = Self.groupLines(groups, total: fp, disagreement: "false positives", agreement: "true positives")
            out.append((score.rule, lines, groups, fp, i))
        }
        out.sort { a, b in a.total != b.total ? a.total > b.total : a.order < b.order }
        return out.map { (rule: $0.rule, lines: $0.lines, groups: $0.groups) }
    }

    static func groupJSON(_ g: FiringGroup) -> JSONValue {
        .object([("sub_expression", .string(g.subExpression)), ("disagreements", .int(g.disagreements)),
                 ("agreements", .int(g.agreements)), ("example", .string(g.example))])
    }
}

// MARK: finding-level gold (precision samples)

extension EvaluationReporter {
    public func render(_ p: PrecisionEvaluation, _ verdict: GateVerdict) -> String {
        switch format {
        case .text, .sarif: precisionText(p, verdict)
        case .markdown: precisionMarkdown(p, verdict)
        case .json: precisionJSON(p, verdict)
        case .junit: precisionJUnit(p, verdict)
        }
    }

    static func opt(_ x: Double?) -> String { x.map(pct) ?? "-" }

    /// One row per rule and a pooled row; the last three columns are the rule's gates (minimum
    /// precision, minimum Wilson lower bound) and whether it passed them (`-`: not gated).
    func precisionRows(_ p: PrecisionEvaluation, _ v: GateVerdict) -> [[String]] {
        var rows: [[String]] = []
        for r in p.results {
            let lower = r.sample == 0 ? "-" : Self.pct(r.interval.lower)
            let upper = r.sample == 0 ? "-" : Self.pct(r.interval.upper)
            let counts: [Int] = [r.findings, r.sample, r.right, r.wrong]
            let min = v.sampleMinimums[r.rule]
            let gate = min == nil ? "-" : (v.failingRules.contains(r.rule) ? "FAIL" : "ok")
            rows.append([r.rule] + counts.map { String($0) } + [Self.opt(r.precision), lower, upper, String(r.unlabelled.count), String(r.gone),
                                                                 Self.opt(min?.precision), Self.opt(min?.lowerBound), gate])
        }
        let n = p.pooledRight + p.pooledWrong
        let findings = p.results.reduce(0) { $0 + $1.findings }
        let unlabelled = p.results.reduce(0) { $0 + $1.unlabelled.count }
        let gone = p.results.reduce(0) { $0 + $1.gone }
        let precision: Double? = n == 0 ? nil : Double(p.pooledRight) / Double(n)
        let counts: [Int] = [findings, n, p.pooledRight, p.pooledWrong]
        rows.append(["pooled"] + counts.map { String($0) }
                    + [Self.opt(precision), n == 0 ? "-" : Self.pct(p.pooledInterval.lower), n == 0 ? "-" : Self.pct(p.pooledInterval.upper),
                       String(unlabelled), String(gone), "-", "-", "-"])
        return rows
    }

    static let precisionHeader = ["rule", "findings", "labelled", "right", "wrong", "precision", "lower95", "upper95", "unlabelled", "gone",
                                  "min_prec", "min_lower", "gate"]

    func precisionText(_ p: PrecisionEvaluation, _ v: GateVerdict) -> String {
        let rows = precisionRows(p, v)
        let width = max(24, (rows.map { $0[0].count }.max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = "gold: \(p.gold.path) (finding level, \(p.gold.entries.count) findings; precision with a Wilson 95 % interval)\n\n"
        for row in [Self.precisionHeader] + rows {
            out += pad(row[0], width) + row.dropFirst().map { lpad($0, 11) }.joined() + "\n"
        }
        if !p.unknownRules.isEmpty { out += "\ngold rules that are not loaded (not scored): " + p.unknownRules.joined(separator: ", ") + "\n" }
        let looking = p.results.filter { !$0.groups.isEmpty }.sorted { $0.wrong != $1.wrong ? $0.wrong > $1.wrong : $0.rule < $1.rule }
        if !looking.isEmpty {
            out += "\nwhere to look next (wrong findings by the sub-expressions that fired):\n"
            for r in looking {
                out += "\n\(r.rule): \(r.wrong) wrong of \(r.sample)\n"
                out += Self.groupLines(r.groups, total: r.wrong, disagreement: "wrong", agreement: "right").map { "  " + $0 + "\n" }.joined()
                if let g = r.groups.first { out += "  e.g. \(oneLine(String(g.example.prefix(300))))\n" }
            }
        }
        let unlabelled = p.results.filter { !$0.unlabelled.isEmpty }
        if !unlabelled.isEmpty {
            out += "\nunlabelled findings (not scored):\n"
            for r in unlabelled {
                for f in r.unlabelled {
                    out += "  \(r.rule) \(f.statement.document) statement \(f.statement.index) sentence_start \(f.sentenceStart): \(oneLine(String(f.sentence.prefix(200))))\n"
                }
            }
        }
        out += "\n" + verdictLines(v).joined(separator: "\n") + "\n"
        return out
    }

    func precisionMarkdown(_ p: PrecisionEvaluation, _ v: GateVerdict) -> String {
        func md(_ s: String) -> String { Escaping.markdown(s) }
        var out = "# Attest evaluation: precision on a labelled sample\n\nGold: `\(md(p.gold.path))` (finding level, \(p.gold.entries.count) findings). "
        out += "Precision with a Wilson 95 % interval.\n\n"
        out += "| " + Self.precisionHeader.joined(separator: " | ") + " |\n| --- |" + String(repeating: " ---: |", count: Self.precisionHeader.count - 1) + "\n"
        for row in precisionRows(p, v) { out += "| " + (row[0] == "pooled" ? "**pooled**" : "`\(row[0])`") + " | " + row.dropFirst().joined(separator: " | ") + " |\n" }
        let looking = p.results.filter { !$0.groups.isEmpty }.sorted { $0.wrong != $1.wrong ? $0.wrong > $1.wrong : $0.rule < $1.rule }
        if !looking.isEmpty {
            out += "\n## Where to look next\n"
            for r in looking {
                out += "\n- `\(r.rule)`: \(r.wrong) wrong of \(r.sample)\n"
                out += Self.groupLines(r.groups, total: r.wrong, disagreement: "wrong", agreement: "right").map { "  - " + md($0) + "\n" }.joined()
            }
        }
        let unlabelled = p.results.filter { !$0.unlabelled.isEmpty }
        if !unlabelled.isEmpty {
            out += "\n## Unlabelled findings (not scored)\n\n"
            for r in unlabelled {
                for f in r.unlabelled {
                    out += "- `\(r.rule)` \(md(f.statement.document)) statement \(f.statement.index) at \(f.sentenceStart): \(md(oneLine(String(f.sentence.prefix(200)))))\n"
                }
            }
        }
        out += "\n## Verdict\n\n" + verdictLines(v).map { "- " + md($0) }.joined(separator: "\n") + "\n"
        return out
    }

    func precisionJSON(_ p: PrecisionEvaluation, _ v: GateVerdict) -> String {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        var rules: [(String, JSONValue)] = []
        for r in p.results {
            var o: [(String, JSONValue)] = [
                ("findings", .int(r.findings)), ("labelled", .int(r.sample)), ("right", .int(r.right)), ("wrong", .int(r.wrong)),
                ("gone", .int(r.gone)), ("moved", .int(r.moved)),
                ("unlabelled", .array(r.unlabelled.map { f in
                    .object([("document", .string(f.statement.document)), ("statement", .int(f.statement.index)),
                             ("sentence_start", .int(f.sentenceStart)), ("sentence", .string(f.sentence))])
                })),
                ("where_to_look", .array(r.groups.map(Self.groupJSON))),
            ]
            if let x = r.precision {
                o += [("precision", .double(x)), ("lower95", .double(r.interval.lower)), ("upper95", .double(r.interval.upper))]
            }
            if let min = v.sampleMinimums[r.rule] {
                var g: [(String, JSONValue)] = [("passed", .bool(!v.failingRules.contains(r.rule)))]
                if let x = min.precision { g.append(("min_precision", .double(x))) }
                if let x = min.lowerBound { g.append(("min_lower95", .double(x))) }
                o.append(("gate", .object(g)))
            }
            rules.append((r.rule, .object(o)))
        }
        let n = p.pooledRight + p.pooledWrong
        var pooled: [(String, JSONValue)] = [("right", .int(p.pooledRight)), ("wrong", .int(p.pooledWrong))]
        if n > 0 {
            pooled += [("precision", .double(Double(p.pooledRight) / Double(n))), ("lower95", .double(p.pooledInterval.lower)),
                       ("upper95", .double(p.pooledInterval.upper))]
        }
        let object: JSONValue = .object([
            ("gold", .object([("path", .string(p.gold.path)), ("level", .string("finding")), ("findings", .int(p.gold.entries.count))])),
            ("rules", .object(rules)),
            ("pooled", .object(pooled)),
            ("unknown_rules", strings(p.unknownRules)),
            ("verdict", .object([("passed", .bool(v.passed)), ("failures", strings(v.failures)), ("notes", strings(v.notes))])),
        ])
        return object.serialized([.pretty, .sortKeys]) + "\n"
    }

    func precisionJUnit(_ p: PrecisionEvaluation, _ v: GateVerdict) -> String {
        let failing = p.results.filter { v.failingRules.contains($0.rule) }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"attest eval\" tests=\"\(p.results.count)\" failures=\"\(failing)\">\n"
        out += "  <testsuite name=\"\(Escaping.xml(p.gold.path))\" tests=\"\(p.results.count)\" failures=\"\(failing)\">\n"
        for r in p.results {
            out += "    <testcase classname=\"attest.eval\" name=\"\(Escaping.xml(r.rule))\">\n"
            let min = v.sampleMinimums[r.rule]
            let summary = "precision \(Self.opt(r.precision)) (\(r.right)/\(r.sample)), Wilson 95 % interval "
                + (r.sample == 0 ? "-" : "\(Self.pct(r.interval.lower))-\(Self.pct(r.interval.upper))")
                + (min.map { "; minimum precision \(Self.opt($0.precision)), minimum lower bound \(Self.opt($0.lowerBound))" } ?? "")
            out += "      <system-out>\(Escaping.xml(summary))</system-out>\n"
            if v.failingRules.contains(r.rule) {
                let reasons = v.failures.filter { $0.hasPrefix(r.rule + ":") }.joined(separator: "; ")
                out += "      <failure message=\"\(Escaping.xml(reasons))\"/>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}

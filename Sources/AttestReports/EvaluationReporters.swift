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

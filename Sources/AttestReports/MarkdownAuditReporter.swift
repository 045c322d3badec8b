import AttestAudit
import AttestFormats
import AttestModel
import AttestText
import Foundation

/// `audit.md`: the audit for a reader — per delegation the commitments addressed with their
/// evidence and those not addressed; per commitment who addressed it; coverage; delegations
/// recorded without text; rules that fired on nothing; provenance.
public struct MarkdownAuditReporter: FileReporter {
    public var fileName: String { "audit.md" }
    public func data(_ report: AuditReport) throws -> Data { Data(render(report).utf8) }

    /// Evidence sentences shown per cell; the rest are counted and left to findings.jsonl.
    public var evidencePerCell = 3

    public init() {}

    public func render(_ report: AuditReport) -> String {
        let m = report.matrix
        let rules = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "# Attest audit\n\n"
        let withText = m.rows.filter { $0.statements > 0 }
        let yes = m.rows.reduce(0) { $0 + $1.addressed }
        let cells = withText.count * m.ruleIDs.count
        out += "\(report.inputs.count) document\(report.inputs.count == 1 ? "" : "s"), \(report.packs.count) pack\(report.packs.count == 1 ? "" : "s"), "
        out += "\(m.ruleIDs.count) commitments, \(m.rows.count) \(m.rows.first?.document == nil ? "delegations" : "document × delegation rows")"
        out += " (\(withText.count) with text).\n\n"

        out += "## Coverage\n\n"
        let percent = cells == 0 ? 0 : Double(yes) * 100 / Double(cells)
        out += "- \(yes) of \(cells) delegation × commitment cells with text are addressed (\(String(format: "%.1f", percent)) %).\n"
        if let best = withText.max(by: { ($0.addressed, $1.delegation) < ($1.addressed, $0.delegation) }) {
            out += "- Most commitments addressed: \(Escaping.markdown(rowName(best))) (\(best.addressed) of \(m.ruleIDs.count)).\n"
        }
        out += "- Commitments addressed by nobody: \(report.silentRules.count).\n\n"
        out += "| commitment | title | addressed by |\n| --- | --- | --- |\n"
        let totals = m.columnTotals // once: computed per rule it was rules² × rows
        for (i, id) in m.ruleIDs.enumerated() {
            out += "| `\(id)` | \(Escaping.markdown(rules[id]?.title ?? "")) | \(totals[i]) of \(withText.count) |\n"
        }

        out += "\n## Matrix\n\n"
        out += "✓ addressed · ✗ not addressed · – recorded as speaking, no text available\n\n"
        let perDocument = m.rows.contains { $0.document != nil }
        out += "| " + (perDocument ? "document | " : "") + "delegation | kind | total | " + m.ruleIDs.map { "`\($0)`" }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: (perDocument ? 4 : 3) + m.ruleIDs.count) + "\n"
        for row in m.rows {
            let glyphs = row.cells.map { c -> String in
                switch c {
                case .yes: "✓"
                case .no: "✗"
                case .noText: "–"
                }
            }
            out += "| " + (perDocument ? Escaping.markdown(row.document ?? "") + " | " : "")
            out += "\(Escaping.markdown(row.delegation)) | \(row.kind.rawValue) | \(row.statements > 0 ? String(row.addressed) : "–") | "
            out += glyphs.joined(separator: " | ") + " |\n"
        }

        out += "\n## Delegations\n"
        for row in m.rows {
            out += "\n### \(Escaping.markdown(rowName(row)))\n\n"
            out += "\(row.kind.rawValue)\(row.iso3.map { ", \($0)" } ?? ""); \(row.statements) statement\(row.statements == 1 ? "" : "s") with text.\n"
            guard row.statements > 0 else {
                out += "\nRecorded as speaking; no text of theirs is available, so no commitment can be judged.\n"
                continue
            }
            let addressed = m.ruleIDs.enumerated().filter { row.cells[$0.offset] == .yes }.map(\.element)
            let missing = m.ruleIDs.enumerated().filter { row.cells[$0.offset] == .no }.map(\.element)
            out += "\n**Addressed (\(addressed.count) of \(m.ruleIDs.count))**\n"
            if addressed.isEmpty { out += "\nNone.\n" }
            for id in addressed {
                out += "\n- `\(id)` — \(Escaping.markdown(rules[id]?.title ?? ""))\n"
                let evidence = report.evidence(row: row, rule: id)
                for f in evidence.prefix(evidencePerCell) {
                    out += "  > \(marked(f))\n"
                    out += "  > — \(Escaping.markdown(f.statement.document)), line \(f.statement.line), statement \(f.statement.index)"
                    out += f.statement.speaker.map { ", \(Escaping.markdown($0))" } ?? ""
                    out += "; matched by \(Escaping.markdown(Set(f.spans.map(\.by)).sorted().joined(separator: ", ")))\n"
                }
                if evidence.count > evidencePerCell {
                    out += "  \n  and \(evidence.count - evidencePerCell) more sentence\(evidence.count - evidencePerCell == 1 ? "" : "s") (see findings.jsonl)\n"
                }
            }
            out += "\n**Not addressed (\(missing.count))**: " + (missing.isEmpty ? "none" : missing.map { "`\($0)`" }.joined(separator: ", ")) + "\n"
        }

        out += "\n## Commitments\n"
        for (i, id) in m.ruleIDs.enumerated() {
            let r = rules[id]
            out += "\n### `\(id)` — \(Escaping.markdown(r?.title ?? ""))\n\n"
            if let c = r?.commitment { out += Escaping.markdown(c) + "\n\n" }
            out += "Source: \(Escaping.markdown(r?.source ?? "—")). Severity: \(r?.severity ?? "—"). Pack: \(r?.pack ?? "—").\n\n"
            let who = m.rows.filter { $0.cells[i] == .yes }.map { Escaping.markdown(rowName($0)) }
            out += "Addressed by \(who.count): " + (who.isEmpty ? "nobody" : who.joined(separator: "; ")) + ".\n"
        }

        out += "\n## Rules that matched nothing\n\n"
        out += report.silentRules.isEmpty ? "None.\n" : report.silentRules.map { "- `\($0)`" }.joined(separator: "\n") + "\n"
        out += "\n## Delegations recorded as speaking without text\n\n"
        let silent = report.delegationsWithoutText
        out += silent.isEmpty ? "None.\n" : silent.map { "- \(Escaping.markdown($0))" }.joined(separator: "\n") + "\n"

        let unknown = report.statements.filter { $0.kind == .unknown }
        if !unknown.isEmpty {
            out += "\n## Notes\n\nStatements whose delegation could not be decided (kind `unknown`; not in the matrix):\n\n"
            for st in unknown {
                out += "- \(Escaping.markdown(st.document)), line \(st.line), statement \(st.index)"
                out += st.speaker.map { " (\(Escaping.markdown($0)))" } ?? ""
                out += st.attribution?.evidence.map { ": \(Escaping.markdown(String($0.prefix(160))))" } ?? ""
                out += "\n"
            }
        }
        out += ClaimsSection.markdown(report.claims)
        out += "\n## Provenance\n\n| input | SHA-256 | statements |\n| --- | --- | --- |\n"
        for i in report.inputs { out += "| \(Escaping.markdown(i.path)) | `\(i.sha256)` | \(i.statements) |\n" }
        out += "\n| pack | version | source | files |\n| --- | --- | --- | --- |\n"
        for p in report.packs {
            out += "| `\(p.id)` \(Escaping.markdown(p.title)) | \(Escaping.markdown(p.version)) | \(Escaping.markdown(p.source ?? "")) | \(p.files.map(Escaping.markdown).joined(separator: ", ")) |\n"
        }
        out += "\nAttest \(report.attestVersion)" + (report.timestamp.map { ", run at \($0)" } ?? "") + ".\n"
        return out
    }

    func rowName(_ row: CoverageMatrix.Row) -> String {
        row.document.map { "\(row.delegation) in \($0)" } ?? row.delegation
    }

    /// The sentence with each matched span in bold; everything escaped.
    func marked(_ f: Finding) -> String {
        let text = f.statement.text
        var out = ""
        var cursor = f.sentenceStart
        for s in f.spans.sorted(by: { $0.start < $1.start }) where s.start >= cursor && s.end <= f.sentenceEnd {
            out += Escaping.markdown(text.utf8Slice(cursor..<s.start))
            out += "**" + Escaping.markdown(text.utf8Slice(s.start..<s.end)) + "**"
            cursor = s.end
        }
        out += Escaping.markdown(text.utf8Slice(cursor..<f.sentenceEnd))
        return out
    }
}

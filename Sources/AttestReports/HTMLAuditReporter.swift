import AttestAudit
import AttestFormats
import AttestModel
import AttestText
import Foundation

/// The audit as one self-contained HTML page (`audit.html`): the delegation × commitment heatmap,
/// the evidence behind every addressed cell, the commitments list, the gaps and the provenance.
///
/// Made for a year of records (160 rows × 25 rules): the heatmap comes first, under a one-line
/// summary (the provenance, with a row per input, is last and its inputs are collapsed); the
/// table scrolls inside its own box, where the header row and the delegation column stay in view;
/// a ✓ opens its evidence in a panel fixed in the window, beside the cell, whose "Back to the cell"
/// button (or Escape) closes it and puts the focus back on the cell; printed, the header row
/// repeats on every page.
///
/// The page needs no network: its style and script are inline, and a Content-Security-Policy
/// allows nothing else (they are admitted by their SHA-256). Every piece of text that comes from
/// a document or a rule is escaped. The evidence travels as JSON in
/// `<script type="application/json" id="evidence">` with `<`, `>`, `&`, U+2028 and U+2029 written
/// as `\u003c` ...; the script builds the evidence with `createElement`/`textContent` only. The
/// sentences are cut into marked and unmarked segments here, where the UTF-8 offsets live, so
/// the script never converts offsets.
///
/// The output is byte-stable: the same report gives the same bytes (no date unless
/// `report.timestamp` is set; rows, rules and findings in report order; JSON keys in a fixed order).
public struct HTMLAuditReporter: FileReporter {
    public var fileName: String { "audit.html" }
    public func data(_ report: AuditReport) throws -> Data { Data(render(report).utf8) }

    public init() {}

    public func render(_ report: AuditReport) -> String {
        let title = report.packs.isEmpty ? "Attest audit" : "Attest audit — " + report.packs.map(\.title).joined(separator: "; ")
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'; \
        style-src '\(Self.cspHash(Self.style))'; script-src '\(Self.cspHash(Self.script))'">
        <meta name="generator" content="Attest \(Escaping.html(report.attestVersion))">
        <title>\(Escaping.html(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header class="page">
        <h1>Which delegation addressed which commitment</h1>
        <p class="lede">\(Escaping.html(title))</p>
        \(summary(report))
        </header>
        <main>

        """
        html += heatmap(report)
        html += commitments(report)
        html += gaps(report)
        html += ClaimsSection.html(report.claims)
        html += provenance(report)
        html += "</main>\n"
        html += "<script type=\"application/json\" id=\"evidence\">" + evidenceJSON(report) + "</script>\n"
        html += "<script>" + Self.script + "</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Sections

    func summary(_ report: AuditReport) -> String {
        let documents = report.inputs.count
        let addressed = report.matrix.rows.reduce(0) { $0 + $1.addressed }
        let parts = [
            Self.count(report.matrix.rows.count, "delegation row", "delegation rows"),
            Self.count(report.rules.count, "commitment", "commitments"),
            Self.count(documents, "document", "documents"),
            Self.count(addressed, "cell addressed", "cells addressed"),
            Self.count(report.findings.filter { CoverageMatrix.rowDelegation($0.statement) != nil }.count,
                       "matching sentence", "matching sentences"),
        ]
        return "<p class=\"summary\">" + parts.map(Escaping.html).joined(separator: " · ") + "</p>"
    }

    func provenance(_ report: AuditReport) -> String {
        var s = "<section class=\"provenance\" aria-labelledby=\"provenance-h\">\n<h2 id=\"provenance-h\">Provenance</h2>\n<dl>\n"
        s += "<dt>Inputs</dt>\n<dd>"
        if report.inputs.isEmpty {
            s += "none"
        } else {
            let statements = report.inputs.reduce(0) { $0 + $1.statements }
            s += "<details class=\"inputs\"><summary>\(Self.count(report.inputs.count, "document", "documents")), "
            s += "\(Self.count(statements, "statement", "statements")): paths and SHA-256</summary>\n"
            s += "<table class=\"plain\"><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Statements</th>"
            s += "<th scope=\"col\">SHA-256</th></tr></thead><tbody>\n"
            for input in report.inputs {
                s += "<tr><td>\(Escaping.html(input.path))</td><td class=\"num\">\(input.statements)</td>"
                s += "<td><code class=\"hash\">\(Escaping.html(input.sha256))</code></td></tr>\n"
            }
            s += "</tbody></table></details>"
        }
        s += "</dd>\n<dt>Rule packs</dt>\n<dd>"
        if report.packs.isEmpty {
            s += "none"
        } else {
            s += "<ul class=\"packs\">"
            for pack in report.packs {
                s += "<li><code>\(Escaping.html(pack.id))</code> version \(Escaping.html(pack.version)) — \(Escaping.html(pack.title))"
                if let source = pack.source, !pack.title.contains(source) { s += " (\(Escaping.html(source)))" }
                s += "</li>"
            }
            s += "</ul>"
        }
        s += "</dd>\n<dt>Attest</dt>\n<dd>version \(Escaping.html(report.attestVersion))</dd>\n"
        if let timestamp = report.timestamp {
            s += "<dt>Run at</dt>\n<dd><time>\(Escaping.html(timestamp))</time></dd>\n"
        }
        return s + "</dl>\n</section>\n"
    }

    func heatmap(_ report: AuditReport) -> String {
        let matrix = report.matrix
        let byDocument = matrix.rows.contains { $0.document != nil }
        let documents = Array(Set(matrix.rows.compactMap(\.document))).sorted()
        let titles = Dictionary(report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let kinds = Self.filterKinds(matrix)

        var s = "<section class=\"coverage\" aria-labelledby=\"coverage-h\">\n<h2 id=\"coverage-h\">Coverage</h2>\n"
        s += "<div class=\"controls\">\n<label for=\"kind-filter\">Kind of speaker</label>\n<select id=\"kind-filter\">\n"
        s += "<option value=\"all\">All kinds (\(matrix.rows.count))</option>\n"
        for kind in kinds {
            let n = matrix.rows.filter { $0.kind == kind }.count
            s += "<option value=\"\(kind.rawValue)\">\(Self.label(kind)) (\(n))</option>\n"
        }
        s += "</select>\n<output id=\"row-count\" for=\"kind-filter\" aria-live=\"polite\">\(matrix.rows.count) of \(matrix.rows.count) rows shown</output>\n"
        s += """
        <ul class="legend" aria-label="Legend">\
        <li><span class="swatch yes" aria-hidden="true">✓</span> addressed (select to see the evidence)</li>\
        <li><span class="swatch no" aria-hidden="true">✗</span> spoke, did not address it</li>\
        <li><span class="swatch notext" aria-hidden="true">–</span> recorded as speaking, no text</li></ul>
        </div>

        """
        // the box scrolls both ways, so that the sticky header row and name column stick inside it
        s += "<div class=\"table-wrap\" id=\"heatmap-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"coverage-h\">\n<table id=\"heatmap\">\n"
        s += "<caption>Delegation × commitment: \(Self.count(matrix.rows.count, "row", "rows")), "
        s += "\(Self.count(matrix.ruleIDs.count, "commitment", "commitments")). "
        s += "<span class=\"hint\">Column headers sort the rows; a ✓ shows the sentences that prove it.</span></caption>\n"

        // header: delegation, kind, [document], rules..., total
        s += "<thead><tr>"
        // data-label: what print shows instead of the button (Chromium paints no button text in a repeated header)
        s += "<th scope=\"col\" class=\"name\" data-label=\"Delegation\" aria-sort=\"ascending\"><button type=\"button\" class=\"sort\">Delegation</button></th>"
        s += "<th scope=\"col\" class=\"kind\" data-label=\"Kind\"><button type=\"button\" class=\"sort\">Kind</button></th>"
        if byDocument { s += "<th scope=\"col\" class=\"doc\" data-label=\"Document\"><button type=\"button\" class=\"sort\">Document</button></th>" }
        for rule in matrix.ruleIDs {
            let ruleTitle = titles[rule] ?? rule
            s += "<th scope=\"col\" class=\"rule\" data-rule-id=\"\(Escaping.html(rule))\" title=\"\(Escaping.html(ruleTitle))\" data-first=\"descending\">"
            s += "<button type=\"button\" class=\"sort\"><span class=\"rot\">\(Escaping.html(rule))</span></button></th>"
        }
        s += "<th scope=\"col\" class=\"total\" data-label=\"Total\" title=\"Commitments addressed\" data-first=\"descending\">"
        s += "<button type=\"button\" class=\"sort\">Total</button></th>"
        s += "</tr></thead>\n<tbody>\n"

        for (r, row) in matrix.rows.enumerated() {
            s += "<tr data-kind=\"\(Escaping.html(row.kind.rawValue))\">"
            s += "<th scope=\"row\" class=\"name\" data-v=\"\(r)\"><span class=\"deleg\">\(Escaping.html(row.delegation))</span>"
            if let iso3 = row.iso3 { s += " <span class=\"iso3\">\(Escaping.html(iso3))</span>" }
            s += "</th>"
            s += "<td class=\"kind\" data-v=\"\(SpeakerKind.allCases.firstIndex(of: row.kind) ?? 0)\">\(Escaping.html(Self.label(row.kind)))</td>"
            if byDocument {
                let d = row.document ?? ""
                let name = d.split(separator: "/").last.map(String.init) ?? d
                s += "<td class=\"doc\" data-v=\"\(documents.firstIndex(of: d) ?? -1)\" title=\"\(Escaping.html(d))\">\(Escaping.html(name))</td>"
            }
            for (i, cell) in row.cells.enumerated() {
                let rule = matrix.ruleIDs[i]
                let about = Escaping.html(row.delegation + " — " + rule)
                switch cell {
                case .yes:
                    let n = report.evidence(row: row, rule: rule).count
                    s += "<td class=\"c yes\" data-v=\"2\"><button type=\"button\" class=\"ev\" data-row=\"\(r)\" data-rule=\"\(i)\" "
                    s += "aria-controls=\"evidence-panel\" aria-pressed=\"false\" "
                    s += "title=\"\(about): addressed, \(Self.count(n, "sentence", "sentences")); show the evidence\">"
                    s += "<span aria-hidden=\"true\">✓</span><span class=\"vh\">yes</span></button></td>"
                case .no:
                    s += "<td class=\"c no\" data-v=\"1\" title=\"\(about): not addressed\"><span aria-hidden=\"true\">✗</span><span class=\"vh\">no</span></td>"
                case .noText:
                    s += "<td class=\"c notext\" data-v=\"0\" title=\"\(about): no text recorded\"><span aria-hidden=\"true\">–</span><span class=\"vh\">no text</span></td>"
                }
            }
            s += "<td class=\"total\" data-v=\"\(row.addressed)\">\(row.addressed)</td></tr>\n"
        }
        s += "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"\(byDocument ? 3 : 2)\">Delegations that addressed it</th>"
        let firstRuleColumn = byDocument ? 3 : 2
        for (i, total) in matrix.columnTotals.enumerated() {
            s += "<td class=\"coltotal\" data-col=\"\(firstRuleColumn + i)\">\(total)</td>"
        }
        s += "<td class=\"coltotal grand\" data-col=\"\(firstRuleColumn + matrix.ruleIDs.count)\">"
        s += "\(matrix.rows.reduce(0) { $0 + $1.addressed })</td></tr></tfoot>\n</table>\n</div>\n"
        s += """
        <noscript><p class="noscript">The evidence needs JavaScript; the sentences are also in the JSON block of this file.</p></noscript>
        <section id="evidence-panel" class="evidence" aria-live="polite" aria-labelledby="evidence-h" tabindex="-1" hidden>
        <h3 id="evidence-h">Evidence</h3>
        <p class="placeholder">Select a ✓ cell to see the sentences that prove it.</p>
        </section>
        </section>

        """
        return s
    }

    func commitments(_ report: AuditReport) -> String {
        let totals = Dictionary(zip(report.matrix.ruleIDs, report.matrix.columnTotals), uniquingKeysWith: { a, _ in a })
        let rows = report.matrix.rows.count
        var s = "<section class=\"commitments\" aria-labelledby=\"commitments-h\">\n<h2 id=\"commitments-h\">Commitments</h2>\n"
        s += "<table class=\"plain list\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Commitment</th>"
        s += "<th scope=\"col\">Source</th><th scope=\"col\">Addressed by</th></tr></thead>\n<tbody>\n"
        for rule in report.rules {
            let n = totals[rule.id] ?? 0
            s += "<tr\(n == 0 ? " class=\"silent\"" : "")><th scope=\"row\"><code>\(Escaping.html(rule.id))</code>"
            s += "<span class=\"pack\">\(Escaping.html(rule.pack)) · \(Escaping.html(rule.severity))</span></th>"
            s += "<td><strong>\(Escaping.html(rule.title))</strong>"
            if let commitment = rule.commitment { s += "<p>\(Escaping.html(commitment))</p>" }
            s += "</td><td>\(Escaping.html(rule.source ?? "—"))</td>"
            s += "<td class=\"num\">\(n) of \(rows)</td></tr>\n"
        }
        return s + "</tbody></table>\n</section>\n"
    }

    func gaps(_ report: AuditReport) -> String {
        let titles = Dictionary(report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var s = "<section class=\"gaps\" aria-labelledby=\"gaps-h\">\n<h2 id=\"gaps-h\">Gaps</h2>\n<div class=\"columns\">\n"
        s += "<div><h3>Commitments that matched nothing</h3>\n"
        if report.silentRules.isEmpty {
            s += "<p>None: every commitment matched at least one statement.</p>\n"
        } else {
            s += "<ul>" + report.silentRules.map { id in
                "<li><code>\(Escaping.html(id))</code> \(Escaping.html(titles[id] ?? ""))</li>"
            }.joined() + "</ul>\n"
        }
        s += "</div>\n<div><h3>Delegations recorded as speaking without text</h3>\n"
        let silent = report.delegationsWithoutText
        if silent.isEmpty {
            s += "<p>None.</p>\n"
        } else {
            s += "<p>The record names them among the speakers but gives none of their words, so every cell of theirs is “no text”.</p>\n"
            s += "<ul>" + silent.map { "<li>\(Escaping.html($0))</li>" }.joined() + "</ul>\n"
        }
        return s + "</div>\n</div>\n</section>\n"
    }

    // MARK: - Evidence JSON

    /// `{"rules": [{"id", "title"}], "rows": [{"delegation", "kind", "document"}], "cells": [{"row", "rule",
    /// "findings": [{"document", "line", "speaker", "onBehalfOf", "date", "attribution", "sentence": [{"text", "spans"}], "spans": [{"text", "by", "at"}]}]}]}`,
    /// built by hand so that the key order is fixed.
    func evidenceJSON(_ report: AuditReport) -> String {
        let matrix = report.matrix
        let titles = Dictionary(report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var s = "{\"rules\":["
        s += matrix.ruleIDs.map { "{\"id\":\(JSONValue.scriptSafeString($0)),\"title\":\(JSONValue.scriptSafeString(titles[$0] ?? $0))}" }.joined(separator: ",")
        s += "],\n\"rows\":["
        s += matrix.rows.map { row in
            "{\"delegation\":\(JSONValue.scriptSafeString(row.delegation)),\"kind\":\(JSONValue.scriptSafeString(row.kind.rawValue)),\"document\":\(row.document.map(JSONValue.scriptSafeString) ?? "null")}"
        }.joined(separator: ",")
        s += "],\n\"cells\":["
        var cells: [String] = []
        for (r, row) in matrix.rows.enumerated() {
            for (i, cell) in row.cells.enumerated() where cell == .yes {
                let findings = report.evidence(row: row, rule: matrix.ruleIDs[i]).map(findingJSON)
                cells.append("{\"row\":\(r),\"rule\":\(i),\"findings\":[" + findings.joined(separator: ",") + "]}")
            }
        }
        return s + cells.joined(separator: ",\n") + "]}"
    }

    func findingJSON(_ f: Finding) -> String {
        let text = f.statement.text
        let sentence = Self.segments(text: text, start: f.sentenceStart, end: f.sentenceEnd, spans: f.spans).map { seg in
            "{\"text\":\(JSONValue.scriptSafeString(seg.text)),\"spans\":[" + seg.spans.map(String.init).joined(separator: ",") + "]}"
        }
        let spans = f.spans.map { span in
            "{\"text\":\(JSONValue.scriptSafeString(Self.slice(text, span.start, span.end))),\"by\":\(JSONValue.scriptSafeString(span.by)),\"at\":\(JSONValue.scriptSafeString(span.at))}"
        }
        var s = "{\"document\":\(JSONValue.scriptSafeString(f.statement.document)),\"line\":\(f.statement.line),"
        s += "\"speaker\":\(f.statement.speaker.map(JSONValue.scriptSafeString) ?? "null"),"
        s += "\"onBehalfOf\":[" + f.statement.onBehalfOf.map(JSONValue.scriptSafeString).joined(separator: ",") + "],"
        s += "\"date\":\(f.statement.date.map(JSONValue.scriptSafeString) ?? "null"),"
        s += "\"attribution\":\(f.statement.attribution.map { JSONValue.scriptSafeString($0.summary) } ?? "null"),"
        s += "\"sentence\":[" + sentence.joined(separator: ",") + "],"
        return s + "\"spans\":[" + spans.joined(separator: ",") + "]}"
    }

    /// One stretch of a sentence and the indices of the spans that cover it (none: unmarked).
    struct Segment: Equatable {
        var text: String
        var spans: [Int]
    }

    /// Cuts the sentence `start..<end` of `text` (UTF-8 offsets) at every span boundary that falls
    /// inside it. Offsets are clamped to the text and moved back to the start of a scalar, so a
    /// bad offset can shift a mark but never split a character.
    static func segments(text: String, start: Int, end: Int, spans: [MatchedSpan]) -> [Segment] {
        text.withUTF8Bytes { segments(bytes: $0, start: start, end: end, spans: spans) }
    }

    static func segments(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, spans: [MatchedSpan]) -> [Segment] {
        let lo = boundary(bytes, start), hi = max(lo, boundary(bytes, end))
        let clipped = spans.map { (min(max(boundary(bytes, $0.start), lo), hi), min(max(boundary(bytes, $0.end), lo), hi)) }
        let cuts = Set([lo, hi] + clipped.flatMap { [$0.0, $0.1] }).sorted()
        var out: [Segment] = []
        for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
            let covering = clipped.indices.filter { clipped[$0].0 <= a && clipped[$0].1 >= b && clipped[$0].0 < clipped[$0].1 }
            let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
            if let last = out.last, last.spans == covering {
                out[out.count - 1].text += piece
            } else {
                out.append(Segment(text: piece, spans: covering))
            }
        }
        return out
    }

    static func boundary<B: RandomAccessCollection<UInt8>>(_ bytes: B, _ offset: Int) -> Int where B.Index == Int {
        var i = min(max(offset, 0), bytes.count)
        while i > 0, i < bytes.count, bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        text.withUTF8Bytes { bytes in
            let a = boundary(bytes, start), b = max(a, boundary(bytes, end))
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
        }
    }

    // MARK: - Escaping

    static func cspHash(_ source: String) -> String {
        "sha256-" + Data(SHA256.digest(Array(source.utf8))).base64EncodedString()
    }

    // MARK: - Words

    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }

    static func label(_ kind: SpeakerKind) -> String {
        switch kind {
        case .state: "State"
        case .organization: "Organization"
        case .unEntity: "UN entity"
        case .civilSociety: "Civil society"
        case .presidency: "Presidency"
        case .narrative: "Narrative"
        case .unknown: "Unknown"
        }
    }

    /// The kinds offered by the filter: the four kinds of delegation always, any other kind present.
    static func filterKinds(_ matrix: CoverageMatrix) -> [SpeakerKind] {
        let present = Set(matrix.rows.map(\.kind))
        return SpeakerKind.allCases.filter { [.state, .organization, .unEntity, .civilSociety].contains($0) || present.contains($0) }
    }
}

// MARK: - Style and script

extension HTMLAuditReporter {
    /// The page's style sheet: a sober palette; the cell state is also carried by a glyph and
    /// visually hidden text, never by colour alone.
    static let style = #"""
:root{--ink:#1c2430;--muted:#5a6472;--line:#d6dbe1;--head:#f3f5f7;--yes:#2f5d8a;--no:#eceff3;--no-ink:#7b8594;--nt-ink:#a3abb5;--focus:#c98a00;--mark:#ffe28c}
*{box-sizing:border-box}
html{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
body{margin:0 auto;max-width:1500px;padding:24px 32px 48px}
h1{font-size:1.55rem;line-height:1.2;margin:0 0 4px;font-weight:650}
h2{font-size:1.12rem;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:14px 0 6px}
.lede{margin:0;font-size:1.05rem;color:var(--muted)}
.summary{margin:6px 0 0;color:var(--muted)}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
.hash{word-break:break-all;font-size:.82em;color:var(--muted)}
.provenance dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 20px;margin:0}
.provenance dt{font-weight:600;color:var(--muted)}
.provenance dd{margin:0}
ul.packs{margin:0;padding:0;list-style:none}
table.plain{border-collapse:collapse}
table.plain th,table.plain td{border-bottom:1px solid var(--line);padding:5px 14px 5px 0;text-align:left;vertical-align:top}
table.plain thead th{font-weight:600;color:var(--muted);font-size:.9em}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;margin:0 0 12px}
.controls label{font-weight:600}
.controls select{font:inherit;padding:3px 6px;border:1px solid #a9b2bd;border-radius:4px;background:#fff;color:inherit}
#row-count{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 0 auto;padding:0;list-style:none;color:var(--muted);font-size:.9em}
.swatch{display:inline-block;width:20px;height:20px;line-height:20px;text-align:center;border-radius:3px;margin-right:5px;vertical-align:middle;border:1px solid rgba(0,0,0,.08)}
.swatch.yes,#heatmap td.c.yes{background:var(--yes);color:#fff}
.swatch.no,#heatmap td.c.no{background:var(--no);color:var(--no-ink)}
.swatch.notext,#heatmap td.c.notext{background:repeating-linear-gradient(135deg,#fff 0 3px,#e9ecf0 3px 6px);color:var(--nt-ink)}
.table-wrap{display:inline-block;max-width:100%;max-height:calc(100vh - 24px);overflow:auto;border:1px solid var(--line);border-radius:6px;vertical-align:top;overscroll-behavior:contain}
.table-wrap:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
#heatmap{border-collapse:separate;border-spacing:0;font-size:13px}
#heatmap caption{caption-side:top;text-align:left;padding:9px 12px;color:var(--muted);border-bottom:1px solid var(--line)}
#heatmap thead th{position:sticky;top:0;z-index:2}
#heatmap tfoot th,#heatmap tfoot td{position:sticky;bottom:0;z-index:2}
#heatmap th,#heatmap td{padding:0}
#heatmap thead th{vertical-align:bottom;background:var(--head);border-bottom:1px solid #b8c0ca;text-align:left}
#heatmap thead th.rule{width:30px;min-width:30px}
#heatmap thead th.total,#heatmap td.total{border-left:1px solid var(--line)}
button.sort{display:flex;align-items:flex-end;gap:4px;width:100%;padding:8px 12px;border:0;background:none;color:inherit;font:inherit;font-weight:600;text-align:left;cursor:pointer}
button.sort::after{content:"⇅";color:transparent;font-weight:400}
button.sort:hover::after,button.sort:focus-visible::after{color:#8c96a3}
th[aria-sort=ascending] button.sort::after{content:"▲";color:var(--ink)}
th[aria-sort=descending] button.sort::after{content:"▼";color:var(--ink)}
#heatmap th.rule button.sort{flex-direction:column;align-items:center;padding:8px 0 6px}
.rot{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500;font-size:12px}
#heatmap thead th:hover{background:#e8ecf0}
#heatmap thead th.name,#heatmap tfoot th{left:0;z-index:4}
#heatmap tbody th.name{position:sticky;left:0;z-index:1;box-shadow:inset -1px 0 0 var(--line);background:#fff;text-align:left;font-weight:500;padding:4px 12px;min-width:17em;max-width:24em}
.iso3{margin-left:4px;color:var(--muted);font-size:11px;letter-spacing:.05em}
#heatmap td.kind,#heatmap td.doc{padding:4px 12px;color:var(--muted);white-space:nowrap}
#heatmap td.doc{white-space:normal;overflow-wrap:anywhere;min-width:10em;max-width:15em;font-size:12px}
#heatmap td.c{width:30px;min-width:30px;height:28px;text-align:center;border-right:1px solid #fff;border-bottom:1px solid #fff}
#heatmap td.total{padding:4px 12px;text-align:right;font-weight:650;font-variant-numeric:tabular-nums}
#heatmap tbody tr:hover th.name,#heatmap tbody tr:hover td.kind,#heatmap tbody tr:hover td.doc,#heatmap tbody tr:hover td.total{background:#f2f5f8}
tr[hidden]{display:none}
#heatmap td.c.yes{position:relative}
button.ev{position:absolute;inset:0;display:block;width:100%;height:100%;margin:0;padding:0;border:0;background:none;color:inherit;font:inherit;cursor:pointer}
button.ev:hover{background:rgba(255,255,255,.16)}
button.ev[aria-pressed=true]{box-shadow:inset 0 0 0 3px var(--focus)}
button:focus-visible{outline:3px solid var(--focus);outline-offset:-3px}
select:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
#heatmap tfoot th,#heatmap tfoot td{padding:6px 0;background:var(--head);border-top:1px solid #b8c0ca;font-weight:600;text-align:center;font-variant-numeric:tabular-nums}
#heatmap tfoot th{padding:6px 12px;text-align:right;color:var(--muted)}
#heatmap tfoot td.grand{text-align:right;padding-right:12px}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
.evidence{position:fixed;top:12px;bottom:12px;right:12px;z-index:20;width:min(560px,calc(100vw - 24px));overflow:auto;padding:2px 18px 12px;border:1px solid #b8c0ca;border-left:4px solid var(--yes);border-radius:6px;background:#fafbfc;box-shadow:0 8px 28px rgba(20,30,45,.28)}
.evidence.left{right:auto;left:12px}
.evidence[hidden]{display:none}
.evidence .bar{position:sticky;top:0;display:flex;justify-content:space-between;align-items:center;gap:12px;margin:0 -18px;padding:8px 18px;background:#fafbfc;border-bottom:1px solid var(--line)}
.evidence .bar h3{margin:0}
button.back{flex:none;font:inherit;font-weight:600;padding:4px 10px;border:1px solid #a9b2bd;border-radius:4px;background:#fff;color:inherit;cursor:pointer}
button.back:hover{background:#eef2f6}
details.inputs summary{cursor:pointer}
details.inputs table{margin-top:6px}
.evidence .placeholder{color:var(--muted)}
.evidence .rule-title{margin:0 0 6px;color:var(--muted)}
.evidence ol{margin:8px 0 0;padding-left:1.4em}
.evidence li.finding{margin:0 0 14px}
.evidence .meta{margin:0 0 4px;font-size:.9em;color:var(--muted)}
.evidence blockquote{margin:0;padding:6px 12px;border-left:3px solid var(--line);background:#fff;font-family:Georgia,"DejaVu Serif",serif;font-size:15px;line-height:1.55}
mark{padding:0;background:var(--mark);color:inherit}
mark.overlap{background:#f5c542}
.evidence ul.fired{margin:6px 0 0;padding:0;list-style:none;font-size:.88em;color:var(--muted)}
.list th code{display:block;color:var(--ink)}
.list .pack{display:block;color:var(--muted);font-size:.85em;font-weight:400}
.list td p{margin:2px 0 0;color:var(--muted)}
.list tr.silent td.num{color:#9a4a00;font-weight:600}
.gaps .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px 32px}
.gaps ul{margin:0;padding-left:1.2em}
@media print{
@page{size:A4 landscape;margin:10mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
html{font-size:10px}
body{max-width:none;padding:0}
.controls,.evidence,.hint,noscript{display:none!important}
.table-wrap{display:block;overflow:visible;max-height:none;border:0}
#heatmap thead th,#heatmap tfoot th,#heatmap tfoot td{position:static}
#heatmap thead th[data-label] button.sort{display:none}
#heatmap thead th[data-label]::before{content:attr(data-label);display:block;padding:2px 3px;font-weight:600}
#heatmap tfoot{display:table-row-group}
#heatmap{font-size:8px;min-width:0;width:100%}
#heatmap caption{padding:0 0 4px;border:0}
button.sort,button.ev{all:unset}
button.sort::after{content:none!important}
#heatmap thead th button.sort{display:block;padding:2px 3px}
.rot{font-size:7.5px}
.iso3{font-size:7px}
#heatmap td.c{width:auto;height:16px}
#heatmap tbody th.name{position:static;min-width:0;padding:1px 4px}
#heatmap td.kind,#heatmap td.doc,#heatmap td.total{padding:1px 4px}
thead{display:table-header-group}
tr{break-inside:avoid}
h2{break-after:avoid}
}
.claims table{border-collapse:collapse;font-size:13px;width:100%}
.claims th,.claims td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
.claims td.verdict{font-weight:650;white-space:nowrap}
.claims tr.consistent td.verdict{color:#fff;background:#1a7f4b}
.claims tr.contradicted td.verdict{color:#fff;background:#b3261e}
.claims tr.unverifiable td.verdict{color:#3b4048;background:#e4e7eb}
.claims q{quotes:none}
.claims .fact{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
"""#

    /// Sorting, filtering and the evidence panel. The evidence is built with
    /// `createElement`/`textContent` only.
    static let script = #"""
(function () {
  "use strict";
  var table = document.getElementById("heatmap");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var data = JSON.parse(document.getElementById("evidence").textContent);
  var byCell = {};
  data.cells.forEach(function (c) { byCell[c.row + ":" + c.rule] = c.findings; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // Sorting: stable (ties keep their current order); each header toggles between directions.
  function sortBy(col, dir) {
    var sign = dir === "descending" ? -1 : 1;
    var keyed = Array.prototype.map.call(tbody.rows, function (row, i) {
      return { row: row, i: i, v: Number(row.cells[col].getAttribute("data-v")) };
    });
    keyed.sort(function (a, b) { return sign * (a.v - b.v) || a.i - b.i; });
    keyed.forEach(function (k) { tbody.appendChild(k.row); });
    headers.forEach(function (h, i) {
      if (i === col) { h.setAttribute("aria-sort", dir); } else { h.removeAttribute("aria-sort"); }
    });
  }
  function toggle(th) {
    var current = th.getAttribute("aria-sort");
    var dir = current === "ascending" ? "descending" : current === "descending" ? "ascending"
      : (th.getAttribute("data-first") || "ascending");
    sortBy(headers.indexOf(th), dir);
  }

  // Filtering by kind of speaker; the column totals count the rows shown.
  var select = document.getElementById("kind-filter");
  var status = document.getElementById("row-count");
  var totals = Array.prototype.slice.call(table.tFoot.querySelectorAll("td[data-col]"));
  function filter() {
    var kind = select.value, rows = tbody.rows, shown = 0, i;
    for (i = 0; i < rows.length; i++) {
      var visible = kind === "all" || rows[i].getAttribute("data-kind") === kind;
      rows[i].hidden = !visible;
      if (visible) { shown++; }
    }
    totals.forEach(function (td) {
      var col = Number(td.getAttribute("data-col")), n = 0, j;
      for (j = 0; j < rows.length; j++) {
        if (rows[j].hidden) { continue; }
        var cell = rows[j].cells[col];
        n += cell.classList.contains("total") ? Number(cell.getAttribute("data-v")) : cell.classList.contains("yes") ? 1 : 0;
      }
      td.textContent = String(n);
    });
    status.textContent = shown + " of " + rows.length + " rows shown";
  }
  select.addEventListener("change", filter);
  filter();

  // Evidence: the sentences behind one cell, matched words marked, in a panel fixed in the window
  // on the side away from the cell; "Back to the cell" (or Escape) closes it and refocuses the cell.
  var panel = document.getElementById("evidence-panel");
  var opener = null;
  function close() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    if (opener) {
      opener.setAttribute("aria-pressed", "false");
      opener.scrollIntoView({ block: "nearest", inline: "nearest" });
      opener.focus();
    }
  }
  function show(button) {
    var r = Number(button.getAttribute("data-row")), c = Number(button.getAttribute("data-rule"));
    var row = data.rows[r], rule = data.rules[c], list = byCell[r + ":" + c] || [];
    Array.prototype.forEach.call(table.querySelectorAll("button.ev[aria-pressed=true]"), function (b) {
      b.setAttribute("aria-pressed", "false");
    });
    button.setAttribute("aria-pressed", "true");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var bar = el("div", "bar");
    var heading = el("h3", null, "Evidence: " + row.delegation + (row.document ? " (" + row.document + ")" : "") + " — " + rule.id);
    heading.id = "evidence-h";
    bar.appendChild(heading);
    var back = el("button", "back", "Back to the cell");
    back.type = "button";
    back.title = "Close the evidence and return to the cell (Escape)";
    back.addEventListener("click", close);
    bar.appendChild(back);
    panel.appendChild(bar);
    panel.appendChild(el("p", "rule-title", rule.title + " · " + list.length + (list.length === 1 ? " sentence" : " sentences")));
    var ol = el("ol", "findings");
    list.forEach(function (f) {
      var li = el("li", "finding");
      var meta = f.document + ", line " + f.line;
      if (f.speaker) { meta += " · " + f.speaker; }
      if (f.onBehalfOf.length) { meta += " · on behalf of " + f.onBehalfOf.join(", "); }
      if (f.date) { meta += " · " + f.date; }
      if (f.attribution) { meta += " · attributed by " + f.attribution; }
      li.appendChild(el("p", "meta", meta));
      var quote = el("blockquote", "sentence");
      f.sentence.forEach(function (seg) {
        if (seg.spans.length) {
          var mark = el("mark", seg.spans.length > 1 ? "overlap" : null, seg.text);
          mark.title = seg.spans.map(function (i) { return f.spans[i].by + " (" + f.spans[i].at + ")"; }).join("; ");
          quote.appendChild(mark);
        } else {
          quote.appendChild(document.createTextNode(seg.text));
        }
      });
      li.appendChild(quote);
      if (f.spans.length) {
        var fired = el("ul", "fired");
        f.spans.forEach(function (s) {
          var item = el("li");
          item.appendChild(el("q", null, s.text));
          item.appendChild(document.createTextNode(" matched by "));
          item.appendChild(el("code", null, s.by));
          item.appendChild(document.createTextNode(" at "));
          item.appendChild(el("code", null, s.at));
          fired.appendChild(item);
        });
        li.appendChild(fired);
      }
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    opener = button;
    var box = button.getBoundingClientRect();
    panel.classList.toggle("left", box.left + box.width / 2 > window.innerWidth / 2);
    panel.hidden = false;
    panel.scrollTop = 0;
    back.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); close(); }
  });

  table.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !table.contains(button)) { return; }
    if (button.classList.contains("ev")) { show(button); }
    else if (button.classList.contains("sort")) { toggle(button.closest("th")); }
  });
}());
"""#
}

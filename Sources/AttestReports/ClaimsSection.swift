import AttestAudit
import AttestClaims
import AttestFacts
import AttestFormats
import Foundation

/// The claims sections of audit.md and audit.html, and the Claims sheet of matrix.xlsx: every
/// claim with its verdict (coloured in HTML), the sentence, and the facts with their sources.
enum ClaimsSection {
    static func counts(_ claims: [CheckedClaim]) -> String {
        let c = Dictionary(grouping: claims, by: \.verdict).mapValues(\.count)
        return "\(claims.count) claim\(claims.count == 1 ? "" : "s"): " + Verdict.allCases.map { "\(c[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    static func claimLine(_ c: CheckedClaim) -> String {
        "\(c.claim.subject ?? "?") \(c.claim.polarity == .negative ? "not " : "")\(c.claim.predicate.rawValue.replacingOccurrences(of: "_", with: " ")) \(c.claim.object)"
    }

    static func place(_ c: CheckedClaim) -> String {
        "\((c.claim.document as NSString).lastPathComponent) #\(c.claim.statement)"
    }

    static func markdown(_ claims: [CheckedClaim]) -> String {
        guard !claims.isEmpty else { return "" }
        var out = "\n## Claims\n\n" + counts(claims) + ", as of each statement's date.\n\n"
        out += "| statement | delegation | date | claim | verdict | sentence | facts |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        for c in claims {
            let facts = c.facts.map { "\($0.place): \($0.summary) (source: \($0.source); retrieved \($0.retrieved))" }.joined(separator: "; ")
            out += "| \(Escaping.markdown(place(c))) | \(Escaping.markdown(c.claim.delegation ?? "")) | \(c.claim.date ?? "") | "
                + "\(Escaping.markdown(claimLine(c))) | **\(c.verdict.rawValue)** (\(c.reason)) | \(Escaping.markdown(c.claim.text)) | "
                + "\(Escaping.markdown(facts.isEmpty ? c.explanation : facts)) |\n"
        }
        return out
    }

    static func html(_ claims: [CheckedClaim]) -> String {
        guard !claims.isEmpty else { return "" }
        var s = "<section class=\"claims\" aria-labelledby=\"claims-h\">\n<h2 id=\"claims-h\">Claims</h2>\n"
        s += "<p>" + Escaping.html(counts(claims)) + ", as of each statement's date.</p>\n"
        s += "<div class=\"table-wrap\">\n<table id=\"claims\">\n<thead><tr><th>statement</th><th>delegation</th><th>date</th><th>claim</th>"
        s += "<th>verdict</th><th>sentence and facts</th></tr></thead>\n<tbody>\n"
        for c in claims {
            s += "<tr class=\"\(c.verdict.rawValue)\" data-reason=\"\(Escaping.html(c.reason))\">"
            s += "<td>\(Escaping.html(place(c)))</td><td>\(Escaping.html(c.claim.delegation ?? ""))</td><td>\(Escaping.html(c.claim.date ?? ""))</td>"
            s += "<td>\(Escaping.html(claimLine(c)))</td><td class=\"verdict\">\(c.verdict.rawValue)<br>\(Escaping.html(c.reason))</td>"
            s += "<td><q>\(Escaping.html(c.claim.sentence))</q>"
            s += "<div class=\"fact\">\(Escaping.html(c.explanation))</div>"
            for f in c.facts {
                s += "<div class=\"fact\">\(Escaping.html(f.place)): \(Escaping.html(f.summary)) — source: \(Escaping.html(f.source)); retrieved \(Escaping.html(f.retrieved))</div>"
            }
            s += "</td></tr>\n"
        }
        return s + "</tbody></table>\n</div>\n</section>\n"
    }
}

/// A claims reporter written as a file of `attest audit --out`.
struct ClaimsAuditFile: FileReporter {
    let reporter: any ClaimFileReporter
    var fileName: String { reporter.fileName }
    func data(_ report: AuditReport) throws -> Data {
        reporter.data(ClaimReport(claims: report.claims, factsDirectory: "", packs: []))
    }
}

import AttestClaims
import AttestFacts
import AttestFormats
import Foundation

/// A claims report written as one file of `attest claims --out`.
public protocol ClaimFileReporter: Sendable {
    var fileName: String { get }
    func data(_ report: ClaimReport) -> Data
}

extension ReporterRegistry {
    /// What `attest claims --out` writes, in order.
    public static let claimFiles: [any ClaimFileReporter] = [ClaimsCSVReporter(), ClaimsJSONLReporter(), ClaimReviewReporter()]

    /// Writes every claims report into `directory`, checking every name first.
    public static func writeClaims(_ report: ClaimReport, to directory: ReportDirectory) throws -> [String] {
        try directory.checkWritable(claimFiles.map(\.fileName))
        let rendered = claimFiles.map { ($0.fileName, $0.data(report)) }
        return try rendered.map { try directory.write($0.0, $0.1) }
    }
}

/// The fields of one claim shared by the CSV and JSON Lines reports.
enum ClaimFields {
    static func document(_ c: CheckedClaim) -> String { (c.claim.document as NSString).lastPathComponent }

    static func facts(_ refs: [FactReference]) -> String {
        refs.map { "\($0.place) \($0.summary) [source: \($0.source); retrieved \($0.retrieved)]" }.joined(separator: " | ")
    }

    static func json(_ c: CheckedClaim) -> JSONValue {
        .object([
            ("document", .string(document(c))),
            ("statement", .int(c.claim.statement)),
            ("delegation", .string(c.claim.delegation)),
            ("date", .string(c.claim.date)),
            ("start", .int(c.claim.start)),
            ("end", .int(c.claim.end)),
            ("text", .string(c.claim.text)),
            ("subject", .string(c.claim.subject)),
            ("subject_via", .string(c.claim.subjectVia.rawValue)),
            ("predicate", .string(c.claim.predicate.rawValue)),
            ("object", .string(c.claim.object)),
            ("object_text", .string(c.claim.objectText)),
            ("polarity", .string(c.claim.polarity.rawValue)),
            ("verdict", .string(c.verdict.rawValue)),
            ("reason", .string(c.reason)),
            ("explanation", .string(c.explanation)),
            ("rule", .string(c.claim.rule)),
            ("facts", .array(c.facts.map { f in
                .object([("file", .string(f.file)), ("line", .int(f.line)), ("fact", .string(f.summary)), ("source", .string(f.source)),
                         ("retrieved", .string(f.retrieved)), ("licence", .string(f.licence))])
            })),
        ])
    }
}

/// `claims.csv`: one row per claim.
public struct ClaimsCSVReporter: ClaimFileReporter {
    public let fileName = "claims.csv"
    public init() {}

    public static let header = ["document", "statement", "delegation", "date", "start", "end", "text", "subject", "subject_via", "predicate",
                                "object", "polarity", "verdict", "reason", "explanation", "facts", "rule"]

    public func data(_ report: ClaimReport) -> Data {
        var out = CSV.line(Self.header) + "\n"
        for c in report.claims {
            out += CSV.line([ClaimFields.document(c), String(c.claim.statement), c.claim.delegation ?? "", c.claim.date ?? "", String(c.claim.start),
                             String(c.claim.end), c.claim.text, c.claim.subject ?? "", c.claim.subjectVia.rawValue, c.claim.predicate.rawValue,
                             c.claim.object, c.claim.polarity.rawValue, c.verdict.rawValue, c.reason, c.explanation, ClaimFields.facts(c.facts),
                             c.claim.rule]) + "\n"
        }
        return Data(out.utf8)
    }
}

/// `claims.jsonl`: one JSON object per claim, keys sorted, with the fact rows and their sources.
public struct ClaimsJSONLReporter: ClaimFileReporter {
    public let fileName = "claims.jsonl"
    public init() {}

    public func data(_ report: ClaimReport) -> Data {
        Data(report.claims.map { ClaimFields.json($0).serialized([.sortKeys]) + "\n" }.joined().utf8)
    }
}

/// `claimreview.jsonld`: the claims as schema.org `ClaimReview` items (the shape fact-checks are
/// published in), one JSON-LD array. Rating: 1 contradicted, 2 unverifiable, 3 consistent.
public struct ClaimReviewReporter: ClaimFileReporter {
    public let fileName = "claimreview.jsonld"
    public init() {}

    static func rating(_ v: Verdict) -> Int {
        switch v {
        case .contradicted: 1
        case .unverifiable: 2
        case .consistent: 3
        }
    }

    public func data(_ report: ClaimReport) -> Data {
        let items: [JSONValue] = report.claims.map { c in
            var appearance: [(String, JSONValue)] = [("@type", .string("CreativeWork")),
                                                     ("name", .string("\(ClaimFields.document(c)), statement \(c.claim.statement)"))]
            if let d = c.claim.date { appearance.append(("datePublished", .string(d))) }
            var item: [(String, JSONValue)] = [("@type", .string("Claim")), ("appearance", .object(appearance))]
            if let d = c.claim.delegation { item.append(("author", .object([("@type", .string("Organization")), ("name", .string(d))]))) }
            if let d = c.claim.date { item.append(("datePublished", .string(d))) }
            return .object([
                ("@context", .string("https://schema.org")),
                ("@type", .string("ClaimReview")),
                ("claimReviewed", .string(c.claim.text)),
                ("itemReviewed", .object(item)),
                ("author", .object([("@type", .string("Organization")), ("name", .string("Attest claim checker"))])),
                ("reviewRating", .object([
                    ("@type", .string("Rating")),
                    ("ratingValue", .int(Self.rating(c.verdict))),
                    ("bestRating", .int(3)),
                    ("worstRating", .int(1)),
                    ("alternateName", .string(c.verdict.rawValue)),
                    ("ratingExplanation", .string("\(c.reason): \(c.explanation)" + (c.facts.isEmpty ? "" : ". Facts: " + ClaimFields.facts(c.facts)))),
                ])),
            ])
        }
        return Data((JSONValue.array(items).serialized([.sortKeys, .pretty]) + "\n").utf8)
    }
}

/// The terminal listing of `attest claims`: one line per claim, then counts per verdict.
public struct ClaimsTextReporter: Sendable {
    public init() {}

    public func render(_ report: ClaimReport) -> String {
        var out = ""
        for c in report.claims {
            let subject = c.claim.subject ?? "?"
            out += "\(ClaimFields.document(c)) #\(c.claim.statement) [\(c.claim.date ?? "no date")] \(c.verdict.rawValue)/\(c.reason): "
                + "\(subject) \(c.claim.polarity == .negative ? "not " : "")\(c.claim.predicate.rawValue) \(c.claim.object)\n"
            out += "    \"\(Escaping.terminal(c.claim.text))\"\n"
            for f in c.facts { out += "    fact \(f.place): \(f.summary) (source: \(f.source); retrieved \(f.retrieved))\n" }
        }
        let counts = report.counts
        out += "\(report.claims.count) claim\(report.claims.count == 1 ? "" : "s"): "
            + Verdict.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + "\n"
        return out
    }
}

/// The figures of `attest claims --gold`, then every disagreement.
public struct ClaimEvaluationReporter: Sendable {
    public init() {}

    public func render(_ e: ClaimEvaluation) -> String {
        var out = String(format: "claim detection: precision %.3f (%d of %d detections overlap a gold claim), recall %.3f (%d of %d gold claims found), F1 %.3f\n",
                         e.detectionPrecision, e.truePositives, e.truePositives + e.falsePositives, e.goldRecall, e.recallFound, e.goldClaims, e.detectionF1)
        out += String(format: "verdict accuracy: %.3f (%d of %d found gold claims); reason agrees on %d\n",
                      e.verdictAccuracy, e.verdictCorrect, e.verdictTotal, e.reasonCorrect)
        for u in e.unplaced { out += "unplaced gold row (text not in statement): \(u)\n" }
        for d in e.disagreements {
            out += "\(d.kind.rawValue): \(d.document) #\(d.statement): \(d.detail): \"\(Escaping.terminal(String(d.text.prefix(140))))\"\n"
        }
        return out
    }
}

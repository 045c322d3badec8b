import AttestFormats
import AttestModel
import Foundation

/// One row of a claims gold file (`Corpus/gold/claims-2020.jsonl`).
public struct ClaimGoldRow: Sendable, Equatable {
    public var document: String
    public var statement: Int
    public var claim: Bool
    public var text: String
    public var predicate: String?
    public var object: String?
    public var expectedVerdict: String?
    public var reason: String?
    public var line: Int

    public init(document: String, statement: Int, claim: Bool, text: String, predicate: String?, object: String?,
                expectedVerdict: String?, reason: String?, line: Int) {
        self.document = document
        self.statement = statement
        self.claim = claim
        self.text = text
        self.predicate = predicate
        self.object = object
        self.expectedVerdict = expectedVerdict
        self.reason = reason
        self.line = line
    }
}

/// Reading a claims gold file: JSON Lines with at least document, statement, claim and text.
public enum ClaimGold {
    public static func load(path: String) throws -> [ClaimGoldRow] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GoldError(path: path, line: 1, message: "cannot read claims gold file")
        }
        var rows: [ClaimGoldRow] = []
        var lineNumber = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.allSatisfy({ $0 == 32 || $0 == 13 }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                throw GoldError(path: path, line: lineNumber, message: "not a JSON object")
            }
            guard let document = object["document"] as? String, let statement = object["statement"] as? Int,
                  let claim = object["claim"] as? Bool, let text = object["text"] as? String else {
                throw GoldError(path: path, line: lineNumber, message: "a claims gold row needs document (string), statement (integer), claim (boolean) and text (string)")
            }
            if claim && (object["expected_verdict"] as? String) == nil {
                throw GoldError(path: path, line: lineNumber, message: "a claim row needs expected_verdict")
            }
            rows.append(ClaimGoldRow(document: document, statement: statement, claim: claim, text: text,
                                     predicate: object["predicate"] as? String, object: object["object"] as? String,
                                     expectedVerdict: object["expected_verdict"] as? String, reason: object["reason"] as? String, line: lineNumber))
        }
        return rows
    }

    public struct GoldError: Error, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line):1: \(message)" }
    }
}

/// Detection and verdict scores of checked claims against a claims gold.
///
/// Only the gold's documents are scored. A detected claim is correct when its span overlaps a
/// gold claim's text in the same statement; a gold claim is found when some detected claim
/// overlaps it. Verdict accuracy is over found gold claims, each paired with the overlapping
/// detection that agrees best (same object, then same predicate).
public struct ClaimEvaluation: Sendable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var verdictCorrect = 0
    public var verdictTotal = 0
    public var reasonCorrect = 0
    /// Every disagreement, one line each, in gold order then detection order.
    public var disagreements: [Disagreement] = []
    /// Gold rows whose text is not in their statement (a stale gold), reported, not scored.
    public var unplaced: [String] = []

    public struct Disagreement: Sendable {
        /// `reason`: the verdict agrees but the reason code does not (not counted against accuracy).
        public enum Kind: String, Sendable { case missed, spurious, verdict, reason }
        public var kind: Kind
        public var document: String
        public var statement: Int
        public var text: String
        public var detail: String
    }

    public var verdictAccuracy: Double { verdictTotal == 0 ? 0 : Double(verdictCorrect) / Double(verdictTotal) }

    /// Scores `claims` (from `statements`) against `gold`.
    public static func evaluate(claims: [CheckedClaim], statements: [Statement], gold: [ClaimGoldRow]) -> ClaimEvaluation {
        var e = ClaimEvaluation()
        func name(_ d: String) -> String { (d as NSString).lastPathComponent }
        let goldDocuments = Set(gold.map(\.document))
        var texts: [String: String] = [:]
        for s in statements where goldDocuments.contains(name(s.document)) { texts["\(name(s.document))#\(s.index)"] = s.text }
        // gold claim spans (UTF-8 offsets)
        var goldSpans: [(row: ClaimGoldRow, range: Range<Int>)] = []
        for row in gold where row.claim {
            guard let text = texts["\(row.document)#\(row.statement)"], let r = text.range(of: row.text) else {
                e.unplaced.append("\(row.document) #\(row.statement) line \(row.line): \(row.text.prefix(60))")
                continue
            }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
            goldSpans.append((row, start..<(start + row.text.utf8.count)))
        }
        let scored = claims.filter { goldDocuments.contains(name($0.claim.document)) }
        func key(_ c: CheckedClaim) -> String { "\(name(c.claim.document))#\(c.claim.statement)" }
        func overlaps(_ c: CheckedClaim, _ g: (row: ClaimGoldRow, range: Range<Int>)) -> Bool {
            key(c) == "\(g.row.document)#\(g.row.statement)" && c.claim.start < g.range.upperBound && g.range.lowerBound < c.claim.end
        }
        for c in scored {
            if goldSpans.contains(where: { overlaps(c, $0) }) { continue }
            e.falsePositives += 1
            e.disagreements.append(Disagreement(kind: .spurious, document: name(c.claim.document), statement: c.claim.statement, text: c.claim.text,
                                                detail: "\(c.claim.predicate.rawValue) \(c.claim.object) \(c.verdict.rawValue)/\(c.reason)"))
        }
        e.truePositives = 0
        for g in goldSpans {
            let candidates = scored.filter { overlaps($0, g) }
            guard !candidates.isEmpty else {
                e.falseNegatives += 1
                e.disagreements.append(Disagreement(kind: .missed, document: g.row.document, statement: g.row.statement, text: g.row.text,
                                                    detail: "\(g.row.predicate ?? "") \(g.row.object ?? "") \(g.row.expectedVerdict ?? "")/\(g.row.reason ?? "")"))
                continue
            }
            e.truePositives += 1
            let best = candidates.max { a, b in
                let sa = (a.claim.object == g.row.object ? 2 : 0) + (a.claim.predicate.rawValue == g.row.predicate ? 1 : 0)
                let sb = (b.claim.object == g.row.object ? 2 : 0) + (b.claim.predicate.rawValue == g.row.predicate ? 1 : 0)
                return sa < sb
            }!
            e.verdictTotal += 1
            if best.verdict.rawValue == g.row.expectedVerdict {
                e.verdictCorrect += 1
                if best.reason == g.row.reason { e.reasonCorrect += 1 } else {
                    e.disagreements.append(Disagreement(kind: .reason, document: g.row.document, statement: g.row.statement, text: g.row.text,
                                                        detail: "gold \(g.row.expectedVerdict ?? "")/\(g.row.reason ?? ""); found \(best.verdict.rawValue)/\(best.reason)"))
                }
            } else {
                e.disagreements.append(Disagreement(kind: .verdict, document: g.row.document, statement: g.row.statement, text: g.row.text,
                                                    detail: "gold \(g.row.predicate ?? "") \(g.row.object ?? "") \(g.row.expectedVerdict ?? "")/\(g.row.reason ?? ""); "
                                                        + "found \(best.claim.predicate.rawValue) \(best.claim.object) \(best.verdict.rawValue)/\(best.reason)"))
            }
        }
        // precision counts detections; recall counts gold claims
        e.truePositives = scored.count - e.falsePositives
        let goldFound = goldSpans.count - e.falseNegatives
        e.falseNegatives = goldSpans.count - goldFound
        e.recallFound = goldFound
        e.goldClaims = goldSpans.count
        return e
    }

    /// Gold claims found and gold claims placed (recall is over these).
    public var recallFound = 0
    public var goldClaims = 0

    /// Detection recall over gold claims (a gold claim is found when a detection overlaps it).
    public var goldRecall: Double { goldClaims == 0 ? 0 : Double(recallFound) / Double(goldClaims) }
    /// Detection precision over detections (a detection is correct when it overlaps a gold claim).
    public var detectionPrecision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var detectionF1: Double {
        let p = detectionPrecision, r = goldRecall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}

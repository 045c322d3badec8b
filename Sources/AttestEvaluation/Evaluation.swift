import AttestAudit
import AttestCorpus
import AttestModel
import Foundation

/// Precision, recall and F1 of rules against a gold standard, with every disagreement.
///
/// Definitions: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean.
/// A rule that predicts nothing has precision 1 (it made no false claim); a rule with no gold
/// positives has recall 1 (it missed nothing); F1 is 0 when precision + recall is 0. Micro
/// averages pool the counts of every scored rule; macro averages are the mean of the per-rule
/// figures.
public struct Evaluation: Sendable {
    public struct Metrics: Sendable, Equatable, Codable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var trueNegatives = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            self.trueNegatives = trueNegatives
        }

        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var scored: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    }

    /// Averages over rules: precision, recall and F1 only.
    public struct Average: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    public struct RuleScore: Sendable, Equatable {
        public var rule: String
        public var metrics: Metrics
    }

    public struct Disagreement: Sendable {
        public enum Kind: String, Sendable { case falsePositive = "false-positive", falseNegative = "false-negative" }
        public var kind: Kind
        public var rule: String
        public var subject: GoldStandard.Subject
        /// Where the gold cell is written.
        public var goldLine: Int
        public var goldColumn: Int
        /// False positive: the findings (sentence, spans and sub-expressions) the rule produced.
        public var findings: [Finding]
        /// False negative: the statements the rule should have matched.
        public var statements: [Statement]
        /// Where to look in the corpus: the first matching sentence, or the first statement.
        public var location: SourceLocation?
    }

    public var gold: GoldStandard
    /// Scored rules, in the order the rules were loaded.
    public var scores: [RuleScore]
    public var micro: Metrics
    public var macro: Average
    /// Loaded rules the gold says nothing about.
    public var unscoredRules: [String]
    /// Rules of the gold that are not loaded (not scored).
    public var unknownRules: [String]
    /// Gold rows or statements that name nothing in the corpus (not scored).
    public var unmatchedSubjects: [GoldStandard.Subject]
    public var disagreements: [Disagreement]
    /// Per rule, the false positives grouped by the sub-expressions that fired (with the true
    /// positives of the same branch), most false positives first: where a rule author looks next.
    public var firingGroups: [String: [FiringGroup]]

    /// - Parameters:
    ///   - ruleIDs: every loaded rule, in load order.
    public init(gold: GoldStandard, ruleIDs: [String], statements: [Statement], findings: [Finding]) {
        self.gold = gold
        let loaded = Set(ruleIDs)
        let goldRules = Set(gold.rules)
        let judged = Set(gold.cells.map(\.rule))
        unscoredRules = ruleIDs.filter { !goldRules.contains($0) || !judged.contains($0) }
        unknownRules = gold.rules.filter { !loaded.contains($0) }
        let locator = SourceLocator()

        var byRule: [String: Metrics] = [:]
        var disagreements: [Disagreement] = []
        var unmatched: [GoldStandard.Subject] = []
        var unmatchedSeen: Set<GoldStandard.Subject> = []
        var fired: [String: [(finding: Finding, agrees: Bool)]] = [:]
        for cell in gold.cells where loaded.contains(cell.rule) {
            let members = statements.filter { Self.belongs($0, to: cell.subject) }
            guard !members.isEmpty else {
                if unmatchedSeen.insert(cell.subject).inserted { unmatched.append(cell.subject) }
                continue
            }
            let evidence = findings.filter { $0.ruleID == cell.rule && Self.belongs($0.statement, to: cell.subject) }
            let predicted = !evidence.isEmpty
            var m = byRule[cell.rule] ?? Metrics()
            switch (predicted, cell.addressed) {
            case (true, true):
                m.truePositives += 1
                fired[cell.rule, default: []] += evidence.map { ($0, true) }
            case (false, false): m.trueNegatives += 1
            case (true, false):
                m.falsePositives += 1
                fired[cell.rule, default: []] += evidence.map { ($0, false) }
                disagreements.append(Disagreement(kind: .falsePositive, rule: cell.rule, subject: cell.subject, goldLine: cell.line,
                                                  goldColumn: cell.column, findings: evidence, statements: [],
                                                  location: locator.location(of: evidence[0])))
            case (false, true):
                m.falseNegatives += 1
                let withText = members.filter(\.hasText)
                disagreements.append(Disagreement(kind: .falseNegative, rule: cell.rule, subject: cell.subject, goldLine: cell.line,
                                                  goldColumn: cell.column, findings: [], statements: withText,
                                                  location: (withText.first ?? members.first).flatMap(locator.location(ofStatement:))))
            }
            byRule[cell.rule] = m
        }
        scores = ruleIDs.compactMap { id in byRule[id].map { RuleScore(rule: id, metrics: $0) } }
        micro = scores.reduce(into: Metrics()) { total, s in
            total.truePositives += s.metrics.truePositives
            total.falsePositives += s.metrics.falsePositives
            total.falseNegatives += s.metrics.falseNegatives
            total.trueNegatives += s.metrics.trueNegatives
        }
        let n = Double(max(scores.count, 1))
        macro = scores.isEmpty ? Average(precision: 1, recall: 1, f1: 1) : Average(
            precision: scores.reduce(0) { $0 + $1.metrics.precision } / n,
            recall: scores.reduce(0) { $0 + $1.metrics.recall } / n,
            f1: scores.reduce(0) { $0 + $1.metrics.f1 } / n)
        unmatchedSubjects = unmatched
        firingGroups = fired.mapValues(FiringGroup.groups).filter { !$0.value.isEmpty }
        self.disagreements = disagreements
    }

    /// Whether a statement is part of what a gold row or entry is about.
    static func belongs(_ s: Statement, to subject: GoldStandard.Subject) -> Bool {
        switch subject {
        case .delegation(let d, let document):
            return CoverageMatrix.rowDelegation(s) == d && (document.map { sameDocument(s.document, $0) } ?? true)
        case .statement(let document, let index):
            return s.index == index && sameDocument(s.document, document)
        case .speaker(let document, let speaker):
            return s.speaker == speaker && sameDocument(s.document, document)
        }
    }

    /// Paths name the same document when equal or when one ends with the other as whole path components
    /// (gold written from the repository root, corpus given as absolute paths, or the reverse).
    static func sameDocument(_ a: String, _ b: String) -> Bool {
        let x = (a as NSString).standardizingPath, y = (b as NSString).standardizingPath
        return x == y || x.hasSuffix("/" + y) || y.hasSuffix("/" + x)
    }
}

/// Turns offsets in statements back into lines and columns of their source files.
final class SourceLocator: @unchecked Sendable {
    private var sources: [String: SourceText?] = [:]

    private func source(_ path: String) -> SourceText? {
        if let cached = sources[path] { return cached }
        let loaded = try? SourceText.load(path: path)
        sources[path] = loaded
        return loaded
    }

    /// Where the statement's text starts (its paragraph, after a speaker header).
    func location(ofStatement s: Statement) -> SourceLocation? {
        locate(s, probe: Array(s.text.utf8), offsetInText: 0)
    }

    /// Where the first sentence of a finding starts.
    func location(of f: Finding) -> SourceLocation? {
        locate(f.statement, probe: Array(f.sentence.utf8), offsetInText: f.sentenceStart)
    }

    /// Looks for the start of `probe` (the sentence or the text) inside the statement's stretch of
    /// the file: that is exact whatever the file's encoding of the text (a speaker header, HTML
    /// entities and markup, JSON escapes). When the opening is not found as it is (an entity in
    /// its first words), falls back to the text's offset when the text is verbatim, else to the
    /// start of the statement.
    private func locate(_ s: Statement, probe full: [UInt8], offsetInText: Int) -> SourceLocation? {
        guard let src = source(s.document) else { return SourceLocation(path: s.document, line: s.line, column: 1) }
        let bytes = Array(src.text.utf8)
        // statements carry offsets in the file's bytes; the search is in the decoded text
        var s = s
        s.start = src.textOffset(fileOffset: s.start)
        s.end = src.textOffset(fileOffset: s.end)
        guard s.start <= s.end, s.end <= bytes.count else { return SourceLocation(path: s.document, line: s.line, column: 1) }
        func at(_ offset: Int) -> SourceLocation {
            let o = min(offset, bytes.count)
            return SourceLocation(path: s.document, line: src.line(at: o), column: src.column(at: o))
        }
        var length = min(full.count, 40)
        while length > 0, length < full.count, full[length] & 0xC0 == 0x80 { length -= 1 } // whole scalars only
        let probe = Array(full.prefix(length))
        if !probe.isEmpty, let found = Self.find(probe, in: bytes, from: s.start, to: s.end) { return at(found) }
        let textProbe = Array(s.text.utf8.prefix(40))
        if !textProbe.isEmpty, let found = Self.find(textProbe, in: bytes, from: s.start, to: s.end) { return at(found + offsetInText) }
        return at(s.start)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, to: Int) -> Int? {
        guard needle.count <= to - from else { return nil }
        var i = from
        while i + needle.count <= to {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

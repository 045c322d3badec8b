import AttestFormats
import AttestModel
import Foundation

/// Finding-level gold: a sample of a rule pack's findings, each read and labelled right or wrong.
///
/// JSON Lines, one finding per line, as `Corpus/gold/precision/draw_sample.py` writes it:
/// `{"document", "statement", "rule", "sentence_start", "label": "right" | "wrong" | null, ...}`.
/// Other fields (`sentence`, `matched`, `by`, `reason`, ...) are kept for the reader and not
/// required. A `null` label is a drawn finding nobody has read yet: it is counted and listed,
/// never scored.
public struct FindingGold: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var document: String
        public var statement: Int
        public var rule: String
        /// UTF-8 offset of the sentence in the statement's text (nil when the line gives none).
        public var sentenceStart: Int?
        /// The sentence as it was labelled, when the line gives it.
        public var sentence: String?
        /// true: right, false: wrong, nil: not labelled yet.
        public var label: Bool?
        public var reason: String?
        /// Where the entry is written (line of the gold file).
        public var line: Int
    }

    public var path: String
    public var entries: [Entry]

    public typealias Failure = Diagnostic

    /// Whether a JSON Lines gold file holds labelled findings: its first object has a `label` key.
    public static func isFindingGold(text: String) -> Bool {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) where !line.allSatisfy(\.isWhitespace) {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return false }
            return o.keys.contains("label")
        }
        return false
    }

    /// Whether the gold file at `path`, whose text is `text`, is a labelled sample of findings.
    public static func isFindingGold(path: String, text: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return (ext == "jsonl" || ext == "ndjson") && isFindingGold(text: text)
    }

    public static func load(path: String) throws(Failure) -> FindingGold {
        try parse(try GoldStandard.readText(path: path), path: path)
    }

    public static func parse(_ text: String, path: String) throws(Failure) -> FindingGold {
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            guard !raw.allSatisfy(\.isWhitespace) else { continue }
            let line = i + 1
            guard let o = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else {
                throw Failure(path: path, line: line, column: 1, message: "not a JSON object")
            }
            guard let document = o["document"] as? String, !document.isEmpty else {
                throw Failure(path: path, line: line, column: 1, message: "missing \"document\"")
            }
            guard let statement = GoldStandard.statementIndex(o["statement"]) else {
                throw Failure(path: path, line: line, column: 1, message: "needs \"statement\": the statement index")
            }
            guard let rule = o["rule"] as? String, !rule.isEmpty else {
                throw Failure(path: path, line: line, column: 1, message: "missing \"rule\"")
            }
            var start: Int?
            if let s = o["sentence_start"], !(s is NSNull) {
                guard let n = GoldStandard.statementIndex(s), n >= 0 else {
                    throw Failure(path: path, line: line, column: 1, message: "\"sentence_start\" must be a whole number")
                }
                start = n
            }
            let label: Bool?
            switch o["label"] {
            case let s as String where s == "right": label = true
            case let s as String where s == "wrong": label = false
            case nil, is NSNull: label = nil
            default:
                throw Failure(path: path, line: line, column: 1, message: "\"label\" must be \"right\", \"wrong\" or null")
            }
            let key = "\(document)\u{0}\(statement)\u{0}\(rule)\u{0}\(start.map(String.init) ?? "-")"
            guard seen.insert(key).inserted else {
                throw Failure(path: path, line: line, column: 1, message: "the same finding is labelled twice")
            }
            entries.append(Entry(document: document, statement: statement, rule: rule, sentenceStart: start,
                                 sentence: o["sentence"] as? String, label: label, reason: o["reason"] as? String, line: line))
        }
        guard !entries.isEmpty else { throw Failure(path: path, line: 1, column: 1, message: "gold file holds no finding") }
        return FindingGold(path: path, entries: entries)
    }
}

/// The Wilson score interval of a proportion (z = 1.96 for 95 %).
public struct WilsonInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(successes: Int, trials: Int, z: Double = 1.96) {
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = p + z2 / (2 * n)
        let margin = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let denominator = 1 + z2 / n
        lower = max(0, (centre - margin) / denominator)
        upper = min(1, (centre + margin) / denominator)
    }
}

/// "Where to look next": the disagreements of one rule grouped by the sub-expression that fired.
///
/// A finding counts once under each distinct sub-expression (`by` at `at`) of its spans, so that
/// a branch's share says how many of the rule's disagreements it took part in (the shares of a
/// rule can add up to more than 100 % when findings need two sub-expressions, as `near` does).
public struct FiringGroup: Sendable, Equatable {
    /// The sub-expression: its `by` and where it is written (`phrase "capacity" at rules.yaml:668:17`).
    public var subExpression: String
    /// Disagreements with gold (wrong findings, false positives) in which it fired.
    public var disagreements: Int
    /// Agreements (right findings, true positives) in which it fired, for its precision.
    public var agreements: Int
    /// The first disagreeing sentence.
    public var example: String

    /// The distinct sub-expressions of a finding, in span order.
    public static func subExpressions(of f: Finding) -> [String] {
        var out: [String] = []
        for s in f.spans {
            let key = "\(s.by) at \(s.at)"
            if !out.contains(key) { out.append(key) }
        }
        return out
    }

    /// Groups (finding, agrees) pairs; only sub-expressions with a disagreement are returned, most
    /// disagreements first, then fewest agreements, then by name.
    public static func groups(_ items: [(finding: Finding, agrees: Bool)]) -> [FiringGroup] {
        var table: [String: FiringGroup] = [:]
        for (f, agrees) in items {
            for key in subExpressions(of: f) {
                var g = table[key] ?? FiringGroup(subExpression: key, disagreements: 0, agreements: 0, example: "")
                if agrees { g.agreements += 1 } else {
                    if g.disagreements == 0 { g.example = f.sentence }
                    g.disagreements += 1
                }
                table[key] = g
            }
        }
        return table.values.filter { $0.disagreements > 0 }.sorted {
            if $0.disagreements != $1.disagreements { return $0.disagreements > $1.disagreements }
            if $0.agreements != $1.agreements { return $0.agreements < $1.agreements }
            return $0.subExpression < $1.subExpression
        }
    }
}

/// Precision of each rule on a labelled sample of its findings, with a Wilson 95 % interval.
///
/// Each gold entry is matched to a finding of the current run by document, statement, rule and
/// sentence start; an entry not found that way is matched by document, statement and rule to a
/// finding with the same sentence (the sentence moved), and then to the only remaining finding
/// of that statement and rule (counted as `moved`). Entries whose finding no longer fires are
/// `gone` (the rule stopped matching there): not scored. Labelled entries found are scored;
/// unlabelled ones are counted and listed. When a rule fires `sampleSize` times or fewer, the
/// sample design takes every finding, so a finding of the run that no entry names is new and
/// listed as unlabelled too.
public struct PrecisionEvaluation: Sendable {
    public struct RuleResult: Sendable {
        public var rule: String
        /// Findings of the rule in the run.
        public var findings: Int
        public var right: Int
        public var wrong: Int
        /// Entries of the gold for this rule whose finding no longer fires.
        public var gone: Int
        /// Entries matched by statement and rule only (the sentence changed).
        public var moved: Int
        /// Findings of the run that need a label: drawn but not labelled, or new.
        public var unlabelled: [Finding]
        public var interval: WilsonInterval
        /// Where the wrong findings come from.
        public var groups: [FiringGroup]
        /// The wrong findings, with the gold's reason.
        public var wrongFindings: [(finding: Finding, reason: String, goldLine: Int)]

        public var sample: Int { right + wrong }
        public var precision: Double? { sample == 0 ? nil : Double(right) / Double(sample) }
    }

    public var gold: FindingGold
    public var sampleSize: Int
    /// Scored rules and rules with findings, in load order.
    public var results: [RuleResult]
    /// Gold entries naming rules that are not loaded.
    public var unknownRules: [String]
    /// Gold entries whose document is not among the audited documents (not scored, not `gone`).
    public var outsideCorpus: Int
    public var pooledRight: Int { results.reduce(0) { $0 + $1.right } }
    public var pooledWrong: Int { results.reduce(0) { $0 + $1.wrong } }
    public var pooledInterval: WilsonInterval { WilsonInterval(successes: pooledRight, trials: pooledRight + pooledWrong) }

    /// - Parameters:
    ///   - documents: the audited documents; entries of other documents are counted apart
    ///     (`outsideCorpus`). Nil: every entry belongs to the corpus.
    public init(gold: FindingGold, ruleIDs: [String], findings: [Finding], documents: [String]? = nil, sampleSize: Int = 25) {
        self.gold = gold
        self.sampleSize = sampleSize
        let loaded = Set(ruleIDs)
        unknownRules = gold.entries.map(\.rule).reduce(into: [String]()) { out, r in
            if !loaded.contains(r) && !out.contains(r) { out.append(r) }
        }
        struct Key: Hashable { var document: String; var statement: Int; var rule: String }
        // findings by (file name, statement, rule); documents compared as whole path components
        var byKey: [Key: [Int]] = [:]
        for (i, f) in findings.enumerated() {
            byKey[Key(document: (f.statement.document as NSString).lastPathComponent, statement: f.statement.index, rule: f.ruleID), default: []].append(i)
        }
        var taken = [Bool](repeating: false, count: findings.count)
        var matchOf = [Int?](repeating: nil, count: gold.entries.count)
        var movedEntry = [Bool](repeating: false, count: gold.entries.count)
        func candidates(_ e: FindingGold.Entry) -> [Int] {
            (byKey[Key(document: (e.document as NSString).lastPathComponent, statement: e.statement, rule: e.rule)] ?? [])
                .filter { !taken[$0] && Evaluation.sameDocument(findings[$0].statement.document, e.document) }
        }
        for (j, e) in gold.entries.enumerated() { // exact
            if let start = e.sentenceStart, let i = candidates(e).first(where: { findings[$0].sentenceStart == start }) {
                taken[i] = true
                matchOf[j] = i
            }
        }
        for (j, e) in gold.entries.enumerated() where matchOf[j] == nil { // the same sentence elsewhere
            if let s = e.sentence, let i = candidates(e).first(where: { findings[$0].sentence == s }) {
                taken[i] = true
                matchOf[j] = i
            }
        }
        var remaining: [Key: [Int]] = [:]
        for (j, e) in gold.entries.enumerated() where matchOf[j] == nil {
            remaining[Key(document: (e.document as NSString).lastPathComponent, statement: e.statement, rule: e.rule), default: []].append(j)
        }
        // the only one left on both sides, and, when the entry gives its sentence, a sentence that
        // holds it or lies within it (a sentence split or joined differently); never another
        // sentence of the statement, which would lend a label to text nobody read
        func sameText(_ a: String, _ b: String) -> Bool { a.contains(b) || b.contains(a) }
        for (j, e) in gold.entries.enumerated() where matchOf[j] == nil {
            let c = candidates(e)
            let k = Key(document: (e.document as NSString).lastPathComponent, statement: e.statement, rule: e.rule)
            if c.count == 1, remaining[k]?.count == 1, e.sentence.map({ sameText($0, findings[c[0]].sentence) }) ?? true {
                taken[c[0]] = true
                matchOf[j] = c[0]
                movedEntry[j] = true
            }
        }
        var findingsPerRule: [String: [Int]] = [:]
        for (i, f) in findings.enumerated() { findingsPerRule[f.ruleID, default: []].append(i) }
        let inCorpus: (FindingGold.Entry) -> Bool = { e in
            documents.map { docs in docs.contains { Evaluation.sameDocument($0, e.document) } } ?? true
        }
        outsideCorpus = gold.entries.filter { loaded.contains($0.rule) && !inCorpus($0) }.count
        var results: [RuleResult] = []
        for rule in ruleIDs {
            let entries = gold.entries.indices.filter { gold.entries[$0].rule == rule && inCorpus(gold.entries[$0]) }
            let own = findingsPerRule[rule] ?? []
            guard !entries.isEmpty || !own.isEmpty else { continue }
            var r = RuleResult(rule: rule, findings: own.count, right: 0, wrong: 0, gone: 0, moved: 0, unlabelled: [],
                               interval: WilsonInterval(successes: 0, trials: 0), groups: [], wrongFindings: [])
            var labelled: [(finding: Finding, agrees: Bool)] = []
            for j in entries {
                let e = gold.entries[j]
                guard let i = matchOf[j] else {
                    r.gone += 1
                    continue
                }
                if movedEntry[j] { r.moved += 1 }
                switch e.label {
                case true?:
                    r.right += 1
                    labelled.append((findings[i], true))
                case false?:
                    r.wrong += 1
                    labelled.append((findings[i], false))
                    r.wrongFindings.append((findings[i], e.reason ?? "", e.line))
                case nil: r.unlabelled.append(findings[i])
                }
            }
            if own.count <= sampleSize { r.unlabelled += own.filter { !taken[$0] }.map { findings[$0] } }
            r.interval = WilsonInterval(successes: r.right, trials: r.sample)
            r.groups = FiringGroup.groups(labelled)
            results.append(r)
        }
        self.results = results
    }

    /// Rules whose Wilson lower bound falls below their minimum (the gates of the Wilson bound
    /// only; see ``verdict(_:)``).
    public func verdict(lowerBound: Double?, perRule: [String: Double]) -> GateVerdict {
        verdict(SampleGates(lowerBound: lowerBound, ruleLowerBound: perRule))
    }

    /// Rules whose point precision or Wilson lower bound falls below their minimum; rules with no
    /// labelled finding in the run are not gated (nothing to estimate) and noted instead.
    public func verdict(_ gates: SampleGates) -> GateVerdict {
        var v = GateVerdict()
        for r in results {
            let min = gates.minimum(for: r.rule)
            guard !min.isEmpty else { continue }
            guard r.sample > 0, let precision = r.precision else {
                if r.findings > 0 { v.notes.append("\(r.rule): \(r.findings) findings and none labelled: not gated") }
                continue
            }
            v.sampleMinimums[r.rule] = min
            if let p = min.precision, precision < p - 1e-9 {
                v.failures.append("\(r.rule): precision \(fmt(precision)) < \(fmt(p)) (\(r.right)/\(r.sample) right)")
                v.failingRules.insert(r.rule)
            }
            if let l = min.lowerBound, r.interval.lower < l - 1e-9 {
                v.failures.append("\(r.rule): precision lower bound \(fmt(r.interval.lower)) < \(fmt(l)) (\(r.right)/\(r.sample) right)")
                v.failingRules.insert(r.rule)
            }
        }
        let perRule = gates.listedRules
        for r in results where !r.unlabelled.isEmpty {
            v.notes.append("\(r.rule): \(r.unlabelled.count) finding\(r.unlabelled.count == 1 ? "" : "s") not labelled (not scored); re-draw the sample and label them")
        }
        for r in results where r.gone > 0 {
            v.notes.append("\(r.rule): \(r.gone) labelled finding\(r.gone == 1 ? "" : "s") no longer fire\(r.gone == 1 ? "s" : "")")
        }
        for id in perRule where !results.contains(where: { $0.rule == id }) {
            v.notes.append("\(id): has a minimum but no finding and no label")
        }
        if outsideCorpus > 0 {
            v.notes.append("\(outsideCorpus) labelled finding\(outsideCorpus == 1 ? " is" : "s are") in documents that were not audited (not scored)")
        }
        if results.isEmpty { v.failures.append("nothing was scored: no rule of the gold is loaded") }
        return v
    }
}

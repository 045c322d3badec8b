import AttestFormats
import AttestAudit
import AttestModel
import AttestRules
import Foundation
import Yams

/// Minimum precision, recall and F1; nil means no minimum.
public struct Thresholds: Sendable, Equatable {
    public var precision: Double?
    public var recall: Double?
    public var f1: Double?

    public init(precision: Double? = nil, recall: Double? = nil, f1: Double? = nil) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }

    public var isEmpty: Bool { precision == nil && recall == nil && f1 == nil }

    /// What falls short: `precision 0.667 < 0.800`.
    func shortfalls(precision p: Double, recall r: Double, f1 f: Double) -> [String] {
        var out: [String] = []
        if let min = precision, p < min - 1e-9 { out.append("precision \(fmt(p)) < \(fmt(min))") }
        if let min = recall, r < min - 1e-9 { out.append("recall \(fmt(r)) < \(fmt(min))") }
        if let min = f1, f < min - 1e-9 { out.append("F1 \(fmt(f)) < \(fmt(min))") }
        return out
    }
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

/// The project file `attest.yaml`: thresholds for `attest eval`, overall (micro averages) and per rule.
///
/// ```yaml
/// thresholds: {precision: 0.8, recall: 0.6, f1: 0.7}
/// rules:
///   cites-resolution-2482: {precision: 1, recall: 1}
/// require: [references-human-rights-compliance]
/// ```
public struct ProjectConfig: Sendable, Equatable {
    public var thresholds = Thresholds()
    public var rules: [String: Thresholds] = [:]
    /// Rules every State recorded with text must address (coverage gates).
    public var require: [String] = []
    /// Thresholds for one gold file, replacing `thresholds` when that gold is scored (paths
    /// compared like documents: equal, or one ending with the other).
    public var goldThresholds: [String: Thresholds] = [:]
    /// Finding-level samples: the minimum Wilson 95 % lower bound of each rule's precision
    /// (`sample: lower_bound`), and per rule (`sample: rules: {id: 0.6}`).
    public var sampleLowerBound: Double?
    public var sampleRules: [String: Double] = [:]
    /// Finding-level samples: the minimum point precision of each rule (`sample: precision`), and
    /// per rule (`sample: rules: {id: {precision: 0.8}}`).
    public var samplePrecision: Double?
    public var sampleRulePrecision: [String: Double] = [:]

    /// The gates of a finding-level sample that this file sets.
    public var sampleGates: SampleGates {
        SampleGates(precision: samplePrecision, lowerBound: sampleLowerBound, rulePrecision: sampleRulePrecision, ruleLowerBound: sampleRules)
    }

    /// The micro thresholds for a gold file: its own entry under `gold:` when there is one.
    public func thresholds(forGold path: String) -> Thresholds {
        for (p, t) in goldThresholds.sorted(by: { $0.key < $1.key }) where Evaluation.sameDocument(p, path) { return t }
        return thresholds
    }

    public init(thresholds: Thresholds = Thresholds(), rules: [String: Thresholds] = [:], require: [String] = []) {
        self.thresholds = thresholds
        self.rules = rules
        self.require = require
    }

    /// Why the project file could not be read: `path:line:col: message`.
    public typealias Failure = Diagnostic

    /// The largest project file read (it holds a few thresholds).
    public static let maxBytes = 1 << 20

    public static func load(path: String) throws(Failure) -> ProjectConfig {
        if let size = GoldStandard.fileSize(path), size > maxBytes {
            throw Failure(path: path, line: 1, column: 1, message: "project file is \(size) bytes; the limit is \(maxBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = UTF8Validation.string(data) else {
            throw Failure(path: path, line: 1, column: 1, message: "cannot read project file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(Failure) -> ProjectConfig {
        func fail(_ node: Node?, _ message: String) -> Failure {
            Failure(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
        }
        let root: Node?
        // the YAML preflight first: an alias bomb or deep nesting is refused before Yams builds a tree
        do { try YAMLPreflight.checkData(text) } catch {
            throw Failure(path: path, line: error.line, column: error.column, message: error.message)
        }
        do { root = try Yams.compose(yaml: text) } catch { throw Failure(path: path, line: 1, column: 1, message: "invalid YAML: \(error)") }
        guard let root else { return ProjectConfig() }
        guard case .mapping(let top) = root else { throw fail(root, "expected a mapping with thresholds, rules, require") }
        var config = ProjectConfig()
        func thresholds(_ node: Node) throws(Failure) -> Thresholds {
            guard case .mapping(let m) = node else { throw fail(node, "expected a mapping of precision, recall, f1") }
            var t = Thresholds()
            for (k, v) in m {
                guard let key = k.string, ["precision", "recall", "f1"].contains(key) else {
                    throw fail(k, "unknown key '\(k.string ?? "")'; allowed: precision, recall, f1")
                }
                guard let x = v.float, x >= 0, x <= 1 else { throw fail(v, "'\(key)' must be a number from 0 to 1") }
                switch key {
                case "precision": t.precision = x
                case "recall": t.recall = x
                default: t.f1 = x
                }
            }
            return t
        }
        for (k, v) in top {
            switch k.string {
            case "thresholds": config.thresholds = try thresholds(v)
            case "rules":
                guard case .mapping(let m) = v else { throw fail(v, "'rules' must map rule ids to thresholds") }
                for (rk, rv) in m {
                    guard let id = rk.string else { throw fail(rk, "rule ids must be strings") }
                    config.rules[id] = try thresholds(rv)
                }
            case "require":
                guard case .sequence(let items) = v else { throw fail(v, "'require' must be a list of rule ids") }
                config.require = items.compactMap(\.string)
            case "gold":
                guard case .mapping(let m) = v else { throw fail(v, "'gold' must map gold files to thresholds") }
                for (gk, gv) in m {
                    guard let p = gk.string, !p.isEmpty else { throw fail(gk, "gold paths must be strings") }
                    config.goldThresholds[p] = try thresholds(gv)
                }
            case "sample":
                guard case .mapping(let m) = v else { throw fail(v, "'sample' must be a mapping of precision, lower_bound, rules") }
                func bound(_ node: Node, _ what: String) throws(Failure) -> Double {
                    guard let x = node.float, x >= 0, x <= 1 else { throw fail(node, "'\(what)' must be a number from 0 to 1") }
                    return x
                }
                for (sk, sv) in m {
                    switch sk.string {
                    case "precision": config.samplePrecision = try bound(sv, "precision")
                    case "lower_bound": config.sampleLowerBound = try bound(sv, "lower_bound")
                    case "rules":
                        guard case .mapping(let rm) = sv else { throw fail(sv, "'rules' must map rule ids to lower bounds or to {precision, lower_bound}") }
                        for (rk, rv) in rm {
                            guard let id = rk.string else { throw fail(rk, "rule ids must be strings") }
                            // a number is the rule's lower bound (as before); a mapping may set both
                            guard case .mapping(let gm) = rv else {
                                config.sampleRules[id] = try bound(rv, id)
                                continue
                            }
                            for (gk, gv) in gm {
                                switch gk.string {
                                case "precision": config.sampleRulePrecision[id] = try bound(gv, "precision")
                                case "lower_bound": config.sampleRules[id] = try bound(gv, "lower_bound")
                                default: throw fail(gk, "unknown key '\(gk.string ?? "")'; allowed: precision, lower_bound")
                                }
                            }
                        }
                    default: throw fail(sk, "unknown key '\(sk.string ?? "")'; allowed: precision, lower_bound, rules")
                    }
                }
            default:
                throw fail(k, "unknown key '\(k.string ?? "")'; allowed: thresholds, rules, require, gold, sample")
            }
        }
        return config
    }
}

/// The gates of a finding-level sample (a labelled sample of findings), per rule: a minimum point
/// precision (right / labelled) and a minimum Wilson 95 % lower bound. The point gate is the
/// target ("every rule's precision at least 0.90"); the lower bound is a regression floor, since
/// with 25 labelled findings it cannot exceed 0.87.
public struct SampleGates: Sendable, Equatable {
    /// What one rule must reach; nil means no minimum.
    public struct Minimum: Sendable, Equatable {
        public var precision: Double?
        public var lowerBound: Double?

        public init(precision: Double? = nil, lowerBound: Double? = nil) {
            self.precision = precision
            self.lowerBound = lowerBound
        }

        public var isEmpty: Bool { precision == nil && lowerBound == nil }
    }

    /// For every rule not listed in `rulePrecision` / `ruleLowerBound`.
    public var precision: Double?
    public var lowerBound: Double?
    public var rulePrecision: [String: Double]
    public var ruleLowerBound: [String: Double]

    public init(precision: Double? = nil, lowerBound: Double? = nil, rulePrecision: [String: Double] = [:], ruleLowerBound: [String: Double] = [:]) {
        self.precision = precision
        self.lowerBound = lowerBound
        self.rulePrecision = rulePrecision
        self.ruleLowerBound = ruleLowerBound
    }

    /// The minimums of one rule: its own entries, else the ones for every rule.
    public func minimum(for rule: String) -> Minimum {
        Minimum(precision: rulePrecision[rule] ?? precision, lowerBound: ruleLowerBound[rule] ?? lowerBound)
    }

    /// Rules with an entry of their own.
    public var listedRules: [String] { Set(rulePrecision.keys).union(ruleLowerBound.keys).sorted() }
}

/// Per-rule figures saved by `--write-baseline` and compared by `--baseline`.
public struct Baseline: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    public var rules: [String: Entry]

    public init(_ e: Evaluation) {
        rules = Dictionary(e.scores.map { ($0.rule, Entry(precision: $0.metrics.precision, recall: $0.metrics.recall, f1: $0.metrics.f1)) },
                           uniquingKeysWith: { a, _ in a })
    }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    public static func load(path: String) throws -> Baseline {
        try JSONDecoder().decode(Baseline.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// The verdict of the gates on an evaluation.
public struct GateVerdict: Sendable, Equatable {
    /// Each failed gate, in words; the run fails when there is any.
    public var failures: [String] = []
    /// Improvements over the baseline and other news that does not fail the run.
    public var notes: [String] = []
    /// Rules that failed a gate (for JUnit and SARIF).
    public var failingRules: Set<String> = []
    /// Whether the overall (micro) thresholds failed.
    public var overallFailed = false
    /// Finding-level samples: the minimums that applied to each gated rule, for the reports.
    public var sampleMinimums: [String: SampleGates.Minimum] = [:]

    public var passed: Bool { failures.isEmpty }

    /// No failure and no note yet (gates of a finding-level sample add theirs).
    public init() {}

    /// - Parameters:
    ///   - overall: minimum micro averages.
    ///   - perRule: minimum figures per rule.
    ///   - baseline: fail on any rule whose F1 dropped below it.
    public init(_ e: Evaluation, overall: Thresholds, perRule: [String: Thresholds], baseline: Baseline?) {
        let m = e.micro
        if e.scores.isEmpty && (!overall.isEmpty || !perRule.isEmpty) {
            failures.append("nothing was scored: no rule of the gold is loaded, or no gold row names anything in the corpus")
        }
        overallFailed = !overall.shortfalls(precision: m.precision, recall: m.recall, f1: m.f1).isEmpty
        for s in overall.shortfalls(precision: m.precision, recall: m.recall, f1: m.f1) { failures.append("overall (micro): \(s)") }
        for score in e.scores {
            if let t = perRule[score.rule] {
                let short = t.shortfalls(precision: score.metrics.precision, recall: score.metrics.recall, f1: score.metrics.f1)
                for s in short { failures.append("\(score.rule): \(s)") }
                if !short.isEmpty { failingRules.insert(score.rule) }
            }
        }
        for id in perRule.keys.sorted() where !e.scores.contains(where: { $0.rule == id }) {
            notes.append("\(id): has a threshold but is not scored (not in the gold or not loaded)")
        }
        guard let baseline else { return }
        for score in e.scores {
            guard let old = baseline.rules[score.rule] else {
                notes.append("\(score.rule): new, F1 \(fmt(score.metrics.f1))")
                continue
            }
            let f1 = score.metrics.f1
            if f1 < old.f1 - 1e-9 {
                failures.append("\(score.rule): F1 dropped from \(fmt(old.f1)) to \(fmt(f1))")
                failingRules.insert(score.rule)
            } else if f1 > old.f1 + 1e-9 {
                notes.append("\(score.rule): F1 improved from \(fmt(old.f1)) to \(fmt(f1))")
            }
        }
        for id in baseline.rules.keys.sorted() where !e.scores.contains(where: { $0.rule == id }) {
            notes.append("\(id): in the baseline but no longer scored")
        }
    }
}

extension GateVerdict {
    /// Adds the coverage gates of `--require`: each required rule not addressed by some State
    /// with text fails, naming those States.
    public mutating func require(_ rules: [String], in matrix: CoverageMatrix) {
        for (rule, missing) in CoverageGate.missing(matrix, require: rules) where !missing.isEmpty {
            failures.append("\(rule): required of every State with text; not addressed by \(missing.joined(separator: ", "))")
            failingRules.insert(rule)
        }
    }
}

/// Coverage gates: every State recorded with text must address each required rule.
public enum CoverageGate {
    /// For each required rule, the States with text that did not address it (empty lists pass).
    public static func missing(_ matrix: CoverageMatrix, require: [String]) -> [(rule: String, missing: [String])] {
        require.map { rule in
            guard let i = matrix.ruleIDs.firstIndex(of: rule) else { return (rule, []) }
            let missing = matrix.rows.filter { $0.kind == .state && $0.statements > 0 && $0.cells[i] != .yes }.map(\.delegation)
            return (rule, missing)
        }
    }
}

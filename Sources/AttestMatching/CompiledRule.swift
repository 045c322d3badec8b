import AttestRules
import AttestText

/// A rule ready to run: phrases folded into words once, at load time.
public struct CompiledRule: Sendable {
    public let rule: Rule
    let root: Node

    indirect enum Node: Sendable {
        case phrase([String], label: String, at: String)
        case any([Node])
        case all([Node])
        case not(Node)
        case near(Node, Node, within: Int, ordered: Bool)
        case citation(Int, Int?, label: String, at: String)
    }

    public init(_ rule: Rule) {
        self.rule = rule
        root = Self.compile(rule.match)
    }

    static func compile(_ e: MatchExpression) -> Node {
        switch e {
        case .phrase(let p, let l): .phrase(WordTokenizer.tokens(p).map(\.folded), label: e.label, at: l.description)
        case .any(let xs, _): .any(xs.map(compile))
        case .all(let xs, _): .all(xs.map(compile))
        case .not(let x, _): .not(compile(x))
        case .near(let a, let b, let n, let o, _): .near(compile(a), compile(b), within: n, ordered: o)
        case .citation(let r, let y, let l): .citation(r, y, label: e.label, at: l.description)
        }
    }

    /// Every scope unit of the text where the rule matches, with its spans.
    public func matches(in analysis: TextAnalysis) -> [RuleMatch] {
        let scope: TextAnalysis.ScopeUnit = switch rule.scope {
        case .sentence: .sentence
        case .paragraph: .paragraph
        case .statement: .statement
        }
        var result: [RuleMatch] = []
        for unit in analysis.units(scope) {
            let words = analysis.wordRange(unit)
            if let hits = evaluate(root, analysis, unit: unit, words: words) {
                let spans = hits.map(\.span).sorted { ($0.start, $0.end, $0.by) < ($1.start, $1.end, $1.by) }
                result.append(RuleMatch(ruleID: rule.id, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: uniq(spans)))
            }
        }
        return result
    }

    private func uniq(_ spans: [MatchedSpan]) -> [MatchedSpan] {
        var out: [MatchedSpan] = []
        for s in spans where out.last != s { out.append(s) }
        return out
    }

    /// A hit: a span and the word range it covers (for `near`).
    struct Hit {
        var span: MatchedSpan
        var words: Range<Int>
    }

    /// The hits of `node` in one unit, or nil when it does not match there.
    func evaluate(_ node: Node, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>) -> [Hit]? {
        switch node {
        case .phrase(let phrase, let label, let at):
            guard let first = phrase.first, let starts = a.positions[first] else { return nil }
            var hits: [Hit] = []
            for s in starts where s >= words.lowerBound && s + phrase.count <= words.upperBound {
                var ok = true
                for k in 1..<phrase.count where a.words[s + k].folded != phrase[k] { ok = false; break }
                if ok {
                    hits.append(Hit(span: MatchedSpan(start: a.words[s].start, end: a.words[s + phrase.count - 1].end, by: label, at: at),
                                    words: s..<(s + phrase.count)))
                }
            }
            return hits.isEmpty ? nil : hits
        case .citation(let number, let year, let label, let at):
            let hits = a.citations.filter { c in
                c.start >= unit.lowerBound && c.end <= unit.upperBound && c.resolution == number && (year == nil || c.year == nil || c.year == year)
            }.map { c in Hit(span: MatchedSpan(start: c.start, end: c.end, by: label, at: at), words: a.wordRange(c.start..<c.end)) }
            return hits.isEmpty ? nil : hits
        case .any(let subs):
            let hits = subs.compactMap { evaluate($0, a, unit: unit, words: words) }.flatMap { $0 }
            return hits.isEmpty ? nil : hits
        case .all(let subs):
            var hits: [Hit] = []
            for s in subs {
                guard let h = evaluate(s, a, unit: unit, words: words) else { return nil }
                hits += h
            }
            return hits
        case .not(let sub):
            return evaluate(sub, a, unit: unit, words: words) == nil ? [] : nil
        case .near(let x, let y, let within, let ordered):
            guard let xs = evaluate(x, a, unit: unit, words: words), let ys = evaluate(y, a, unit: unit, words: words) else { return nil }
            var hits: [Hit] = []
            for p in xs {
                for q in ys {
                    let gap: Int
                    if q.words.lowerBound >= p.words.upperBound { gap = q.words.lowerBound - p.words.upperBound }
                    else if !ordered, p.words.lowerBound >= q.words.upperBound { gap = p.words.lowerBound - q.words.upperBound }
                    else { continue }
                    if gap <= within { hits += [p, q] }
                }
            }
            return hits.isEmpty ? nil : hits
        }
    }
}

/// Every loaded rule, compiled once per run.
public struct RuleSet: Sendable {
    public let rules: [CompiledRule]

    public init(_ rules: [Rule]) {
        self.rules = rules.map(CompiledRule.init)
    }

    /// The matches of every rule in `text`, rules in load order.
    public func matches(in text: String) -> [RuleMatch] {
        guard !text.isEmpty else { return [] }
        let analysis = TextAnalysis(text)
        return rules.flatMap { $0.matches(in: analysis) }
    }
}

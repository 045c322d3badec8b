import AttestModel
import AttestRules
import AttestText
import Foundation

/// A rule ready to run: its phrases registered in the rule set's automaton, its lemmas and
/// vocabularies expanded, its regexes compiled — all once, at load time.
///
/// A class, immutable (every property a `let`): the rule set evaluates a rule where it is, while
/// a struct of 328 bytes was copied out of the set's array for each evaluation, a retain and a
/// release of each of its arrays (2.8 % of the shipped pack's instructions).
public final class CompiledRule: @unchecked Sendable {
    public let rule: Rule
    let root: Node
    let unless: Node?
    /// What must be seen in a text before the rule is worth evaluating; nil means always evaluate.
    let trigger: Trigger?
    /// `root` and `unless` as the matcher walks them.
    let program: RuleProgram

    /// A node of the compiled expression. Every node keeps the label and place of what the author wrote.
    indirect enum Node {
        case phrase(Int32, Label)
        case any([Node], Label)
        case all([Node], Label)
        case not(Node, Label)
        case near(Node, Node, within: Int, ordered: Bool, Label)
        case citation(Int, Int?, Label)
        case symbol(String, Label)
        /// A regex by its slot in the rule set's `RegexScan`.
        case regex(Int32, Label)

        var label: Label {
            switch self {
            case .phrase(_, let l), .any(_, let l), .all(_, let l), .not(_, let l), .citation(_, _, let l), .symbol(_, let l), .regex(_, let l): l
            case .near(_, _, _, _, let l): l
            }
        }

        var children: [Node] {
            switch self {
            case .any(let xs, _), .all(let xs, _): xs
            case .not(let x, _): [x]
            case .near(let a, let b, _, _, _): [a, b]
            case .phrase, .citation, .symbol, .regex: []
            }
        }
    }

    struct Label {
        var text: String
        var at: String
        /// Its index in the rule's `labels`.
        var index: Int32 = -1
    }

    /// The label of every node of the rule's expressions (match, then unless), by index.
    let labels: [Label]

    /// Literal evidence a rule needs: any of these phrases, or a citation, or a symbol, or a
    /// match of one of these regexes (by slot).
    struct Trigger {
        var phrases: Set<Int32> = []
        var citations = false
        var symbols = false
        var regexes: Set<Int32> = []
        /// `phrases` as bits, set by `sealed()`.
        private(set) var phraseBits = PhraseBits.empty

        /// The trigger with `phraseBits` set from `phrases`.
        func sealed() -> Trigger {
            var t = self
            t.phraseBits = PhraseBits(Array(phrases))
            return t
        }

        /// Adds `o`'s literals in place (a new set per part made a choice of n phrases cost n²/2:
        /// a vocabulary of 50,000 terms took minutes to compile).
        mutating func formUnion(_ o: Trigger) {
            phrases.formUnion(o.phrases)
            citations = citations || o.citations
            symbols = symbols || o.symbols
            regexes.formUnion(o.regexes)
        }

        func isSatisfied(by a: TextAnalysis) -> Bool {
            if citations && !a.citations.isEmpty { return true }
            if symbols && !a.symbols.isEmpty { return true }
            if a.hasAnyPhrase(of: phraseBits) { return true }
            for r in regexes where !a.regexHits(r).isEmpty { return true }
            return false
        }

        /// UTF-8 offsets where the trigger's literals occur, unsorted.
        func offsets(in a: TextAnalysis) -> [Int] {
            var out: [Int] = []
            // (room for most texts at once: grown from empty, it was reallocated twice a call)
            out.reserveCapacity(32)
            for p in a.presentPhrases(of: phraseBits) { for r in a.phraseHits(p) { out.append(a.wordStarts[r.lowerBound]) } }
            if citations { out += a.citations.map(\.start) }
            if symbols { out += a.symbols.map(\.start) }
            for r in regexes { out += a.regexHits(r).map(\.lowerBound) }
            return out
        }
    }

    /// Compiles `rule`, adding its phrases to `automaton` and its regexes to `regexes`.
    init(_ rule: Rule, automaton: inout PhraseAutomaton, regexes: inout RegexTable) {
        self.rule = rule
        var labels: [Label] = []
        let scope = Self.scopeUnit(rule.scope, window: rule.window)
        root = Self.compile(rule.match, &automaton, &regexes, scope, &labels)
        unless = rule.unless.map { Self.compile($0, &automaton, &regexes, scope, &labels) }
        self.labels = labels
        trigger = Self.trigger(root)?.sealed()
        program = RuleProgram(match: root, unless: unless, window: rule.window)
        trimsWindows = unless == nil && !Self.hasNot(root)
    }

    static func compile(_ e: MatchExpression, _ automaton: inout PhraseAutomaton, _ regexes: inout RegexTable, _ scope: TextAnalysis.ScopeUnit,
                        _ labels: inout [Label]) -> Node {
        func compile(_ e: MatchExpression, _ automaton: inout PhraseAutomaton, _ labels: inout [Label]) -> Node {
            Self.compile(e, &automaton, &regexes, scope, &labels)
        }
        func labelled(_ text: String, _ at: String) -> Label {
            let l = Label(text: text, at: at, index: Int32(labels.count))
            labels.append(l)
            return l
        }
        let label = labelled(e.label, e.location.description)
        switch e {
        case .phrase(let p, _):
            return .phrase(automaton.add(WordTokenizer.tokens(p).map(\.folded)), label)
        case .lemma(let w, _):
            var words = WordTokenizer.tokens(w).map(\.folded)
            let head = words.removeFirst()
            let forms = Lemmas.forms(of: head).map { form in
                Node.phrase(automaton.add([form] + words), labelled("\(e.label) → \"\(([form] + words).joined(separator: " "))\"", label.at))
            }
            return .any(forms, label)
        case .any(let xs, _): return .any(xs.map { compile($0, &automaton, &labels) }, label)
        case .vocabulary(_, let terms, _): return .any(terms.map { compile($0, &automaton, &labels) }, label)
        case .all(let xs, _): return .all(xs.map { compile($0, &automaton, &labels) }, label)
        case .not(let x, _): return .not(compile(x, &automaton, &labels), label)
        case .near(let a, let b, let n, let o, _): return .near(compile(a, &automaton, &labels), compile(b, &automaton, &labels), within: n, ordered: o, label)
        case .citation(let r, let y, _): return .citation(r, y, label)
        case .symbol(let s, _): return .symbol(s.uppercased(), label)
        case .regex(let pattern, _):
            // accepted by RegexEngine when the pack was loaded; matched by the rule set's RegexScan
            return .regex(regexes.add(pattern, scope: scope), label)
        }
    }

    /// The literals without which `node` cannot match, or nil when it can match without any.
    static func trigger(_ node: Node) -> Trigger? {
        switch node {
        case .phrase(let id, _): return Trigger(phrases: [id])
        case .citation: return Trigger(citations: true)
        case .symbol: return Trigger(symbols: true)
        case .regex(let slot, _): return Trigger(regexes: [slot])
        case .not: return nil
        case .any(let xs, _):
            var t = Trigger()
            for x in xs {
                guard let c = trigger(x) else { return nil }
                t.formUnion(c)
            }
            return t
        case .all(let xs, _):
            // the first part that has one; each part is visited once (`xs.lazy.compactMap(trigger).first`
            // computed the first non-nil trigger twice, once to find it and once to read it: a
            // nested `all` cost twice its child, 2^depth in all)
            for x in xs { if let t = trigger(x) { return t } }
            return nil
        case .near(let a, let b, _, _, _): return trigger(a) ?? trigger(b)
        }
    }

    /// Every scope unit of the text where the rule matches, with its spans.
    public func matches(in analysis: TextAnalysis) -> [RuleMatch] {
        if let t = trigger, !t.isSatisfied(by: analysis) { return [] }
        if rule.window > 1 { return windowMatches(in: analysis) }
        var result: [RuleMatch] = []
        let units = analysis.units(scopeUnit)
        // only the units where a literal the rule needs occurs can match: a long text with one
        // hit costs one unit's evaluation, not one per unit
        let candidates: [Int]
        if let t = trigger {
            candidates = Self.units(holding: t.offsets(in: analysis), units)
        } else {
            candidates = Array(units.indices)
        }
        // a unit that is one of the text's sentences is evaluated with the phrases it has
        let bySentence = scopeUnit == .sentence && !analysis.sentences.isEmpty
        var hits: [Hit] = [], unlessHits: [Hit] = []
        for k in candidates {
            let unit = units[k]
            guard matches(unit, analysis, sentence: bySentence ? k : nil, hits: &hits, unlessHits: &unlessHits) else { continue }
            result.append(RuleMatch(ruleID: rule.id, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: sorted(hits)))
        }
        return result
    }

    /// Whether the rule matches in `unit`: its expression matches there (its hits then in `hits`)
    /// and its `unless`, if any, does not. `hits` and `unlessHits` are buffers that the caller
    /// passes for every unit it asks about (each evaluation's own array, grown from empty, was
    /// reallocated 74,672 times on 3,000 statements with the shipped pack). `sentence`: as for
    /// `RuleProgram.evaluate`.
    private func matches(_ unit: Range<Int>, _ analysis: TextAnalysis, sentence: Int? = nil,
                         hits: inout [Hit], unlessHits: inout [Hit]) -> Bool {
        let words = analysis.wordRange(unit)
        guard program.evaluate(unless: false, analysis, unit: unit, words: words, negation: rule.negation,
                               sentence: sentence, into: &hits) else { return false }
        return unless == nil || !program.evaluate(unless: true, analysis, unit: unit, words: words, negation: .allow,
                                                  sentence: sentence, into: &unlessHits)
    }

    /// The indices of the units (ascending, each once) that hold one of `offsets`, in the array of
    /// offsets itself: `Set(offsets.compactMap { unitIndex }).sorted()` without its three arrays
    /// and set.
    static func units(holding offsets: consuming [Int], _ units: [Range<Int>]) -> [Int] {
        var found = offsets
        var n = 0
        for k in found.indices {
            if let u = TextAnalysis.unitIndex(of: found[k], in: units) {
                found[n] = u
                n += 1
            }
        }
        found.removeSubrange(n...)
        found.sort()
        // without repeats
        var kept = 0
        for k in found.indices where kept == 0 || found[k] != found[kept - 1] {
            found[kept] = found[k]
            kept += 1
        }
        found.removeSubrange(kept...)
        return found
    }

    /// A window of a rule with `window: n` that is a finding, and the finding it reports.
    public struct WindowFinding: Sendable, Equatable {
        /// The window's UTF-8 range: its first sentence to its last.
        public var window: Range<Int>
        /// The finding; its unit is the sentences of the window that hold its spans, or the whole
        /// window for a rule with `not` or `unless` (see `trimsWindows`).
        public var match: RuleMatch
    }

    /// Whether a finding of this rule's windows is trimmed to the sentences that hold its spans:
    /// true unless the rule has `unless` or a `not` anywhere in its expression, whose absence is a
    /// claim about the whole window (the window's other sentences carry meaning).
    /// (Computed once: the tree's walk took 9,500 instructions, asked per windowed rule and text.)
    public let trimsWindows: Bool

    static func hasNot(_ n: Node) -> Bool {
        if case .not = n { return true }
        return n.children.contains(where: hasNot)
    }

    /// The matches of a rule with `window: n` (n ≥ 2), in text order: see `windowFindings(in:)`.
    func windowMatches(in analysis: TextAnalysis) -> [RuleMatch] { windowFindings(in: analysis).map(\.match) }

    /// Every window of n sentences where the rule (`window: n`, n ≥ 2) matches and that is a
    /// finding, in text order. A window none of whose matched spans is new, all of them already
    /// reported by earlier windows of the rule in the paragraph, is left out. So a match inside one
    /// sentence, which each of the (up to) n windows holding that sentence sees, is reported once,
    /// by the earliest of them; a window that adds a span (a second partner in the next sentence)
    /// is reported with all its spans. A window with no spans at all (a rule made only of `not`) is
    /// reported for itself. The finding's unit is trimmed to the sentences holding its spans
    /// (`SentenceWindows.unit(_:holding:)`) when `trimsWindows`; since a finding with the same
    /// spans as an earlier one is left out, no two findings have the same unit and spans.
    public func windowFindings(in analysis: TextAnalysis) -> [WindowFinding] {
        guard rule.window > 1 else { return [] }
        if let t = trigger, !t.isSatisfied(by: analysis) { return [] }
        let windows = SentenceWindows(rule.window, text: analysis.text, sentences: analysis.sentences)
        let candidates = trigger.map { windows.windows(holding: $0.offsets(in: analysis)) } ?? Array(windows.windows.indices)
        let trims = trimsWindows
        var result: [WindowFinding] = []
        // spans of windows reported so far: windows never cross a paragraph, so equal spans are
        // in the same paragraph
        var reported = Set<MatchedSpan>()
        var hits: [Hit] = [], unlessHits: [Hit] = []
        for k in candidates {
            let unit = windows.unit(k)
            guard matches(unit, analysis, hits: &hits, unlessHits: &unlessHits) else { continue }
            let spans = sorted(hits)
            if !spans.isEmpty, spans.allSatisfy({ reported.contains($0) }) { continue }
            reported.formUnion(spans)
            let reportedUnit = trims ? windows.unit(k, holding: spans) : unit
            result.append(WindowFinding(window: unit, match: RuleMatch(ruleID: rule.id, unitStart: reportedUnit.lowerBound,
                                                                       unitEnd: reportedUnit.upperBound, spans: spans)))
        }
        return result
    }

    var scopeUnit: TextAnalysis.ScopeUnit { Self.scopeUnit(rule.scope, window: rule.window) }

    static func scopeUnit(_ scope: Rule.Scope, window: Int = 1) -> TextAnalysis.ScopeUnit {
        switch scope {
        case .sentence: window > 1 ? .window(window) : .sentence
        case .paragraph: .paragraph
        case .statement: .statement
        }
    }

    /// The spans of `hits`, sorted and without repeats, each with its label's text and place.
    func sorted(_ hits: [Hit]) -> [MatchedSpan] { Self.sorted(hits, labels: labels) }

    static func sorted(_ hits: [Hit], labels: [Label]) -> [MatchedSpan] {
        sorted(hits.map { h in
            let l = labels[Int(h.label)]
            return MatchedSpan(start: h.start, end: h.end, by: l.text, at: l.at, label: l.index)
        })
    }

    static func sorted(_ spans: [MatchedSpan]) -> [MatchedSpan] {
        var out: [MatchedSpan] = []
        for s in spans.sorted(by: { ($0.start, $0.end, $0.by) < ($1.start, $1.end, $1.by) }) where out.last != s {
            out.append(s)
        }
        return out
    }

    /// A hit: its span's offsets and label (an index in the rule's `labels`), and the word range
    /// it covers (for `near`). Plain values: hits are copied from array to array as they go up the
    /// expression, and a span with its label's two strings retained and released them each time.
    struct Hit {
        var start: Int
        var end: Int
        var label: Int32
        var words: Range<Int>
    }

    /// The hits of `near`: every hit of `xs` with a hit of `ys` at most `within` words after it
    /// (or before it, unless `ordered`), and those hits of `ys`; each hit once, in the order of its
    /// first pairing (`xs` in order, and for each its partners in the order of `ys`).
    ///
    /// The partners of a hit are found by binary search among the hits of `ys` sorted by where
    /// they start (and, for those before it, by where they end), so the work is the number of
    /// pairs within reach plus a logarithm per hit — not `xs.count × ys.count`, which made one
    /// long unit with many hits of both sides quadratic (80,000 of each: 6.4 billion pairs).
    static func near(_ xs: [Hit], _ ys: [Hit], within: Int, ordered: Bool) -> [Hit] {
        // indices of ys by first word, and by end, each then by index
        let byStart = ys.indices.sorted { (ys[$0].words.lowerBound, $0) < (ys[$1].words.lowerBound, $1) }
        let byEnd = ordered ? [] : ys.indices.sorted { (ys[$0].words.upperBound, $0) < (ys[$1].words.upperBound, $1) }
        /// The first position in `order` whose key is at least `value`.
        func first(_ order: [Int], _ key: (Hit) -> Int, atLeast value: Int) -> Int {
            var lo = 0, hi = order.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if key(ys[order[mid]]) < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var usedX = [Bool](repeating: false, count: xs.count), usedY = [Bool](repeating: false, count: ys.count)
        var hits: [Hit] = []
        var partners: [Int] = []
        for (i, p) in xs.enumerated() {
            partners.removeAll(keepingCapacity: true)
            // after p: starting from p's end to `within` words later
            var k = first(byStart, { $0.words.lowerBound }, atLeast: p.words.upperBound)
            while k < byStart.count, ys[byStart[k]].words.lowerBound - p.words.upperBound <= within {
                partners.append(byStart[k])
                k += 1
            }
            if !ordered {
                // before p: ending from `within` words before p's start to its start (a hit that
                // starts at or after p's end was judged as after p)
                k = first(byEnd, { $0.words.upperBound }, atLeast: p.words.lowerBound - within)
                while k < byEnd.count, ys[byEnd[k]].words.upperBound <= p.words.lowerBound {
                    if ys[byEnd[k]].words.lowerBound < p.words.upperBound { partners.append(byEnd[k]) }
                    k += 1
                }
            }
            guard !partners.isEmpty else { continue }
            partners.sort()
            if !usedX[i] {
                usedX[i] = true
                hits.append(p)
            }
            for j in partners where !usedY[j] {
                usedY[j] = true
                hits.append(ys[j])
            }
        }
        return hits
    }
}

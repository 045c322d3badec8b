import AttestModel
import AttestRules

/// A rule's expressions (match, then unless) as a flat program of plain values, for evaluating
/// them on the units of a text.
///
/// The tree of `CompiledRule.Node` is an indirect enum: every node a reference-counted box, every
/// list of parts an array. Walking it retained and released a box or an array at each node, and
/// the rule set is shared by the threads that match, so those were atomic operations on the same
/// cache lines from both cores (a fifth of the time with the shipped pack). The program holds
/// the same expressions as indices into arrays of values without references, walked through
/// pointers: a node costs a few loads. It is the one evaluation of rules' expressions (matching,
/// `explain`); the tests compare it with a walk of the tree.
struct RuleProgram: Sendable {
    enum Kind: UInt8 { case phrase, any, all, not, near, citation, symbol, regex }

    /// One node; `a` and `b` by kind: a phrase's id; a regex's slot; a citation's index in
    /// `citations`; a symbol's index in `symbols`; the first of a list's parts in `parts` and
    /// their number (any, all); the one part in `parts` (not); the two parts in `parts` (near).
    struct Op: Sendable {
        var kind: Kind
        var ordered = false
        /// The node's label: its index in the rule's labels.
        var label: Int32
        var a: Int32 = 0
        var b: Int32 = 0
        var within: Int32 = 0
        /// For an `any`: its phrases' bits in `bits` (`bitsCount` words from `bitsStart`, the first
        /// standing for phrases from 64 × `bitsFirst`), and whether some part is not a phrase.
        var bitsStart: Int32 = 0
        var bitsCount: Int32 = 0
        var bitsFirst: Int32 = 0
        var hasOthers = false
    }

    private(set) var ops: [Op] = []
    private(set) var parts: [Int32] = []
    /// For each entry of `parts`, the part's phrase id when it is a phrase, else -1: a choice's
    /// loop reads its parts' phrases in sequence, not each part's node.
    private(set) var partPhrases: [Int32] = []
    private(set) var bits: [UInt64] = []
    private(set) var symbols: [String] = []
    private(set) var citations: [(number: Int, year: Int?)] = []
    /// The entries of the match expression and of `unless` (-1: none). The nodes are numbered in
    /// the tree's order (a node, then each of its parts in turn).
    private(set) var match: Int32 = -1
    private(set) var unless: Int32 = -1
    /// The rule's `window` (a regex's matches in a window of several sentences are the window's own).
    let window: Int

    init(match: CompiledRule.Node, unless: CompiledRule.Node?, window: Int) {
        self.window = window
        self.match = add(match)
        self.unless = unless.map { add($0) } ?? -1
    }

    private mutating func add(_ node: CompiledRule.Node) -> Int32 {
        let index = Int32(ops.count)
        ops.append(Op(kind: .phrase, label: node.label.index))
        var op = ops[Int(index)]
        switch node {
        case .phrase(let id, _):
            op.a = id
        case .regex(let slot, _):
            op.kind = .regex
            op.a = slot
        case .citation(let number, let year, _):
            op.kind = .citation
            op.a = Int32(citations.count)
            citations.append((number, year))
        case .symbol(let symbol, _):
            op.kind = .symbol
            op.a = Int32(symbols.count)
            symbols.append(symbol)
        case .any(let xs, _):
            op.kind = .any
            op.a = addParts(xs)
            op.b = Int32(xs.count)
            let ids = partPhrases[Int(op.a)..<Int(op.a + op.b)]
            let phrases = PhraseBits(ids.filter { $0 >= 0 })
            op.bitsStart = Int32(bits.count)
            op.bitsCount = Int32(phrases.words.count)
            op.bitsFirst = Int32(phrases.first)
            op.hasOthers = ids.contains(-1)
            bits += phrases.words
        case .all(let xs, _):
            op.kind = .all
            op.a = addParts(xs)
            op.b = Int32(xs.count)
        case .not(let x, _):
            op.kind = .not
            op.a = addParts([x])
            op.b = 1
        case .near(let x, let y, let within, let ordered, _):
            op.kind = .near
            op.a = addParts([x, y])
            op.b = 2
            op.within = Int32(clamping: within)
            op.ordered = ordered
        }
        ops[Int(index)] = op
        return index
    }

    /// Adds the parts (their nodes after the others), and returns where their indices start in `parts`.
    private mutating func addParts(_ nodes: [CompiledRule.Node]) -> Int32 {
        let start = parts.count
        parts.append(contentsOf: repeatElement(-1, count: nodes.count))
        partPhrases.append(contentsOf: repeatElement(-1, count: nodes.count))
        for (k, n) in nodes.enumerated() {
            parts[start + k] = add(n)
            if case .phrase(let id, _) = n { partPhrases[start + k] = id }
        }
        return Int32(start)
    }

    /// Whether the match expression (`unless` true: `unless`; false when there is none) matches
    /// in one unit, with its hits in `out` (emptied first, its capacity kept: a rule asked about
    /// unit after unit reuses one buffer).
    ///
    /// `sentence`: the unit's index among the text's sentences when the unit is that sentence, for
    /// the phrases that have a hit in it (`TextAnalysis.withSentencePhrases`).
    func evaluate(unless: Bool, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>, negation: Rule.Negation,
                  sentence: Int? = nil, into out: inout [CompiledRule.Hit]) -> Bool {
        out.removeAll(keepingCapacity: true)
        let entry = unless ? self.unless : match
        guard entry >= 0 else { return false }
        return evaluate(entry, a, unit: unit, words: words, negation: negation, sentence: sentence, into: &out)
    }

    /// The hits of node `node` in one unit, or nil when it does not match there (`explain`, tests).
    func evaluate(_ node: Int32, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>, negation: Rule.Negation) -> [CompiledRule.Hit]? {
        var out: [CompiledRule.Hit] = []
        return evaluate(node, a, unit: unit, words: words, negation: negation, into: &out) ? out : nil
    }

    /// `evaluate(_:…)` appending to `out`: whether node `node` matches in the unit (its hits then
    /// appended; `out` as it was when it does not).
    func evaluate(_ node: Int32, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>, negation: Rule.Negation,
                  sentence: Int? = nil, into out: inout [CompiledRule.Hit]) -> Bool {
        ops.withUnsafeBufferPointer { ops in
            parts.withUnsafeBufferPointer { parts in
                partPhrases.withUnsafeBufferPointer { partPhrases in
                    bits.withUnsafeBufferPointer { bits in
                        func walk(_ unitPhrases: (first: Int, bits: UnsafeBufferPointer<UInt64>)?) -> Bool {
                            let walk = Walk(ops: ops, parts: parts, partPhrases: partPhrases, bits: bits, unitPhrases: unitPhrases,
                                            unit: unit, words: words, negation: negation)
                            return walk.evaluate(node, a, self, &out)
                        }
                        return a.withSentencePhrases(sentence) { ids in
                            guard let ids else { return walk(nil) }
                            // the sentence's phrases (ascending) as bits, for the walk's questions:
                            // a few words, on the stack
                            let first = ids.first.map { Int($0) >> 6 } ?? 0, last = ids.last.map { Int($0) >> 6 } ?? -1
                            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: last - first + 1) { unitBits in
                                unitBits.initialize(repeating: 0)
                                for id in ids { unitBits[(Int(id) >> 6) - first] |= 1 << (UInt64(id) & 63) }
                                return walk((first, UnsafeBufferPointer(unitBits)))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Node `node`'s label (its index in the rule's labels) and parts, in order.
    func node(_ node: Int32) -> (label: Int32, parts: [Int32]) {
        let op = ops[Int(node)]
        switch op.kind {
        case .any, .all, .not, .near: return (op.label, Array(parts[Int(op.a)..<Int(op.a + op.b)]))
        case .phrase, .citation, .symbol, .regex: return (op.label, [])
        }
    }

    /// One evaluation: the program's arrays through pointers, the unit (plain values only: the
    /// text's analysis and the program are passed along, borrowed, not held).
    private struct Walk {
        /// `out` cut back to its first `count` hits, one by one from the end (hits hold no
        /// references): `removeSubrange` went through the generic replacement of a range, about
        /// 285 instructions a call, for the one or two hits a failing part leaves.
        @inline(__always) static func truncate(_ out: inout [CompiledRule.Hit], to count: Int) {
            while out.count > count { out.removeLast() }
        }

        let ops: UnsafeBufferPointer<Op>
        let parts: UnsafeBufferPointer<Int32>
        let partPhrases: UnsafeBufferPointer<Int32>
        let bits: UnsafeBufferPointer<UInt64>
        /// The phrases with a hit in the unit when it is a sentence (bits, the first word standing
        /// for phrases from 64 × `first`); nil: those of the whole text are asked.
        let unitPhrases: (first: Int, bits: UnsafeBufferPointer<UInt64>)?
        let unit: Range<Int>
        let words: Range<Int>
        let negation: Rule.Negation

        /// Whether phrase `id` may have a hit in the unit.
        @inline(__always)
        func mayHave(_ a: TextAnalysis, _ id: Int32) -> Bool {
            guard let unit = unitPhrases else { return a.hasPhrase(id) }
            return PhraseBits.contains(id, first: unit.first, unit.bits)
        }

        /// Appends node `i`'s hits to `out` and tells whether it matches; when it does not, `out`
        /// is as it was. (One buffer for the whole evaluation: each node's own array, made, copied
        /// into its parent's and freed, was most of what the walk allocated.) A node may match
        /// with no hits of its own: a `not`, an `all` of `not`s.
        func evaluate(_ i: Int32, _ a: TextAnalysis, _ program: RuleProgram, _ out: inout [CompiledRule.Hit]) -> Bool {
            let op = ops[Int(i)]
            let start = out.count
            switch op.kind {
            case .phrase:
                guard mayHave(a, op.a) else { return false }
                for r in TextAnalysis.slice(a.phraseHits(op.a), startingIn: words)
                where r.upperBound <= words.upperBound && (negation == .allow || !a.isNegated(word: r.lowerBound)) {
                    out.append(CompiledRule.Hit(start: a.wordStarts[r.lowerBound], end: a.wordEnds[r.upperBound - 1], label: op.label, words: r))
                }
                return out.count > start
            case .any:
                let choice = UnsafeBufferPointer(rebasing: bits[Int(op.bitsStart)..<Int(op.bitsStart + op.bitsCount)])
                if !op.hasOthers {
                    let some = unitPhrases.map { PhraseBits.intersect(first: Int(op.bitsFirst), choice, first: $0.first, $0.bits) }
                        ?? a.hasAnyPhrase(first: Int(op.bitsFirst), choice)
                    guard some else { return false }
                }
                for k in Int(op.a)..<Int(op.a + op.b) {
                    // a choice's phrases are mostly absent from the unit: not even a call for them
                    let phrase = partPhrases[k]
                    if phrase >= 0, !mayHave(a, phrase) { continue }
                    _ = evaluate(parts[k], a, program, &out)
                }
                // a choice matches with hits: its parts that match with none (a `not`) add nothing
                return out.count > start
            case .all:
                for k in Int(op.a)..<Int(op.a + op.b) where !evaluate(parts[k], a, program, &out) {
                    Self.truncate(&out, to: start)
                    return false
                }
                return true
            case .not:
                let matched = evaluate(parts[Int(op.a)], a, program, &out)
                Self.truncate(&out, to: start)
                return !matched
            case .near:
                guard evaluate(parts[Int(op.a)], a, program, &out) else { return false }
                let middle = out.count
                guard evaluate(parts[Int(op.a) + 1], a, program, &out) else {
                    Self.truncate(&out, to: start)
                    return false
                }
                let hits = CompiledRule.near(Array(out[start..<middle]), Array(out[middle...]), within: Int(op.within), ordered: op.ordered)
                Self.truncate(&out, to: start)
                out += hits
                return !hits.isEmpty
            case .citation:
                let (number, year) = program.citations[Int(op.a)]
                // a negation is looked for in front of "resolution", not in front of the number
                for k in TextAnalysis.indices(starting: a.citationStarts, in: unit) {
                    let c = a.citations[k]
                    guard c.start >= unit.lowerBound, c.end <= unit.upperBound, c.resolution == number, year == nil || c.year == nil || c.year == year,
                          negation == .allow || !a.isNegated(word: a.wordRange(a.citationLeads[k]..<c.end).lowerBound) else { continue }
                    out.append(CompiledRule.Hit(start: c.start, end: c.end, label: op.label, words: a.wordRange(c.start..<c.end)))
                }
                return out.count > start
            case .symbol:
                let symbol = program.symbols[Int(op.a)]
                for s in a.symbols[TextAnalysis.indices(starting: a.symbolStarts, in: unit)] where s.end <= unit.upperBound && s.symbol == symbol {
                    let hit = CompiledRule.Hit(start: s.start, end: s.end, label: op.label, words: a.wordRange(s.start..<s.end))
                    if negation == .allow || !a.isNegated(word: hit.words.lowerBound) { out.append(hit) }
                }
                return out.count > start
            case .regex:
                let found: ArraySlice<Range<Int>>
                if program.window > 1 {
                    // a window's matches are its own: windows overlap, and `^`, `$`, `\b` see the
                    // window's ends. Every window was scanned with the text, and its matches are
                    // among the text's: RE2 runs on a window only when one of those lies inside it.
                    let inside = TextAnalysis.slice(a.regexHits(op.a)[...], startingIn: unit).contains { $0.upperBound <= unit.upperBound }
                    found = inside ? a.regexHits(op.a, in: unit)[...] : []
                } else {
                    found = TextAnalysis.slice(a.regexHits(op.a)[...], startingIn: unit)
                }
                for r in found {
                    let hit = CompiledRule.Hit(start: r.lowerBound, end: r.upperBound, label: op.label, words: a.wordRange(r))
                    if negation == .allow || !a.isNegated(word: hit.words.lowerBound) { out.append(hit) }
                }
                return out.count > start
            }
        }
    }
}

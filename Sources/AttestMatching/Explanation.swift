import AttestModel
import AttestRules

/// Why a rule did or did not match one scope unit: the expression tree with what each node found.
public struct Explanation: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var label: String
        public var at: String
        public var matched: Bool
        /// Spans this node contributed (leaves) or passed up (inner nodes).
        public var spans: [MatchedSpan]
        public var children: [Node]
    }

    public var ruleID: String
    /// UTF-8 offsets of the unit in the text.
    public var unitStart: Int
    public var unitEnd: Int
    public var matched: Bool
    public var tree: Node
    public var unless: Node?
}

extension CompiledRule {
    /// The expression tree evaluated on every scope unit of the text.
    public func explain(_ analysis: TextAnalysis) -> [Explanation] {
        analysis.units(scopeUnit).map { unit in
            let words = analysis.wordRange(unit)
            let tree = explainNode(program.match, analysis, unit: unit, words: words, negation: rule.negation)
            let unlessTree = unless == nil ? nil : explainNode(program.unless, analysis, unit: unit, words: words, negation: .allow)
            return Explanation(ruleID: rule.id, unitStart: unit.lowerBound, unitEnd: unit.upperBound,
                               matched: tree.matched && !(unlessTree?.matched ?? false), tree: tree, unless: unlessTree)
        }
    }

    func explainNode(_ node: Int32, _ a: TextAnalysis, unit: Range<Int>, words: Range<Int>, negation: Rule.Negation) -> Explanation.Node {
        let hits = program.evaluate(node, a, unit: unit, words: words, negation: negation)
        let (label, parts) = program.node(node)
        let children = parts.map { explainNode($0, a, unit: unit, words: words, negation: negation) }
        return Explanation.Node(label: labels[Int(label)].text, at: labels[Int(label)].at, matched: hits != nil,
                                spans: sorted(hits ?? []), children: children)
    }
}

import AttestMatching
import AttestModel
import AttestRules

/// `attest explain` as a library call: for each statement, every sentence where any part of a
/// rule found something, with the rule's expression tree (✓ matched, · did not) and the words
/// each part found. With one statement chosen, every sentence is shown.
public struct ExplanationRenderer: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// The text for `rule` over `statements` (only statement `only` when given), or nil when the
    /// pack has no such rule.
    public func render(rule id: String, statements: [Statement], only: Int? = nil) -> String? {
        guard let compiled = ruleSet.rules.first(where: { $0.rule.id == id }) else { return nil }
        var out = "rule \(compiled.rule.id): \(compiled.rule.title) (\(compiled.rule.location))\n"
        let window = compiled.rule.window
        if window > 1 {
            out += "unit: a window of \(window) consecutive sentences of one paragraph (window: \(window)); a window whose spans an earlier one reported is not a finding of its own\n"
            out += compiled.trimsWindows
                ? "reports: the sentences of the window that hold its spans\n"
                : "reports: the whole window (the rule has 'not' or 'unless', a claim about the whole window)\n"
        }
        var matchedStatements = 0
        for s in statements where only == nil || s.index == only {
            let applies = compiled.rule.applies(to: s.kind)
            let analysis = s.text.isEmpty ? nil : ruleSet.analyse(s.text)
            let explanations = analysis.map { compiled.explain($0) } ?? []
            // windows overlap: the windows that are findings, to tell the others apart, with the unit each reports
            var findings: [Int: RuleMatch] = [:]
            if window > 1, applies, let analysis {
                for f in compiled.windowFindings(in: analysis) { findings[f.window.lowerBound] = f.match }
            }
            let shown = only != nil ? explanations : explanations.filter { Self.foundAnything($0.tree) }
            if explanations.contains(where: \.matched) && applies { matchedStatements += 1 }
            guard !shown.isEmpty || only != nil else { continue }
            let who = [s.speaker, s.delegation.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            // the statement's date (of the meeting or the press release) when known: what a claim is judged against
            let date = s.date.map { ", \($0)" } ?? ""
            out += "\n\(s.document) #\(s.index) line \(s.line)\(date): \(who.isEmpty ? "—" : who) [\(s.kind.rawValue)]\n"
            if !applies { out += "  rule does not apply: speakers \(compiled.rule.speakers.map(\.rawValue).joined(separator: ", "))\n" }
            if s.text.isEmpty { out += "  no text\n" }
            let bytes = Array(s.text.utf8)
            for e in shown {
                let sentence = String(decoding: bytes[e.unitStart..<e.unitEnd], as: UTF8.self)
                var verdict = e.matched && applies ? "MATCH" : "no match"
                if window > 1, e.matched, applies, findings[e.unitStart] == nil { verdict += " (spans already reported by an earlier window)" }
                out += "  \(verdict) [\(e.unitStart)–\(e.unitEnd)] \(sentence)\n"
                if let f = findings[e.unitStart], e.matched {
                    out += "    reports [\(f.unitStart)–\(f.unitEnd)] \(String(decoding: bytes[f.unitStart..<f.unitEnd], as: UTF8.self))\n"
                }
                Self.render(e.tree, depth: 2, bytes: bytes, into: &out)
                if let u = e.unless {
                    out += "    unless:\n"
                    Self.render(u, depth: 3, bytes: bytes, into: &out)
                }
            }
        }
        out += "\n\(matchedStatements) statement\(matchedStatements == 1 ? "" : "s") matched\n"
        return out
    }

    static func foundAnything(_ n: Explanation.Node) -> Bool {
        (n.children.isEmpty && n.matched) || n.children.contains(where: foundAnything)
    }

    /// One line per node; long lists of alternatives (lemma forms, vocabularies) show only what matched.
    static func render(_ n: Explanation.Node, depth: Int, bytes: [UInt8], into out: inout String) {
        let pad = String(repeating: "  ", count: depth)
        var line = "\(pad)\(n.matched ? "✓" : "·") \(n.label)  [\(n.at)]"
        if n.children.isEmpty && !n.spans.isEmpty {
            line += " → " + n.spans.map { "\"\(String(decoding: bytes[$0.start..<$0.end], as: UTF8.self))\" [\($0.start)–\($0.end)]" }.joined(separator: ", ")
        }
        out += line + "\n"
        let children = n.children.count > 6 ? n.children.filter(foundAnything) : n.children
        for c in children { render(c, depth: depth + 1, bytes: bytes, into: &out) }
        if children.count < n.children.count {
            out += "\(pad)  … \(n.children.count - children.count) more alternatives found nothing\n"
        }
    }
}

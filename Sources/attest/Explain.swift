import ArgumentParser
import AttestCorpus
import AttestMatching
import AttestRules

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show why a rule matched (or did not match) the statements of a document.",
        discussion: """
            For each statement (or only statement N), prints each sentence where any part of the rule \
            found something, with the rule's expression tree: ✓ for a part that matched, · for one \
            that did not, and the words each part found. With --statement, every sentence is shown.
            """)

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "The id of the rule to explain.")
    var rule: String

    @Option(help: "Only this statement (its 0-based index in the document).")
    var statement: Int?

    @Argument(help: "The document to read.")
    var file: String

    @Option(help: "Read the file as this format instead of detecting it.")
    var input: DocumentFormat?

    func run() throws {
        let outcome = try ruleOptions.load()
        let ruleSet = RuleSet(outcome.rules)
        guard let compiled = ruleSet.rules.first(where: { $0.rule.id == rule }) else {
            let known = outcome.rules.map(\.id).sorted().joined(separator: ", ")
            Console.error("attest: no rule '\(rule)' in \(ruleOptions.rules); rules: \(known)")
            throw ExitStatus.failure
        }
        let loaded = CorpusLoader(format: input).load(file)
        let statements: [Statement]
        switch loaded.result {
        case .failure(let e):
            Console.error("attest: \(e)")
            throw ExitStatus.failure
        case .success(let r):
            statements = r.statements
        }
        if let n = statement, !statements.indices.contains(n) {
            Console.error("attest: \(file) has \(statements.count) statements (0–\(statements.count - 1)); no statement \(n)")
            throw ExitStatus.failure
        }
        var out = "rule \(compiled.rule.id): \(compiled.rule.title) (\(compiled.rule.location))\n"
        var matchedStatements = 0
        for s in statements where statement == nil || s.index == statement {
            let applies = compiled.rule.speakers.isEmpty || compiled.rule.speakers.contains(s.kind.rawValue)
            let explanations = s.text.isEmpty ? [] : compiled.explain(ruleSet.analyse(s.text))
            let shown = statement != nil ? explanations : explanations.filter { Self.foundAnything($0.tree) }
            if explanations.contains(where: \.matched) && applies { matchedStatements += 1 }
            guard !shown.isEmpty || statement != nil else { continue }
            let who = [s.speaker, s.delegation.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            out += "\n\(s.document) #\(s.index) line \(s.line): \(who.isEmpty ? "—" : who) [\(s.kind.rawValue)]\n"
            if !applies { out += "  rule does not apply: speakers \(compiled.rule.speakers.joined(separator: ", "))\n" }
            if s.text.isEmpty { out += "  no text\n" }
            let bytes = Array(s.text.utf8)
            for e in shown {
                let sentence = String(decoding: bytes[e.unitStart..<e.unitEnd], as: UTF8.self)
                out += "  \(e.matched && applies ? "MATCH" : "no match") [\(e.unitStart)–\(e.unitEnd)] \(sentence)\n"
                render(e.tree, depth: 2, bytes: bytes, into: &out)
                if let u = e.unless {
                    out += "    unless:\n"
                    render(u, depth: 3, bytes: bytes, into: &out)
                }
            }
        }
        out += "\n\(matchedStatements) statement\(matchedStatements == 1 ? "" : "s") matched\n"
        Console.out(out)
    }

    static func foundAnything(_ n: Explanation.Node) -> Bool {
        (n.children.isEmpty && n.matched) || n.children.contains(where: foundAnything)
    }

    /// One line per node; long lists of alternatives (lemma forms, vocabularies) show only what matched.
    func render(_ n: Explanation.Node, depth: Int, bytes: [UInt8], into out: inout String) {
        let pad = String(repeating: "  ", count: depth)
        var line = "\(pad)\(n.matched ? "✓" : "·") \(n.label)  [\(n.at)]"
        if n.children.isEmpty && !n.spans.isEmpty {
            line += " → " + n.spans.map { "\"\(String(decoding: bytes[$0.start..<$0.end], as: UTF8.self))\" [\($0.start)–\($0.end)]" }.joined(separator: ", ")
        }
        out += line + "\n"
        let children = n.children.count > 6 ? n.children.filter(Self.foundAnything) : n.children
        for c in children { render(c, depth: depth + 1, bytes: bytes, into: &out) }
        if children.count < n.children.count {
            out += "\(pad)  … \(n.children.count - children.count) more alternatives found nothing\n"
        }
    }
}

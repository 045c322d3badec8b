import ArgumentParser
import AttestCorpus
import AttestAudit
import AttestMatching
import AttestModel
import AttestRules

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show why a rule matched (or did not match) the statements of a document.",
        discussion: """
            For each statement (or only statement N), prints each sentence where any part of the rule \
            found something, with the rule's expression tree: ✓ for a part that matched, · for one \
            that did not, and the words each part found. With --statement, every sentence is shown. \
            A rule with `window: N` is shown window by window (N sentences of one paragraph).
            """)

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "The id of the rule to explain.")
    var rule: String

    @Option(help: "Only this statement (its 0-based index in the document).")
    var statement: Int?

    @Argument(help: "The documents to read.")
    var files: [String]

    @Option(help: "Read the file as this format instead of detecting it.")
    var input: DocumentFormat?

    func run() throws {
        let outcome = try ruleOptions.load()
        let renderer = ExplanationRenderer(ruleSet: RuleSet(outcome.rules))
        var statements: [Statement] = []
        for file in files {
            switch CorpusLoader(format: input).load(file).result {
            case .failure(let e):
                Console.error("attest: \(e)")
                throw ExitStatus.failure
            case .success(let r):
                statements += r.statements
            }
        }
        if let n = statement, files.count == 1, !statements.indices.contains(n) {
            Console.error("attest: \(files[0]) has \(statements.count) statements (0–\(statements.count - 1)); no statement \(n)")
            throw ExitStatus.failure
        }
        guard let text = renderer.render(rule: rule, statements: statements, only: statement) else {
            let known = outcome.rules.map(\.id).sorted().joined(separator: ", ")
            Console.error("attest: no rule '\(rule)' in \(ruleOptions.rules); rules: \(known)")
            throw ExitStatus.failure
        }
        Console.out(text)
    }
}

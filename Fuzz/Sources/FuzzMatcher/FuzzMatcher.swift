import AttestMatching
import AttestRules
import AttestText
import Foundation
import FuzzSupport

/// Input layout: `RULE-PART \0 TEXT`. Without a NUL byte the whole input is text.
///
/// The text is matched by a fixed pack (phrases, lemmas, `near`, citations, a symbol, regexes,
/// `all`/`not`, `unless`, every scope) and, when the rule part is what the loader would accept,
/// by a phrase rule, a lemma rule, a `near` rule and a regex rule made from it. Checked: every
/// span of `RuleSet.matches(in:)` and of `CompiledRule.explain` lies inside the text, on Unicode
/// scalar boundaries, inside its unit; words, sentences, citations and symbols are in bounds,
/// ordered and disjoint.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var rulePart: ArraySlice<UInt8> = []
    var textPart = bytes[...]
    if let nul = bytes.firstIndex(of: 0) {
        rulePart = ArraySlice(bytes[..<nul])
        textPart = bytes[(nul + 1)...]
    }
    let text = String(decoding: textPart, as: UTF8.self)
    Invariants.checkTextAnalysis(text)

    let extra = fuzzedRules(rulePart)
    let ruleSet = extra.isEmpty ? fixedRuleSet : RuleSet(fixedRules + extra)
    for m in ruleSet.matches(in: text) { Invariants.checkMatch(m, in: text) }
    let analysis = ruleSet.analyse(text)
    for rule in ruleSet.rules {
        for m in rule.matches(in: analysis) { Invariants.checkMatch(m, in: text) }
        for e in rule.explain(analysis) { Invariants.checkExplanation(e, in: text) }
    }
    return 0
}

let here = SourceLocation(path: "fuzz-fixed.yaml", line: 1, column: 1)

func rule(_ id: String, _ match: MatchExpression, unless: MatchExpression? = nil, scope: Rule.Scope = .sentence,
          negation: Rule.Negation = .exclude) -> Rule {
    Rule(id: id, title: id, scope: scope, match: match, unless: unless, negation: negation, location: here, pack: "fuzz")
}

func phrase(_ p: String) -> MatchExpression { .phrase(p, here) }

func regex(_ pattern: String) -> MatchExpression {
    if let problem = RegexEngine.problem(pattern) { fatalError("fixed regex /\(pattern)/ refused: \(problem)") }
    return .regex(pattern, here)
}

/// A small pack that exercises every kind of expression.
let fixedRules: [Rule] = [
    rule("phrases", .any([phrase("human rights"), phrase("international humanitarian law"), phrase("counter-terrorism"),
                          phrase("Côte d’Ivoire"), phrase("organized crime")], here)),
    rule("near-respect-rights", .near(.any([phrase("respect"), .lemma("comply with", here)], here),
                                      .any([phrase("human rights"), phrase("fundamental freedoms")], here),
                                      within: 8, ordered: false, here),
         unless: phrase("Human Rights Council")),
    rule("near-ordered", .near(phrase("terrorism"), phrase("crime"), within: 3, ordered: true, here), scope: .paragraph),
    rule("cites-2482", .citation(resolution: 2482, year: 2019, here), negation: .allow),
    rule("cites-2396", .citation(resolution: 2396, year: nil, here)),
    rule("symbol", .symbol("S/2020/754", here)),
    rule("lemma", .any([.lemma("ratify", here), .lemma("implement", here), .lemma("criminalize terrorist financing", here)], here)),
    rule("regex-words", regex("\\bterror\\w*"), scope: .statement),
    rule("regex-unicode", regex("d[’']ivoire|\\d{4}\\s*\\(\\d{4}\\)")),
    rule("all-not", .all([phrase("terrorism"), .not(phrase("peace"), here)], here), scope: .paragraph),
    rule("lone-not", .not(phrase("sovereignty"), here), scope: .statement),
]

let fixedRuleSet = RuleSet(fixedRules)

/// Rules made from the rule part, each only when the loader would accept it.
func fuzzedRules(_ part: ArraySlice<UInt8>) -> [Rule] {
    guard !part.isEmpty, let s = String(validating: part, as: UTF8.self) else { return [] }
    var rules: [Rule] = []
    // the loader's test for a phrase or a lemma: some letter or digit
    if s.contains(where: { $0.isLetter || $0.isNumber }) {
        rules.append(rule("fuzz-phrase", phrase(s)))
        rules.append(rule("fuzz-lemma", .lemma(s, here), negation: .allow))
        rules.append(rule("fuzz-near", .near(phrase(s), phrase("rights"), within: 3, ordered: false, here), scope: .paragraph))
    }
    if RegexEngine.problem(s) == nil {
        rules.append(rule("fuzz-regex", .regex(s, here)))
    }
    return rules
}

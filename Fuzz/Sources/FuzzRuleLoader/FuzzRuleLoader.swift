import AttestMatching
import AttestRules
import Foundation
import FuzzSupport

/// Text the rules of a fuzzed pack run on: words, citations, a symbol, a negation, non-ASCII.
let sampleText = """
    Ms. Waly said resolutions 2462 (2019) and 2482 (2019) call on States to respect human rights. \
    The report (S/2020/754) was not discussed. Côte d’Ivoire’s delegate urged counter‑terrorism cooperation!
    """

/// Bytes → `RuleLoader.parse`: never crash or hang, every diagnostic has a place; a pack without
/// errors is linted, compiled, run on a fixed text and explained, and its examples are run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let (pack, diagnostics) = RuleLoader().parse(bytes, path: "fuzz.yaml")
    for d in diagnostics where d.line < 1 || d.column < 1 || d.path != "fuzz.yaml" {
        fatalError("diagnostic without a place: \(d)")
    }
    guard let pack else { return 0 }
    _ = RuleLinter.warnings([pack])
    // what an audit does: only packs without errors are compiled
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    let ruleSet = RuleSet(pack.rules)
    for m in ruleSet.matches(in: sampleText) { Invariants.checkMatch(m, in: sampleText) }
    let analysis = ruleSet.analyse(sampleText)
    for rule in ruleSet.rules {
        for e in rule.explain(analysis) { Invariants.checkExplanation(e, in: sampleText) }
    }
    _ = ExampleRunner(rules: pack.rules).run()
    return 0
}

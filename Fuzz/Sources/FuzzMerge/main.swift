import AttestMatching
import AttestModel
import AttestStreaming
import Foundation
import FuzzSupport

/// Bytes → lines → `MergedRecords.add` (full and compact records of `attest match`, any numbers,
/// any nesting) → `finish`: never crash or hang; every finding's spans lie inside its sentence on
/// scalar boundaries; and merging the merged records again gives the same records (idempotence).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let rules = RuleSet(FuzzRules.rules)
    var merged = MergedRecords(rules: rules, keepingRecords: true)
    for (i, line) in lines.enumerated() { merged.add(line, source: "fuzz:\(i + 1)") }
    merged.finish(ruleOrder: FuzzRules.rules.map(\.id))
    for f in merged.findings {
        for s in f.spans {
            Invariants.checkRange(s.start..<s.end, in: f.statement.text, "merged span of \(f.ruleID)")
        }
    }
    if merged.statements.count > lines.count { fatalError("\(merged.statements.count) statements from \(lines.count) lines") }
    var again = MergedRecords(rules: rules, keepingRecords: true)
    for line in merged.records { again.add(line, source: "again") }
    if again.records != merged.records { fatalError("merging the merged records again changed them") }
    return 0
}

import AttestRules

/// The regex patterns of a rule set while its rules are compiled: each pattern with the scope
/// unit it runs on (a rule's scope), numbered in order of first use. The same pattern in rules of
/// the same scope is one slot.
struct RegexTable {
    private(set) var patterns: [(pattern: String, scope: TextAnalysis.ScopeUnit)] = []
    private var slots: [String: Int32] = [:]

    mutating func add(_ pattern: String, scope: TextAnalysis.ScopeUnit) -> Int32 {
        let key = "\(scope)\u{0}\(pattern)"
        if let s = slots[key] { return s }
        let s = Int32(patterns.count)
        patterns.append((pattern, scope))
        slots[key] = s
        return s
    }
}

/// Every regex of a rule set, compiled once into one RE2 set per scope unit (sentence,
/// paragraph, statement). For a text it runs each set once over each unit of its scope, which
/// tells the patterns that occur there, and then finds the matches of those patterns only: one
/// pass per unit for all patterns, and time linear in the text for every pattern RE2 accepts.
public final class RegexScan: Sendable {
    /// Number of slots (patterns per scope) in the rule set.
    let slotCount: Int
    /// Per scope unit used: its set and, for each pattern of the set, its slot.
    let sets: [(scope: TextAnalysis.ScopeUnit, set: RegexSet, slots: [Int32])]

    /// Nil when the table is empty. Patterns were accepted by `RegexEngine.problem` when the pack
    /// was loaded; one that RE2 still refuses leaves its set out, and matches nothing.
    init?(_ table: RegexTable) {
        guard !table.patterns.isEmpty else { return nil }
        slotCount = table.patterns.count
        var sets: [(scope: TextAnalysis.ScopeUnit, set: RegexSet, slots: [Int32])] = []
        for scope in [TextAnalysis.ScopeUnit.sentence, .paragraph, .statement] {
            let slots = table.patterns.indices.filter { table.patterns[$0].scope == scope }
            guard !slots.isEmpty else { continue }
            if let set = RegexSet(slots.map { table.patterns[$0].pattern }) {
                sets.append((scope, set, slots.map(Int32.init)))
            } else {
                // one bad pattern must not take the others with it: each on its own
                for s in slots {
                    if let one = RegexSet([table.patterns[s].pattern]) { sets.append((scope, one, [Int32(s)])) }
                }
            }
        }
        self.sets = sets
    }

    /// For each slot, the matches of its pattern in `text` (UTF-8 offsets, in text order), found
    /// in the units of the pattern's scope.
    func scan(_ text: String, units: (TextAnalysis.ScopeUnit) -> [Range<Int>]) -> [[Range<Int>]] {
        var out = [[Range<Int>]](repeating: [], count: slotCount)
        var copy = text
        copy.withUTF8 { all in
            for (scope, set, slots) in sets {
                for unit in units(scope) {
                    let bytes = UnsafeBufferPointer(rebasing: all[unit])
                    for id in set.matching(bytes) {
                        for m in set.matches(of: id, in: bytes) {
                            out[Int(slots[id])].append((m.lowerBound + unit.lowerBound)..<(m.upperBound + unit.lowerBound))
                        }
                    }
                }
            }
        }
        return out
    }
}

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
/// paragraph, statement, sentence window of each size used). For a text it runs each set once over each unit of its scope, which
/// tells the patterns that may occur there and where their last matches may end (the set's
/// automaton, `RegexSet.candidates`), and then finds RE2's matches of those patterns only, up to
/// there: one pass per unit for all patterns, and time linear in the text for every pattern RE2
/// accepts.
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
        let windows = Set(table.patterns.compactMap { p -> Int? in if case .window(let n) = p.scope { n } else { nil } }).sorted()
        for scope in [TextAnalysis.ScopeUnit.sentence, .paragraph, .statement] + windows.map({ .window($0) }) {
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
        var places = [(set: Int, id: Int)?](repeating: nil, count: slotCount)
        for (k, entry) in sets.enumerated() {
            for (id, slot) in entry.slots.enumerated() { places[Int(slot)] = (k, id) }
        }
        self.places = places
        hasWindows = sets.contains { if case .window = $0.scope { true } else { false } }
    }

    /// True when some pattern runs on sentence windows (`matches(slot:in:unit:)` is used).
    let hasWindows: Bool

    /// Per slot, its set in `sets` and its number in that set; nil when its set was left out.
    private let places: [(set: Int, id: Int)?]

    /// The matches of slot `slot` in `unit` of `text`, with the unit as the whole text.
    func matches(slot: Int32, in text: String, unit: Range<Int>) -> [Range<Int>] {
        guard Int(slot) < places.count, let place = places[Int(slot)] else { return [] }
        var copy = text
        return copy.withUTF8 { all in
            sets[place.set].set.matches(of: place.id, in: UnsafeBufferPointer(rebasing: all[unit])).map {
                ($0.lowerBound + unit.lowerBound)..<($0.upperBound + unit.lowerBound)
            }
        }
    }

    /// For each slot up to the last that matched (empty when none did: most texts), the matches
    /// of its pattern in `text` (UTF-8 offsets, in text order), found in the units of the
    /// pattern's scope.
    func scan(_ text: String, units: (TextAnalysis.ScopeUnit) -> [Range<Int>]) -> [[Range<Int>]] {
        var out: [[Range<Int>]] = []
        var copy = text
        copy.withUTF8 { all in
            for (scope, set, slots) in sets {
                for unit in units(scope) {
                    let bytes = UnsafeBufferPointer(rebasing: all[unit])
                    // the patterns that may occur in the unit, each with the first and last places
                    // where one of its matches may end (one pass), then RE2's matches of each
                    // within them
                    for (id, firstEnd, lastEnd) in set.candidates(bytes) {
                        let slot = Int(slots[id])
                        if out.count <= slot { out.append(contentsOf: repeatElement([], count: slot + 1 - out.count)) }
                        set.appendMatches(of: id, in: bytes, between: (firstEnd, lastEnd), shiftedBy: unit.lowerBound, to: &out[slot])
                    }
                }
                if case .window = scope {
                    // windows overlap: a match is found once per window that holds it
                    for slot in slots where Int(slot) < out.count {
                        out[Int(slot)].sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
                        var unique: [Range<Int>] = []
                        for r in out[Int(slot)] where unique.last != r { unique.append(r) }
                        out[Int(slot)] = unique
                    }
                }
            }
        }
        return out
    }
}

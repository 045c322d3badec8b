import AttestModel
import AttestRules
import AttestText

/// Every loaded rule, compiled once per run, sharing one phrase automaton.
///
/// A text is scanned once for every phrase of every rule; then only the rules whose literals were
/// seen are evaluated (an index from each phrase to the rules that need it). A rule that is a
/// plain choice of phrases — phrases, terms, lemmas and vocabularies, with no `unless` — is
/// evaluated straight from the phrase hits, with no string touched; every other rule by its
/// compiled expression. `rawMatches` gives the result as offsets and label numbers (what
/// `attest match --compact` writes); `matches` as `RuleMatch`es with their labels' text.
public final class RuleSet: Sendable {
    public let rules: [CompiledRule]
    public let automaton: PhraseAutomaton
    /// What the rules need computed for each text (sentences, citations, symbols).
    public let needs: TextAnalysis.Needs
    /// Every regex of every rule, run together on each text; nil when no rule has one.
    public let regexes: RegexScan?
    /// Regex slot → the rules whose trigger contains it, as ranges of `regexRules`.
    private let regexRuleBounds: [Int32]
    private let regexRules: [Int32]
    /// Phrase id → the rules whose trigger contains it, as ranges of `phraseRules`.
    private let phraseRuleBounds: [Int32]
    private let phraseRules: [Int32]
    private let citationRules: [Int32]
    private let symbolRules: [Int32]
    private let alwaysRules: [Int32]
    /// Phrase id → the plain rules that contain it and where (rule, position in the rule's
    /// phrases), as ranges of `postingKeys`: each the `PostingEntry` of that rule and position
    /// with hit 0 (an entry is its key with the hit's bits set; one load a posting, not two).
    private let postingBounds: [Int32]
    private let postingKeys: [UInt64]
    /// True when every phrase position and rule number fits `PostingEntry`'s bits (else plain
    /// rules are evaluated phrase by phrase, and `postingKeys` is empty).
    private let postingSlotsFit: Bool
    /// True when some rule is limited to speakers of some kinds.
    private let anySpeakers: Bool
    /// Plain rules (a choice of phrases, no `unless`): their phrases and labels, in the order of
    /// the rule's expression, as ranges of `plainPhrases`/`plainLabels` from `RuleFacts.plainStart`
    /// to `plainEnd`; -1 for other rules.
    private let plainEnd: [Int32]
    private let plainPhrases: [Int32]
    private let plainLabels: [Int32]
    /// Per phrase of a plain rule (as `plainLabels`): its label's canonical number
    /// (`canonicalLabels[labelBase[rule] + plainLabels[k]]`, looked up once here).
    private let plainCanonical: [Int32]
    /// Per phrase of a plain rule: the rank of its label's text among the rule's labels
    /// (`labelRanks[labelBase[rule] + plainCanonical[k]]`).
    private let plainRanks: [Int32]
    /// Per rule, what the loop over the rules reads of it, in one load (`RuleFacts`).
    private let facts: [RuleFacts]
    /// Rules that are one regex (no `unless`): its slot in `regexes` and the label of the regex
    /// node; -1 for other rules. Evaluated straight from the regex matches.
    private let regexOnlySlot: [Int32]
    private let regexOnlyLabel: [Int32]
    /// Per rule: speakers it is limited to, scope (whether negated matches count: `RuleFacts`).
    private let speakers: [Set<SpeakerKind>]
    private let scopes: [TextAnalysis.ScopeUnit]
    /// Per rule and label: the first label of the rule with the same text and place (so equal
    /// numbers mean equal labels), and the rank of its text among the rule's labels (so spans
    /// sort by number as they would by text).
    /// (Flat, per rule from `labelBase[rule]`: an array per rule would be retained on every
    /// read, and a reference count that two cores write is a cache line they fight over.)
    private let labelBase: [Int]
    private let canonicalLabels: [Int32]
    private let labelRanks: [Int32]

    public init(_ rules: [Rule]) {
        var automaton = PhraseAutomaton()
        var regexTable = RegexTable()
        let compiled = rules.map { CompiledRule($0, automaton: &automaton, regexes: &regexTable) }
        automaton.prepare()
        self.rules = compiled
        self.automaton = automaton
        regexes = RegexScan(regexTable)
        var byRegex = [[Int32]](repeating: [], count: regexTable.patterns.count)
        var needs: TextAnalysis.Needs = []
        var byPhrase = [[Int32]](repeating: [], count: automaton.phraseCount)
        var postings = [[(rule: Int32, slot: Int32)]](repeating: [], count: automaton.phraseCount)
        var citationRules: [Int32] = [], symbolRules: [Int32] = [], alwaysRules: [Int32] = []
        var plainStart: [Int32] = [], plainEnd: [Int32] = [], allPlainPhrases: [Int32] = [], plainLabels: [Int32] = []
        var canonical: [[Int32]] = [], ranks: [[Int32]] = []
        var regexOnlySlot: [Int32] = [], regexOnlyLabel: [Int32] = []
        for (i, r) in compiled.enumerated() {
            let index = Int32(i)
            // a rule with a sentence window is evaluated by its expression (`CompiledRule.windowMatches`)
            let windowed = r.rule.window > 1
            if r.unless == nil, !windowed, case .regex(let slot, let label) = r.root {
                regexOnlySlot.append(slot)
                regexOnlyLabel.append(label.index)
            } else {
                regexOnlySlot.append(-1)
                regexOnlyLabel.append(-1)
            }
            if r.rule.scope == .sentence || r.rule.negation != .allow { needs.insert(.sentences) }
            for node in [r.root] + (r.unless.map { [$0] } ?? []) {
                if Self.contains(node, { if case .citation = $0 { true } else { false } }) { needs.insert(.citations) }
                if Self.contains(node, { if case .symbol = $0 { true } else { false } }) { needs.insert(.symbols) }
            }
            let plainPhrases = r.unless == nil && !windowed ? Self.plainPhrases(r.root) : nil
            if plainPhrases == nil, ([r.root] + (r.unless.map { [$0] } ?? [])).contains(where: { node in
                Self.contains(node) { if case .phrase = $0 { true } else { false } }
            }) {
                needs.insert(.phraseIndex)
            }
            if let t = r.trigger {
                if plainPhrases == nil { for p in t.phrases { byPhrase[Int(p)].append(index) } }
                for x in t.regexes { byRegex[Int(x)].append(index) }
                if t.citations { citationRules.append(index) }
                if t.symbols { symbolRules.append(index) }
            } else {
                alwaysRules.append(index)
            }
            if let phrases = plainPhrases {
                plainStart.append(Int32(allPlainPhrases.count))
                for (k, (id, label)) in phrases.enumerated() {
                    allPlainPhrases.append(id)
                    plainLabels.append(label.index)
                    postings[Int(id)].append((index, Int32(k)))
                }
                plainEnd.append(Int32(allPlainPhrases.count))
            } else {
                plainStart.append(-1)
                plainEnd.append(-1)
            }
            var first: [String: Int32] = [:]
            canonical.append(r.labels.map { l in
                let key = l.text + "\u{0}" + l.at
                if let k = first[key] { return k }
                first[key] = l.index
                return l.index
            })
            let texts = Array(Set(r.labels.map(\.text))).sorted()
            let rank = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($1, Int32($0)) })
            ranks.append(r.labels.map { rank[$0.text]! })
        }
        (phraseRuleBounds, phraseRules) = Self.flattened(byPhrase)
        (regexRuleBounds, regexRules) = Self.flattened(byRegex)
        self.citationRules = citationRules
        self.symbolRules = symbolRules
        self.alwaysRules = alwaysRules
        self.plainEnd = plainEnd
        self.plainPhrases = allPlainPhrases
        self.plainLabels = plainLabels
        self.regexOnlySlot = regexOnlySlot
        self.regexOnlyLabel = regexOnlyLabel
        var pBounds: [Int32] = [0], pRules: [Int32] = [], pSlots: [Int32] = []
        for list in postings {
            for (rule, slot) in list {
                pRules.append(rule)
                pSlots.append(slot)
            }
            pBounds.append(Int32(pRules.count))
        }
        postingBounds = pBounds
        let fit = pSlots.allSatisfy { Int($0) < PostingEntry.slotLimit } && compiled.count < PostingEntry.ruleLimit
        postingSlotsFit = fit
        // (keys only when every field fits its bits; the postings path is not taken otherwise)
        postingKeys = fit ? zip(pRules, pSlots).map { PostingEntry(rule: Int($0), slot: Int($1), hit: 0).raw } : []
        anySpeakers = compiled.contains { !$0.rule.speakers.isEmpty }
        self.needs = needs
        speakers = compiled.map { Set($0.rule.speakers) }
        scopes = compiled.map(\.scopeUnit)
        var base: [Int] = [], total = 0
        for c in canonical {
            base.append(total)
            total += c.count
        }
        labelBase = base
        canonicalLabels = canonical.flatMap { $0 }
        labelRanks = ranks.flatMap { $0 }
        var plainCanonical: [Int32] = [], plainRanks: [Int32] = []
        for r in compiled.indices where plainStart[r] >= 0 {
            for k in Int(plainStart[r])..<Int(plainEnd[r]) {
                let label = canonical[r][Int(plainLabels[k])]
                plainCanonical.append(label)
                plainRanks.append(ranks[r][Int(label)])
            }
        }
        self.plainCanonical = plainCanonical
        self.plainRanks = plainRanks
        facts = compiled.indices.map { i in
            RuleFacts(plainStart: plainStart[i], statementScope: compiled[i].scopeUnit == .statement,
                      allowsNegation: compiled[i].rule.negation == .allow, limited: !compiled[i].rule.speakers.isEmpty)
        }
    }

    static func contains(_ node: CompiledRule.Node, _ test: (CompiledRule.Node) -> Bool) -> Bool {
        test(node) || node.children.contains { contains($0, test) }
    }

    /// The phrases of an expression made only of phrases and choices, in evaluation order; nil otherwise.
    static func plainPhrases(_ node: CompiledRule.Node) -> [(id: Int32, label: CompiledRule.Label)]? {
        switch node {
        case .phrase(let id, let label): return [(id, label)]
        case .any(let xs, _):
            var out: [(id: Int32, label: CompiledRule.Label)] = []
            for x in xs {
                guard let p = plainPhrases(x) else { return nil }
                out += p
            }
            return out
        default: return nil
        }
    }

    /// The text and place of label `label` of rule `rule` (as numbered in `RawMatches`).
    public func label(rule: Int, _ label: Int) -> (by: String, at: String)? {
        guard rules.indices.contains(rule), rules[rule].labels.indices.contains(label) else { return nil }
        let l = rules[rule].labels[label]
        return (l.text, l.at)
    }

    /// Scans `text` once for every phrase of every rule, with everything any rule's expression
    /// may look at (for evaluating, testing and explaining one rule at a time).
    public func analyse(_ text: String) -> TextAnalysis {
        TextAnalysis(text, automaton: automaton, needs: needs.union(.phraseIndex), regexes: regexes)
    }

    /// The matches of every rule in `text`, rules in load order.
    /// - Parameter include: which rules to run (the auditor filters by speaker kind).
    public func matches(in text: String, include: (Rule) -> Bool = { _ in true }) -> [RuleMatch] {
        guard !text.isEmpty else { return [] }
        return ruleMatches(rawMatches(in: analyse(text), including: { include(rules[$0].rule) }))
    }

    /// The matches in `text` of the rules that apply to a speaker of `kind` (a rule with
    /// `speakers:` runs only on statements of those kinds), rules in load order.
    public func matches(in text: String, speakerKind kind: SpeakerKind) -> [RuleMatch] {
        ruleMatches(rawMatches(in: text, speakerKind: kind))
    }

    /// As `matches(in:speakerKind:)`, as offsets and label numbers.
    public func rawMatches(in text: String, speakerKind kind: SpeakerKind) -> RawMatches {
        guard !text.isEmpty else { return RawMatches() }
        return rawMatches(in: TextAnalysis(text, automaton: automaton, needs: needs, regexes: regexes), speakerKind: kind)
    }

    /// `RawMatches` with the labels' text and place.
    public func ruleMatches(_ raw: RawMatches) -> [RuleMatch] {
        raw.matches.map { m in
            let r = Int(m.rule)
            let labels = rules[r].labels
            let spans = raw.spans[m.spans].map { s in
                MatchedSpan(start: s.start, end: s.end, by: labels[Int(s.label)].text, at: labels[Int(s.label)].at, label: s.label)
            }
            return RuleMatch(ruleID: rules[r].rule.id, unitStart: m.unitStart, unitEnd: m.unitEnd, spans: spans)
        }
    }

    /// Which path evaluates plain rules: from the postings of the hits (the default), or phrase by
    /// phrase of each rule (kept for texts too large for the postings' packed keys, and for tests).
    enum PlainPath { case postings, phrases }

    /// - Parameters:
    ///   - speakerKind: when given, a rule limited to some kinds of speaker (`speakers:`) runs
    ///     only if this is one of them; nil: `including` alone decides.
    ///   - including: which rules run (of those the speaker's kind allows).
    ///   - plainDirect: whether a plain rule's spans from the postings are written straight
    ///     into the matches while they come in order (`plainDirect`); false collects and sorts them
    ///     always, the reference that tests compare the fast path with.
    func rawMatches(in a: TextAnalysis, speakerKind: SpeakerKind? = nil, including: (Int) -> Bool = { _ in true },
                    plainPath: PlainPath = .postings, plainDirect: Bool = true) -> RawMatches {
        // rules that are not plain: those whose trigger's literals occur
        var marked = [Bool](filled: false, count: rules.count)
        var candidates: [Int32] = []
        func mark(_ r: Int32) {
            if !marked[Int(r)] {
                marked[Int(r)] = true
                candidates.append(r)
            }
        }
        for p in a.hitPhrases {
            for k in phraseRuleBounds[Int(p)]..<phraseRuleBounds[Int(p) + 1] { mark(phraseRules[Int(k)]) }
        }
        if !a.citations.isEmpty { citationRules.forEach(mark) }
        if !a.symbols.isEmpty { symbolRules.forEach(mark) }
        for (slot, found) in a.regexMatches.enumerated() where !found.isEmpty {
            for k in regexRuleBounds[slot]..<regexRuleBounds[slot + 1] { mark(regexRules[Int(k)]) }
        }
        alwaysRules.forEach(mark)
        candidates.sort()
        // plain rules: one entry per (rule, hit, phrase position), sorted so that each rule's
        // entries are together, in text order (then phrase position), as `plainMatches` wants them.
        // They are made in hit order, and a hit's postings in (rule, phrase position) order, so
        // only the bytes that hold the rule need sorting.
        var entries: [PostingEntry] = []
        var path = plainPath
        if path == .postings, a.hits.count >= PostingEntry.hitLimit || rules.count >= PostingEntry.ruleLimit || !postingSlotsFit {
            path = .phrases
        }
        if path == .postings {
            entries = a.hits.withUnsafeBufferPointer { hits in
                postingBounds.withUnsafeBufferPointer { bounds in
                    postingKeys.withUnsafeBufferPointer { keys in
                        PostingEntry.byRule(phrases: hits.lazy.map(\.phrase), bounds: bounds, keys: keys, ruleCount: rules.count)
                    }
                }
            }
        }
        var out = RawMatches()
        // about one match and one span per entry or candidate: grown once, not by doubling
        out.matches.reserveCapacity(entries.count + candidates.count)
        out.spans.reserveCapacity(entries.count + candidates.count)
        var scratch: [PlainSpan] = []
        var e = 0, c = 0
        let textLength = a.text.utf8.count
        // whether each rule limited to some speakers runs for this one (0: not yet asked)
        var included: [Int8] = anySpeakers && speakerKind != nil ? [Int8](filled: 0, count: rules.count) : []
        func includes(_ i: Int, _ f: RuleFacts) -> Bool {
            if f.limited, let kind = speakerKind {
                if included[i] == 0 { included[i] = speakers[i].contains(kind) ? 1 : 2 }
                if included[i] == 2 { return false }
            }
            return including(i)
        }
        while true {
            // the next rule in load order: a plain one with entries, or a candidate
            let nextPlain = path == .postings && e < entries.count ? entries[e].rule : Int.max
            let nextOther = c < candidates.count ? Int(candidates[c]) : Int.max
            let i = min(nextPlain, nextOther)
            if i == Int.max { break }
            if i == nextPlain {
                var end = e
                while end < entries.count, entries[end].rule == i { end += 1 }
                let f = facts[i]
                if includes(i, f) {
                    if end == e + 1, f.statementScope {
                        // the common case, one hit and the whole text the unit: what plainMatches
                        // gives, without its grouping and sorting (5% of all instructions here)
                        let x = entries[e]
                        let h = a.hits[x.hit].words
                        if f.allowsNegation || !a.isNegated(word: h.lowerBound) {
                            let label = plainCanonical[Int(f.plainStart) + x.slot]
                            out.append(rule: Int32(i), unit: 0..<textLength,
                                       span: RawMatches.Span(start: a.wordStarts[h.lowerBound], end: a.wordEnds[h.upperBound - 1], label: label))
                        }
                    } else {
                        let rule = entries[e..<end]
                        if !plainDirect || !self.plainDirect(i, a, rule, into: &out) {
                            plainMatches(i, a, rule, &scratch, into: &out)
                        }
                    }
                }
                e = end
            } else {
                c += 1
                guard includes(i, facts[i]) else { continue }
                if regexOnlySlot[i] >= 0 {
                    regexOnlyMatches(i, a, into: &out)
                    continue
                }
                for m in rules[i].matches(in: a) {
                    out.append(rule: Int32(i), unit: m.unitStart..<m.unitEnd, spans: m.spans.map {
                        RawMatches.Span(start: $0.start, end: $0.end, label: canonicalLabels[labelBase[i] + Int($0.label)])
                    })
                }
            }
        }
        if path == .phrases {
            // plain rules phrase by phrase, merged into the others in load order (a text too big
            // for the postings is analysed again, with its hits grouped by phrase)
            let a = a.isIndexed ? a : TextAnalysis(a.text, automaton: automaton, needs: needs.union(.phraseIndex), regexes: regexes)
            var byRule: [(Int, RawMatches)] = []
            for i in facts.indices where facts[i].plainStart >= 0 && includes(i, facts[i]) {
                var one = RawMatches()
                plainMatches(i, a, nil, &scratch, into: &one)
                if one.count > 0 { byRule.append((i, one)) }
            }
            if !byRule.isEmpty { out = out.merged(with: byRule) }
        }
        return out
    }

    /// What `CompiledRule.matches` gives for a rule that is one regex, straight from its matches
    /// (each inside one unit of the rule's scope, in text order, not overlapping): per unit with
    /// a match not negated (unless the rule allows it), those matches as its spans.
    private func regexOnlyMatches(_ r: Int, _ a: TextAnalysis, into out: inout RawMatches) {
        let found = a.regexHits(regexOnlySlot[r])
        guard !found.isEmpty else { return }
        let scope = scopes[r]
        let allowNegation = facts[r].allowsNegation
        let label = canonicalLabels[labelBase[r] + Int(regexOnlyLabel[r])]
        let units = scope == .statement ? [0..<a.text.utf8.count] : a.units(scope)
        let rule = Int32(r)
        var k = 0
        while k < found.count {
            guard let u = TextAnalysis.unitIndex(of: found[k].lowerBound, in: units) else { k += 1; continue }
            let unit = units[u]
            let first = out.spans.count
            while k < found.count, unit.contains(found[k].lowerBound) {
                let m = found[k]
                k += 1
                if !allowNegation, a.isNegated(word: a.wordRange(m).lowerBound) { continue }
                out.spans.append(RawMatches.Span(start: m.lowerBound, end: m.upperBound, label: label))
            }
            if out.spans.count > first {
                out.matches.append(RawMatches.Match(rule: rule, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: first..<out.spans.count))
            }
        }
    }

    /// What `plainMatches` gives for a plain rule from its postings, written straight into `out`
    /// while the spans come in strictly ascending (unit, start, end, rank of the label's text)
    /// order — the order `plainMatches` sorts them into, with no two equal, so nothing to sort or
    /// drop: one match per unit, its spans as they come. The postings give them so unless one hit
    /// counts for two phrase positions of the rule; at the first span out of that order this
    /// returns false with `out` as it was, and the caller collects and sorts (`plainMatches`).
    private func plainDirect(_ r: Int, _ a: TextAnalysis, _ entries: ArraySlice<PostingEntry>,
                             into out: inout RawMatches) -> Bool {
        let f = facts[r]
        let scope = scopes[r]
        let allowNegation = f.allowsNegation
        let units = f.statementScope ? [] : a.units(scope)
        let whole = f.statementScope ? 0..<a.text.utf8.count : 0..<0
        let first = Int(f.plainStart)
        let rule = Int32(r)
        let spans0 = out.spans.count, matches0 = out.matches.count
        // the unit of the match being written (-1: none yet), its range and first span
        var unit = -1, range = 0..<0, matchFirst = spans0
        var lastStart = 0, lastEnd = 0, lastRank: Int32 = 0
        for x in entries {
            let h = a.hits[x.hit].words
            if !allowNegation, a.isNegated(word: h.lowerBound) { continue }
            let start = a.wordStarts[h.lowerBound], end = a.wordEnds[h.upperBound - 1]
            let u: Int
            if scope == .statement {
                u = 0
            } else {
                guard let i = TextAnalysis.unitIndex(of: start, in: units), end <= units[i].upperBound else { continue }
                u = i
            }
            let label = plainCanonical[first + x.slot]
            let rank = plainRanks[first + x.slot]
            if unit >= 0, !((unit, lastStart, lastEnd, lastRank) < (u, start, end, rank)) {
                out.spans.removeSubrange(spans0...)
                out.matches.removeSubrange(matches0...)
                return false
            }
            if u != unit {
                if unit >= 0 {
                    out.matches.append(RawMatches.Match(rule: rule, unitStart: range.lowerBound, unitEnd: range.upperBound,
                                                        spans: matchFirst..<out.spans.count))
                }
                unit = u
                range = scope == .statement ? whole : units[u]
                matchFirst = out.spans.count
            }
            out.spans.append(RawMatches.Span(start: start, end: end, label: label))
            lastStart = start; lastEnd = end; lastRank = rank
        }
        if unit >= 0 {
            out.matches.append(RawMatches.Match(rule: rule, unitStart: range.lowerBound, unitEnd: range.upperBound,
                                                spans: matchFirst..<out.spans.count))
        }
        return true
    }

    /// A span of a plain rule found in unit `unit`, with `tie`: its place in the order in which
    /// the phrase-by-phrase evaluation visits the spans (phrase position, then text order), which
    /// decides between equal spans.
    struct PlainSpan {
        var unit: Int
        var span: RawMatches.Span
        var tie: Int
    }

    /// What `CompiledRule.matches` gives for a plain rule, straight from the phrase hits: each hit
    /// inside one unit of the rule's scope (and not negated, unless the rule allows it) is a span
    /// of that unit's match; spans sorted by place and label, duplicates dropped.
    ///
    /// The spans are sorted by (unit, start, end, rank of the label's text), equal ones in the
    /// order of the phrase-by-phrase evaluation (`tie`). From the postings they arrive in text
    /// order, which is already that order unless one hit counts for two phrase positions of the
    /// rule: then, and only then, they are sorted.
    /// - Parameter entries: the rule's (rule, hit, phrase position) entries, in that order; nil
    ///   to look each of its phrases up in the analysis instead.
    private func plainMatches(_ r: Int, _ a: TextAnalysis, _ entries: ArraySlice<PostingEntry>?, _ found: inout [PlainSpan],
                              into out: inout RawMatches) {
        let scope = scopes[r]
        let allowNegation = facts[r].allowsNegation
        let units = scope == .statement ? [] : a.units(scope)
        if !found.isEmpty { found.removeAll(keepingCapacity: true) }
        let base = labelBase[r]
        // whether the spans so far are in strictly ascending (unit, start, end, rank) order
        var ascending = true
        func visit(_ h: Range<Int>, _ label: Int32, tie: Int) {
            if !allowNegation, a.isNegated(word: h.lowerBound) { return }
            let start = a.wordStarts[h.lowerBound], end = a.wordEnds[h.upperBound - 1]
            let u: Int
            if scope == .statement {
                u = 0
            } else {
                guard let i = TextAnalysis.unitIndex(of: start, in: units), end <= units[i].upperBound else { return }
                u = i
            }
            if ascending, let last = found.last {
                ascending = (last.unit, last.span.start, last.span.end, labelRanks[base + Int(last.span.label)])
                    < (u, start, end, labelRanks[base + Int(label)])
            }
            found.append(PlainSpan(unit: u, span: RawMatches.Span(start: start, end: end, label: label), tie: tie))
        }
        let first = Int(facts[r].plainStart)
        if let entries {
            for x in entries {
                let k = first + x.slot
                visit(a.hits[x.hit].words, canonicalLabels[base + Int(plainLabels[k])], tie: x.slot << 24 | x.hit)
            }
        } else {
            for k in first..<Int(plainEnd[r]) {
                for h in a.phraseHits(plainPhrases[k]) { visit(h, canonicalLabels[base + Int(plainLabels[k])], tie: found.count) }
            }
        }
        guard !found.isEmpty else { return }
        func unit(_ u: Int) -> Range<Int> { scope == .statement ? 0..<a.text.utf8.count : units[u] }
        let rule = Int32(r)
        if found.count == 1 {
            out.append(rule: rule, unit: unit(found[0].unit), span: found[0].span)
            return
        }
        if !ascending {
            // units in text order; in a unit, spans by (start, end, label text), equal ones in the
            // order of the phrase-by-phrase evaluation
            labelRanks.withUnsafeBufferPointer { ranks in
                let ranks = UnsafeBufferPointer(rebasing: ranks[base...])
                found.sort { x, y in
                    (x.unit, x.span.start, x.span.end, ranks[Int(x.span.label)], x.tie) < (y.unit, y.span.start, y.span.end, ranks[Int(y.span.label)], y.tie)
                }
            }
        }
        // one match per unit, a span equal to the one before it dropped
        var i = 0
        while i < found.count {
            let u = found[i].unit
            let firstSpan = out.spans.count
            var j = i
            while j < found.count, found[j].unit == u {
                if out.spans.count == firstSpan || out.spans[out.spans.count - 1] != found[j].span { out.spans.append(found[j].span) }
                j += 1
            }
            let range = unit(u)
            out.matches.append(RawMatches.Match(rule: rule, unitStart: range.lowerBound, unitEnd: range.upperBound, spans: firstSpan..<out.spans.count))
            i = j
        }
    }
}

/// What the loop over a text's rules reads of each rule, together (one load, where six arrays
/// were read before): where its phrases start in `plainPhrases` (-1: not a plain rule), whether
/// its scope is the whole statement, whether negated matches count, and whether it is limited to
/// some kinds of speaker.
struct RuleFacts {
    var plainStart: Int32
    var statementScope: Bool
    var allowsNegation: Bool
    var limited: Bool
}

/// The matches of a text as numbers: each match's rule (index in the rule set), its unit (UTF-8
/// offsets) and its spans (a range of `spans`), each span with the number of the rule's label
/// that matched it.
public struct RawMatches: Sendable {
    public struct Span: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var label: Int32
    }

    public struct Match: Sendable {
        public var rule: Int32
        public var unitStart: Int
        public var unitEnd: Int
        public var spans: Range<Int>
    }

    public var matches: [Match] = []
    public var spans: [Span] = []

    public init() {}

    public var count: Int { matches.count }

    /// These matches and those of other rules (each a rule index and its matches), in rule order.
    func merged(with others: [(Int, RawMatches)]) -> RawMatches {
        var parts: [(rule: Int, matches: RawMatches, index: Int)] = []
        for m in 0..<count { parts.append((Int(matches[m].rule), self, m)) }
        for (r, ms) in others { for m in 0..<ms.count { parts.append((r, ms, m)) } }
        var out = RawMatches()
        // stable: a rule's own matches keep their order
        for p in parts.enumerated().sorted(by: { ($0.element.rule, $0.offset) < ($1.element.rule, $1.offset) }).map(\.element) {
            let m = p.matches.matches[p.index]
            out.append(rule: m.rule, unit: m.unitStart..<m.unitEnd, spans: p.matches.spans[m.spans])
        }
        return out
    }

    mutating func append<S: Sequence>(rule: Int32, unit: Range<Int>, spans s: S) where S.Element == Span {
        let first = spans.count
        spans.append(contentsOf: s)
        matches.append(Match(rule: rule, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: first..<spans.count))
    }

    /// A match of one span.
    @inline(__always) mutating func append(rule: Int32, unit: Range<Int>, span: Span) {
        spans.append(span)
        matches.append(Match(rule: rule, unitStart: unit.lowerBound, unitEnd: unit.upperBound, spans: (spans.count - 1)..<spans.count))
    }
}

/// One (rule, hit, phrase position) of the postings path, packed in 64 bits so that sorting the
/// entries groups each rule's, in text order then phrase position: rule in bits 44–63, the hit's
/// index in bits 20–43, the phrase position within the rule (`slot`) in bits 0–19. Callers fall
/// back to the phrase-by-phrase path beyond the limits, which `init` checks in debug builds.
struct PostingEntry: Comparable {
    static let ruleLimit = 1 << 20, slotLimit = 1 << 20, hitLimit = 1 << 24
    /// The lowest bit of the rule.
    static let ruleShift = 44
    let raw: UInt64

    @inline(__always) init(rule: Int, slot: Int, hit: Int) {
        assert(rule >= 0 && rule < Self.ruleLimit && slot >= 0 && slot < Self.slotLimit && hit >= 0 && hit < Self.hitLimit,
               "PostingEntry: a field past its bits")
        raw = UInt64(rule) << 44 | UInt64(hit) << 20 | UInt64(slot)
    }

    /// The entry of a posting's `key` (its entry with hit 0) for hit `hit`.
    @inline(__always) init(key: UInt64, hit: Int) {
        assert(key >> 20 & 0xFFFFFF == 0 && hit >= 0 && hit < Self.hitLimit, "PostingEntry: a field past its bits")
        raw = key | UInt64(hit) << 20
    }

    @inline(__always) var rule: Int { Int(raw >> 44) }
    @inline(__always) var hit: Int { Int(raw >> 20 & 0xFFFFFF) }
    @inline(__always) var slot: Int { Int(raw & 0xFFFFF) }

    static func < (a: PostingEntry, b: PostingEntry) -> Bool { a.raw < b.raw }

    /// The entries of hits whose phrases are `phrases` (in text order), each phrase's postings
    /// `keys[bounds[p]..<bounds[p + 1]]` (in (rule, slot) order), grouped by rule: sorted by
    /// `raw`. Made rule by rule in one counting pass when the rules are not many more than the
    /// entries (a count per rule, the starts of the rules that have entries in rule order from a
    /// bitmap, then each entry written at its rule's next place, hits in text order): what
    /// sorting them took 8% of the instructions of `attest match` with 2,000 rules and 300
    /// matches a statement. Otherwise made hit by hit and sorted (`sort`).
    static func byRule<Phrases: Collection>(phrases: Phrases, bounds: UnsafeBufferPointer<Int32>, keys: UnsafeBufferPointer<UInt64>,
                                            ruleCount: Int) -> [PostingEntry] where Phrases.Element == Int32 {
        var total = 0
        for p in phrases { total += Int(bounds[Int(p) + 1] - bounds[Int(p)]) }
        guard total > 0 else { return [] }
        if ruleCount > 16 * total + 1_024 {
            // counted first, then written in place (appending checked capacity and uniqueness per entry)
            // (reserved and appended: not `Array(unsafeUninitializedCapacity:)`, see `WordScan.init`)
            var entries: [PostingEntry] = []
            entries.reserveCapacity(total)
            for (h, p) in phrases.enumerated() {
                for k in Int(bounds[Int(p)])..<Int(bounds[Int(p) + 1]) {
                    entries.append(PostingEntry(key: keys[k], hit: h))
                }
            }
            sort(&entries, orderedBelowBit: ruleShift)
            return entries
        }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: ruleCount) { next in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (ruleCount + 63) / 64) { seen in
                next.initialize(repeating: 0)
                seen.initialize(repeating: 0)
                // entries per rule, and which rules have some
                for p in phrases {
                    for k in Int(bounds[Int(p)])..<Int(bounds[Int(p) + 1]) {
                        let r = Int(keys[k] >> UInt64(ruleShift))
                        next[r] &+= 1
                        seen[r >> 6] |= 1 << UInt64(r & 63)
                    }
                }
                // each rule's first place, rules in order
                var start: Int32 = 0
                for w in 0..<seen.count {
                    var bits = seen[w]
                    while bits != 0 {
                        let r = w << 6 | bits.trailingZeroBitCount
                        let n = next[r]
                        next[r] = start
                        start &+= n
                        bits &= bits &- 1
                    }
                }
                // (filled, then written: not `Array(unsafeUninitializedCapacity:)`, see `WordScan.init`)
                var entries = [PostingEntry](filled: PostingEntry(key: 0, hit: 0), count: total)
                entries.withUnsafeMutableBufferPointer { buffer in
                    for (h, p) in phrases.enumerated() {
                        for k in Int(bounds[Int(p)])..<Int(bounds[Int(p) + 1]) {
                            let r = Int(keys[k] >> UInt64(ruleShift))
                            // SAFETY: the places of rule r run from its start for its count of entries, all below `total`
                            buffer[Int(next[r])] = PostingEntry(key: keys[k], hit: h)
                            next[r] &+= 1
                        }
                    }
                }
                return entries
            }
        }
    }

    /// Sorts `entries` by `raw`: a least-significant-digit radix sort on bytes, skipping the bytes
    /// in which all keys agree (of the 64 bits, a text with a thousand hits and a pack of 2,000
    /// rules varies in about 24: five passes), for the comparison sort it replaces took 8% of
    /// `attest match`'s time with 2,000 rules. Keys are distinct (one per rule, phrase position
    /// and hit), so the order is the comparison sort's; short arrays use that sort.
    ///
    /// - Parameter orderedBelowBit: entries that agree on every bit from this one up are already
    ///   in ascending order (as when they are made hit by hit, for bit `ruleShift`): only the
    ///   bytes that hold those bits are sorted on (a stable sort on them completes the order).
    static func sort(_ entries: inout [PostingEntry], orderedBelowBit: Int = 0) {
        let n = entries.count
        guard n > 64 else { entries.sort(); return }
        var all: UInt64 = 0, any: UInt64 = 0
        all = ~all
        for e in entries {
            all &= e.raw
            any |= e.raw
        }
        let varying = all ^ any
        var scratch = [PostingEntry](filled: PostingEntry(key: 0, hit: 0), count: n)
        var inScratch = false
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            entries.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { b in
                    for shift in stride(from: orderedBelowBit / 8 * 8, to: 64, by: 8) where (varying >> UInt64(shift)) & 0xFF != 0 {
                        let (from, to) = inScratch ? (b, a) : (a, b)
                        for k in 0..<256 { counts[k] = 0 }
                        for e in from { counts[Int((e.raw >> UInt64(shift)) & 0xFF)] += 1 }
                        var total = 0
                        for k in 0..<256 {
                            let c = counts[k]
                            counts[k] = total
                            total += c
                        }
                        for e in from {
                            let d = Int((e.raw >> UInt64(shift)) & 0xFF)
                            to[counts[d]] = e
                            counts[d] += 1
                        }
                        inScratch.toggle()
                    }
                }
            }
        }
        if inScratch { entries = scratch }
    }
}

extension RuleSet {
    /// Lists of rule numbers as one array and its bounds: list `i` is `list[bounds[i]..<bounds[i + 1]]`.
    static func flattened(_ lists: [[Int32]]) -> (bounds: [Int32], list: [Int32]) {
        var bounds: [Int32] = [0], list: [Int32] = []
        for l in lists {
            list += l
            bounds.append(Int32(list.count))
        }
        return (bounds, list)
    }
}

import AttestText
import Foundation

/// What the matcher needs to know about one text, computed once and shared by every rule:
/// its folded words, its sentences, its citations and document symbols, and every phrase of the
/// rule set found in it.
public struct TextAnalysis: Sendable {
    public let text: String
    /// UTF-8 offsets of each word, and its id in the automaton's word table (-1: no phrase uses it).
    public let wordStarts: [Int]
    public let wordEnds: [Int]
    let wordIDs: [Int32]
    /// Sentence ranges (UTF-8 offsets); empty when no rule of the set needs them.
    public let sentences: [Range<Int>]
    public let citations: [Citation]
    /// For each citation, the UTF-8 offset of the word that introduces it ("resolution", "S/RES/").
    let citationLeads: [Int]
    public let symbols: [DocumentSymbol]
    /// Start offsets of the citations and symbols, for finding those of a unit by binary search.
    let citationStarts: [Int]
    let symbolStarts: [Int]
    /// Every phrase hit in text order (start word, then length).
    let hits: [PhraseAutomaton.Hit]
    /// The same word ranges grouped by phrase: `hitPhrases` (sorted, distinct) and, for each, its
    /// ranges in `hitsByPhrase` (in text order); empty unless `Needs.phraseIndex` was asked for.
    let hitPhrases: [Int32]
    private let hitPhraseBounds: [Int]
    private let hitsByPhrase: [Range<Int>]
    /// False when the grouping was not asked for.
    let isIndexed: Bool
    /// The phrases with a hit: a rule's phrases are mostly absent from a text, and a vocabulary of a
    /// hundred terms is asked about in every unit. Made with the grouping (rules of phrases only,
    /// which the rule set matches from their postings, ask for neither); empty without it, when
    /// the hits are read instead.
    private let phrasePresence: PhraseBits
    /// For each sentence, the phrases with a hit that starts among its words, ascending (a phrase
    /// once per hit): those of sentence k are `sentencePhrases[sentencePhraseBounds[k]..<
    /// sentencePhraseBounds[k + 1]]`. A rule of sentence scope asks about each of its terms in
    /// each candidate sentence of a long text that has them elsewhere. One entry per hit at most:
    /// rows of bits per sentence took 4.5 bytes per byte of a 16 MB line with 2,000 rules. Empty
    /// without the grouping or without sentences.
    private let sentencePhrases: [Int32]
    private let sentencePhraseBounds: [Int]
    /// For each regex slot of the rule set (`RegexScan`) up to the last that matched, its matches
    /// in text order, each inside one unit of the pattern's scope; empty when none matched or the
    /// analysis was made without the rule set's regexes (a slot past the end has none).
    let regexMatches: [[Range<Int>]]
    /// The rule set's regexes when some rule has a sentence window, for `regexHits(_:in:)`.
    let regexScan: RegexScan?

    /// What a rule set needs computed for each text; everything by default.
    public struct Needs: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let sentences = Needs(rawValue: 1)
        public static let citations = Needs(rawValue: 2)
        public static let symbols = Needs(rawValue: 4)
        /// The hits grouped by phrase, for looking a phrase up (rules other than plain choices of
        /// phrases); without it a lookup filters every hit.
        public static let phraseIndex = Needs(rawValue: 8)
        public static let all: Needs = [.sentences, .citations, .symbols, .phraseIndex]
    }

    public init(_ text: String, automaton: borrowing PhraseAutomaton = PhraseAutomaton(), needs: Needs = .all, regexes: RegexScan? = nil) {
        self.text = text
        var copy = text
        let scan = copy.withUTF8 { WordScan($0, table: automaton.words) }
        let (starts, ends, ids) = (scan.starts, scan.ends, scan.ids)
        wordStarts = starts
        wordEnds = ends
        wordIDs = ids
        sentences = needs.contains(.sentences) ? SentenceSplitter.sentences(text) : []
        if needs.contains(.citations) {
            let cited = CitationScanner.citationsWithLead(in: text)
            citations = cited.map(\.citation)
            citationLeads = cited.map(\.lead)
        } else {
            citations = []
            citationLeads = []
        }
        symbols = needs.contains(.symbols) ? CitationScanner.symbols(in: text) : []
        citationStarts = citations.map(\.start)
        symbolStarts = symbols.map(\.start)
        let sentenceUnits = self.sentences
        // kept only for the windows' regexes: a rule set without them holds no extra reference per text
        regexScan = regexes?.hasWindows == true ? regexes : nil
        regexMatches = regexes?.scan(text, units: { Self.units($0, of: text, sentences: sentenceUnits) }) ?? []
        let found = automaton.scan(ids: ids)
        hits = found
        isIndexed = needs.contains(.phraseIndex)
        guard isIndexed else {
            phrasePresence = .empty
            sentencePhrases = []
            sentencePhraseBounds = []
            hitPhrases = []
            hitPhraseBounds = []
            hitsByPhrase = []
            return
        }
        // group by phrase, keeping text order within a phrase: the hits come in text order (by
        // start, then length; `PhraseAutomaton.scan`), so the order of (phrase, index) is that of
        // (phrase, start, end), and is sorted as one integer each (the indices sorted through a
        // closure comparing three fields took 1.2 % of the shipped pack's instructions)
        var keys = found.indices.map { UInt64(UInt32(bitPattern: found[$0].phrase)) << 32 | UInt64($0) }
        keys.sort()
        var phrases: [Int32] = [], bounds: [Int] = [], grouped: [Range<Int>] = []
        grouped.reserveCapacity(found.count)
        for key in keys {
            let i = Int(key & 0xFFFF_FFFF)
            if phrases.last != found[i].phrase {
                phrases.append(found[i].phrase)
                bounds.append(grouped.count)
            }
            grouped.append(found[i].words)
        }
        bounds.append(grouped.count)
        phrasePresence = PhraseBits(phrases)
        (sentencePhrases, sentencePhraseBounds) = Self.sentencePhrases(found, sentences: sentences, starts: starts, ends: ends)
        hitPhrases = phrases
        hitPhraseBounds = bounds
        hitsByPhrase = grouped
    }

    /// `sentencePhrases` made: each hit (in text order) given to the sentence whose words hold its
    /// first word; each sentence's phrases then sorted.
    private static func sentencePhrases(_ hits: [PhraseAutomaton.Hit], sentences: [Range<Int>],
                                        starts: [Int], ends: [Int]) -> (phrases: [Int32], bounds: [Int]) {
        guard !sentences.isEmpty else { return ([], []) }
        var phrases: [Int32] = [], bounds = [0]
        // ends sentence `bounds.count - 1`, its phrases sorted
        func close() {
            phrases[bounds[bounds.count - 1]...].sort()
            bounds.append(phrases.count)
        }
        var k = 0
        var words = wordRange(sentences[0], starts: starts, ends: ends)
        for h in hits {
            let w = h.words.lowerBound
            while k < sentences.count, words.upperBound <= w {
                close()
                k += 1
                if k < sentences.count { words = wordRange(sentences[k], starts: starts, ends: ends) }
            }
            guard k < sentences.count else { break }
            if words.contains(w) { phrases.append(h.phrase) }
        }
        while bounds.count <= sentences.count { close() }
        return (phrases, bounds)
    }

    /// Calls `body` with the phrases of sentence `k` that have a hit starting among its words
    /// (ascending), or with nil when they are not known (no sentence given, or no grouping).
    func withSentencePhrases<R>(_ k: Int?, _ body: (UnsafeBufferPointer<Int32>?) -> R) -> R {
        guard let k, k + 1 < sentencePhraseBounds.count else { return body(nil) }
        return sentencePhrases.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[sentencePhraseBounds[k]..<sentencePhraseBounds[k + 1]]))
        }
    }

    /// The words of the text with their folded forms (for tests and explanations; the matcher
    /// uses `wordStarts`, `wordEnds` and word ids).
    public var words: [WordToken] { WordTokenizer.tokens(text) }

    /// The word ranges where phrase `id` occurs, in text order.
    func phraseHits(_ id: Int32) -> ArraySlice<Range<Int>> {
        guard isIndexed else { return ArraySlice(hits.filter { $0.phrase == id }.map(\.words)) }
        guard hasPhrase(id) else { return [] }
        var lo = 0, hi = hitPhrases.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hitPhrases[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        guard lo < hitPhrases.count, hitPhrases[lo] == id else { return [] }
        return hitsByPhrase[hitPhraseBounds[lo]..<hitPhraseBounds[lo + 1]]
    }

    /// The phrases of `set` with a hit in the text, in ascending order: a rule's trigger may hold
    /// hundreds of phrases, a text a few dozen.
    func presentPhrases(of set: PhraseBits) -> [Int32] {
        guard !set.isEmpty else { return [] }
        return set.intersection(isIndexed ? phrasePresence : PhraseBits(hits.map(\.phrase)))
    }

    /// Whether some phrase of the set of bits `words` (its first word standing for phrases from
    /// 64 × `first`, as in `PhraseBits`) has a hit in the text.
    @inline(__always)
    func hasAnyPhrase(first: Int, _ words: UnsafeBufferPointer<UInt64>) -> Bool {
        guard !words.isEmpty else { return false }
        guard isIndexed else { return hits.contains { PhraseBits.contains($0.phrase, first: first, words) } }
        return phrasePresence.intersects(first: first, words)
    }

    /// Whether some phrase of `set` has a hit in the text.
    func hasAnyPhrase(of set: PhraseBits) -> Bool {
        guard !set.isEmpty else { return false }
        guard isIndexed else { return hits.contains { set.contains($0.phrase) } }
        return set.intersects(phrasePresence)
    }

    /// Whether phrase `id` has a hit in the text.
    @inline(__always)
    func hasPhrase(_ id: Int32) -> Bool {
        guard isIndexed else { return hits.contains { $0.phrase == id } }
        return phrasePresence.contains(id)
    }

    /// The matches of regex slot `slot` (see `regexMatches`).
    func regexHits(_ slot: Int32) -> [Range<Int>] { Int(slot) < regexMatches.count ? regexMatches[Int(slot)] : [] }

    /// The matches of regex slot `slot` with `unit` as the whole text (`^` its start, `$` its end),
    /// found now: for the overlapping units of a sentence window, where `regexMatches` holds the
    /// matches of every window together.
    func regexHits(_ slot: Int32, in unit: Range<Int>) -> [Range<Int>] {
        regexScan?.matches(slot: slot, in: text, unit: unit) ?? []
    }

    enum ScopeUnit: Hashable {
        case sentence, paragraph, statement
        /// `window: n` (n ≥ 2): n consecutive sentences of one paragraph (`SentenceWindows`);
        /// units overlap.
        case window(Int)
    }

    /// Units of a scope, as UTF-8 ranges.
    func units(_ scope: ScopeUnit) -> [Range<Int>] { Self.units(scope, of: text, sentences: sentences) }

    static func units(_ scope: ScopeUnit, of text: String, sentences: [Range<Int>]) -> [Range<Int>] {
        switch scope {
        case .sentence: sentences.isEmpty ? [0..<text.utf8.count] : sentences
        case .paragraph: paragraphs(text)
        case .statement: [0..<text.utf8.count]
        case .window(let n): SentenceWindows(n, text: text, sentences: sentences).units
        }
    }

    /// The paragraphs of `text`: its pieces between blank lines ("\n\n"), empty ones left out
    /// (the whole text when there are none). Read in place: rules of paragraph scope and sentence
    /// windows ask for them once per rule and text.
    static func paragraphs(_ text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { b in
            var result: [Range<Int>] = []
            let n = b.count
            var start = 0
            var i = 0
            while i + 1 < n {
                // the next line feed that has a byte after it (memchr: most texts have none)
                guard let base = b.baseAddress, let lf = memchr(base + i, 0x0A, n - 1 - i) else { break }
                i = UnsafeRawPointer(lf) - UnsafeRawPointer(base)
                if b[i + 1] == 0x0A {
                    if start < i { result.append(start..<i) }
                    start = i + 2
                    i += 2
                    continue
                }
                i += 1
            }
            if start < n { result.append(start..<n) }
            return result.isEmpty ? [0..<n] : result
        }
    }

    /// The index of the unit (sorted, disjoint ranges) containing `offset`, if any.
    static func unitIndex(of offset: Int, in units: [Range<Int>]) -> Int? {
        var lo = 0, hi = units.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if units[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < units.count && units[lo].contains(offset) ? lo : nil
    }

    /// Indices of the items (sorted by `start`) whose start lies in `range`.
    static func indices(starting starts: [Int], in range: Range<Int>) -> Range<Int> {
        let lo = lowerBound(range.lowerBound, in: starts)
        var end = lo
        while end < starts.count, starts[end] < range.upperBound { end += 1 }
        return lo..<end
    }

    /// The ranges (sorted by lower bound) whose lower bound lies in `words`.
    static func slice(_ ranges: ArraySlice<Range<Int>>, startingIn words: Range<Int>) -> ArraySlice<Range<Int>> {
        var lo = ranges.startIndex, hi = ranges.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lowerBound < words.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < ranges.endIndex, ranges[end].lowerBound < words.upperBound { end += 1 }
        return ranges[lo..<end]
    }

    /// Range of word indices whose words lie inside a UTF-8 range (`wordRange(_:)` before the
    /// analysis is made).
    static func wordRange(_ r: Range<Int>, starts: [Int], ends: [Int]) -> Range<Int> {
        let lo = lowerBound(r.lowerBound, in: starts)
        return lo..<firstEnd(after: r.upperBound, in: ends, from: lo)
    }

    /// The first place from `from` in `ends` (ascending: words do not overlap) whose end is past
    /// `offset`, or `ends.count`: halving, as for the range's first word (read one by one, the
    /// unit of a statement-scope rule took 1,600 instructions a statement with 100 rules).
    static func firstEnd(after offset: Int, in ends: [Int], from: Int) -> Int {
        lowerBound(offset + 1, in: ends, from: from)
    }

    /// Range of word indices whose words lie inside a UTF-8 range.
    func wordRange(_ r: Range<Int>) -> Range<Int> { Self.wordRange(r, starts: wordStarts, ends: wordEnds) }

    private func lowerBound(_ offset: Int) -> Int { Self.lowerBound(offset, in: wordStarts) }

    /// The first place from `from` in `sorted` (ascending) holding `offset` or more.
    private static func lowerBound(_ offset: Int, in sorted: [Int], from: Int = 0) -> Int {
        var lo = from, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Words that make what follows them a negation ("not", "never", "no", "without", "failed to",
    /// "lack of", "absence of", "didn't"); "not only", "no doubt" and "no less" are not negations.
    static let negationWords: Set<String> = ["not", "never", "no", "nor", "neither", "without", "cannot", "didn", "doesn", "don",
                                             "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn", "shouldn", "wouldn", "couldn"]
    static let negationBeforeTo: Set<String> = ["failed", "fail", "fails", "failing", "refused", "refuse", "refuses", "refusing"]
    static let negationBeforeOf: Set<String> = ["lack", "absence"]
    static let notNegatedAfter: [String: Set<String>] = ["not": ["only", "least"], "no": ["doubt", "less", "longer"]]

    /// Every word the negation test looks at, interned first by every automaton so that their ids
    /// are their indices here.
    static let cueWords: [String] = {
        var words = negationWords.sorted() + negationBeforeTo.sorted() + negationBeforeOf.sorted() + ["to", "of"]
        for w in notNegatedAfter.values.flatMap({ $0 }).sorted() where !words.contains(w) { words.append(w) }
        return words
    }()

    /// What each cue id is: 1 negation word, 2 negation before "to", 3 before "of"; and the ids
    /// after "not" / "no" that cancel them.
    static let cueKinds: [UInt8] = cueWords.map { w in
        negationWords.contains(w) ? 1 : negationBeforeTo.contains(w) ? 2 : negationBeforeOf.contains(w) ? 3 : 0
    }
    static let toID = Int32(cueWords.firstIndex(of: "to")!)
    static let ofID = Int32(cueWords.firstIndex(of: "of")!)
    static let cancelling: [Int32: Set<Int32>] = Dictionary(uniqueKeysWithValues: notNegatedAfter.map { cue, after in
        (Int32(cueWords.firstIndex(of: cue)!), Set(after.map { Int32(cueWords.firstIndex(of: $0)!) }))
    })

    /// The index of the first word of the sentence that word `w` is in (the words before the
    /// first sentence end, for a text with no sentences computed).
    func sentenceStartWord(_ w: Int) -> Int {
        // sentences that end at or before the word
        var lo = 0, hi = sentences.count
        let at = wordStarts[w]
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].upperBound <= at { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : lowerBound(sentences[lo - 1].upperBound)
    }

    /// True when one of the three words before word `w`, in the same sentence, negates it.
    func isNegated(word w: Int) -> Bool {
        guard w < wordIDs.count else { return false }
        let from = max(sentenceStartWord(w), w - 3)
        let kinds = Self.cueKinds
        for k in from..<w {
            let cue = wordIDs[k]
            guard cue >= 0, Int(cue) < kinds.count else { continue }
            let next = wordIDs[k + 1]
            switch kinds[Int(cue)] {
            case 1: if !(Self.cancelling[cue]?.contains(next) ?? false) { return true }
            case 2: if next == Self.toID { return true }
            case 3: if next == Self.ofID { return true }
            default: break
            }
        }
        return false
    }
}

import AttestText

/// What the matcher needs to know about one text, computed once and shared by every rule:
/// its folded words, its sentences, its citations and document symbols, and every phrase of the
/// rule set found in it.
public struct TextAnalysis: Sendable {
    public let text: String
    public let words: [WordToken]
    /// Sentence ranges (UTF-8 offsets).
    public let sentences: [Range<Int>]
    public let citations: [Citation]
    /// For each citation, the UTF-8 offset of the word that introduces it ("resolution", "S/RES/").
    let citationLeads: [Int]
    public let symbols: [DocumentSymbol]
    /// Start offsets of the citations and symbols, for finding those of a unit by binary search.
    let citationStarts: [Int]
    let symbolStarts: [Int]
    /// The word ranges where each phrase of the automaton occurs.
    let phraseHits: [Int32: [Range<Int>]]
    /// For each word, the index of the first word of its sentence.
    let sentenceStartWord: [Int]

    public init(_ text: String, automaton: PhraseAutomaton = PhraseAutomaton()) {
        self.text = text
        words = WordTokenizer.tokens(text)
        sentences = SentenceSplitter.sentences(text)
        let cited = CitationScanner.citationsWithLead(in: text)
        citations = cited.map(\.citation)
        citationLeads = cited.map(\.lead)
        symbols = CitationScanner.symbols(in: text)
        citationStarts = citations.map(\.start)
        symbolStarts = symbols.map(\.start)
        var hits: [Int32: [Range<Int>]] = [:]
        for h in automaton.scan(words) { hits[h.phrase, default: []].append(h.words) }
        phraseHits = hits
        sentenceStartWord = Self.sentenceStarts(words, sentences)
    }

    /// For each word, the index of the first word of the sentence it is in.
    static func sentenceStarts(_ words: [WordToken], _ sentences: [Range<Int>]) -> [Int] {
        var starts = [Int](repeating: 0, count: words.count)
        var s = 0
        var first = 0
        for (i, word) in words.enumerated() {
            var moved = false
            while s < sentences.count, sentences[s].upperBound <= word.start {
                s += 1
                moved = true
            }
            if moved { first = i }
            starts[i] = first
        }
        return starts
    }

    enum ScopeUnit { case sentence, paragraph, statement }

    /// Units of a scope, as UTF-8 ranges.
    func units(_ scope: ScopeUnit) -> [Range<Int>] {
        switch scope {
        case .sentence: sentences.isEmpty ? [0..<text.utf8.count] : sentences
        case .paragraph: paragraphs()
        case .statement: [0..<text.utf8.count]
        }
    }

    private func paragraphs() -> [Range<Int>] {
        var result: [Range<Int>] = []
        let b = Array(text.utf8)
        var start = 0
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x0A, b[i + 1] == 0x0A {
                if start < i { result.append(start..<i) }
                start = i + 2
                i += 2
                continue
            }
            i += 1
        }
        if start < b.count { result.append(start..<b.count) }
        return result.isEmpty ? [0..<b.count] : result
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
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < starts.count, starts[end] < range.upperBound { end += 1 }
        return lo..<end
    }

    /// The ranges (sorted by lower bound) whose lower bound lies in `words`.
    static func slice(_ ranges: [Range<Int>], startingIn words: Range<Int>) -> ArraySlice<Range<Int>> {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lowerBound < words.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < ranges.count, ranges[end].lowerBound < words.upperBound { end += 1 }
        return ranges[lo..<end]
    }

    /// Range of word indices whose words lie inside a UTF-8 range.
    func wordRange(_ r: Range<Int>) -> Range<Int> {
        let lo = lowerBound(r.lowerBound)
        var hi = lo
        while hi < words.count, words[hi].end <= r.upperBound { hi += 1 }
        return lo..<hi
    }

    private func lowerBound(_ offset: Int) -> Int {
        var lo = 0, hi = words.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if words[mid].start < offset { lo = mid + 1 } else { hi = mid }
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

    /// True when one of the three words before word `w`, in the same sentence, negates it.
    func isNegated(word w: Int) -> Bool {
        guard w < words.count else { return false }
        let from = max(sentenceStartWord[w], w - 3)
        for k in from..<w {
            let cue = words[k].folded
            let next = k + 1 < words.count ? words[k + 1].folded : ""
            if Self.negationWords.contains(cue), !(Self.notNegatedAfter[cue]?.contains(next) ?? false) { return true }
            if Self.negationBeforeTo.contains(cue), next == "to" { return true }
            if Self.negationBeforeOf.contains(cue), next == "of" { return true }
        }
        return false
    }
}

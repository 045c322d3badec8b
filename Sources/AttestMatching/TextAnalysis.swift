import AttestText

/// What the matcher needs to know about one text, computed once and shared by every rule:
/// its folded words, its sentences, its paragraphs and its citations.
public struct TextAnalysis: Sendable {
    public let text: String
    public let words: [WordToken]
    /// Sentence ranges (UTF-8 offsets).
    public let sentences: [Range<Int>]
    public let citations: [Citation]
    /// Word positions of each folded word.
    let positions: [String: [Int]]

    public init(_ text: String) {
        self.text = text
        words = WordTokenizer.tokens(text)
        sentences = SentenceSplitter.sentences(text)
        citations = CitationScanner.citations(in: text)
        var p: [String: [Int]] = [:]
        for (i, w) in words.enumerated() { p[w.folded, default: []].append(i) }
        positions = p
    }

    /// Units of a scope, as UTF-8 ranges.
    func units(_ scope: ScopeUnit) -> [Range<Int>] {
        switch scope {
        case .sentence: sentences.isEmpty ? [0..<text.utf8.count] : sentences
        case .paragraph: paragraphs()
        case .statement: [0..<text.utf8.count]
        }
    }

    enum ScopeUnit { case sentence, paragraph, statement }

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
}

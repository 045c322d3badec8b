import AttestModel

/// The units of a rule with `window: n`: runs of n consecutive sentences of one paragraph.
///
/// Sentences are cut at paragraph breaks (a blank line), so that no window holds text of two
/// paragraphs. A paragraph of k sentences gives the k − n + 1 windows starting at each of its
/// sentences but the last n − 1 (windows overlap: with n = 2, sentences 1–2, 2–3, 3–4 ...); a
/// paragraph of n sentences or fewer is one window. A window's range runs from the start of its
/// first sentence to the end of its last, UTF-8 offsets into the text.
struct SentenceWindows {
    /// The number of sentences in a full window.
    let size: Int
    /// The sentences of the text cut at paragraph breaks, in text order, disjoint.
    let sentences: [Range<Int>]
    /// Each window as the range of its sentences' indices in `sentences`, in text order.
    let windows: [Range<Int>]

    /// - Parameters:
    ///   - sentences: the text's sentences (`TextAnalysis.sentences`); empty means the whole text is one.
    init(_ size: Int, text: String, sentences: [Range<Int>]) {
        self.size = max(1, size)
        let length = text.utf8.count
        let paragraphs = TextAnalysis.paragraphs(text)
        var bytes: [UInt8] = []
        var cut: [Range<Int>] = [], paragraphOf: [Int] = []
        var p = 0
        for s in sentences.isEmpty ? [0..<length] : sentences {
            while p < paragraphs.count, paragraphs[p].upperBound <= s.lowerBound { p += 1 }
            var q = p
            while q < paragraphs.count, paragraphs[q].lowerBound < s.upperBound {
                let piece = max(s.lowerBound, paragraphs[q].lowerBound)..<min(s.upperBound, paragraphs[q].upperBound)
                if piece != s, bytes.isEmpty { bytes = Array(text.utf8) }
                let trimmed = piece == s ? s : Self.trimmed(bytes, piece)
                if !trimmed.isEmpty {
                    cut.append(trimmed)
                    paragraphOf.append(q)
                }
                q += 1
            }
        }
        var windows: [Range<Int>] = []
        var first = 0
        while first < cut.count {
            var end = first + 1
            while end < cut.count, paragraphOf[end] == paragraphOf[first] { end += 1 }
            if end - first <= self.size {
                windows.append(first..<end)
            } else {
                for i in first...(end - self.size) { windows.append(i..<(i + self.size)) }
            }
            first = end
        }
        if cut.isEmpty {
            // a text of white space only: one unit, as sentence scope gives
            cut = [0..<length]
            windows = [0..<1]
        }
        self.sentences = cut
        self.windows = windows
    }

    /// The UTF-8 range of window `k`.
    func unit(_ k: Int) -> Range<Int> { sentences[windows[k].lowerBound].lowerBound..<sentences[windows[k].upperBound - 1].upperBound }

    /// The part of window `k` that holds `spans` (text order, inside the window): from the start of
    /// the sentence where the first span starts to the end of the sentence where the last one ends,
    /// so a span across a full stop keeps both sentences. A span that starts or ends in the white
    /// space between two sentences takes the sentence before it, and the range always holds every
    /// span. No spans: the whole window.
    func unit(_ k: Int, holding spans: [MatchedSpan]) -> Range<Int> {
        let w = windows[k]
        guard let start = spans.map(\.start).min(), let end = spans.map(\.end).max() else { return unit(k) }
        // the last sentence of the window that starts at or before the offset (the first if none)
        func sentence(before offset: Int, strictly: Bool) -> Int {
            var i = w.lowerBound
            for j in w where strictly ? sentences[j].lowerBound < offset : sentences[j].lowerBound <= offset { i = j }
            return i
        }
        let first = sentence(before: start, strictly: false), last = max(first, sentence(before: end, strictly: true))
        return min(sentences[first].lowerBound, start)..<max(sentences[last].upperBound, end)
    }

    /// Every window's UTF-8 range, in order.
    var units: [Range<Int>] { windows.indices.map(unit) }

    /// The indices of the windows that hold one of the offsets, ascending (an offset outside every
    /// sentence is in no window).
    func windows(holding offsets: [Int]) -> [Int] {
        var held = Set<Int>()
        for offset in offsets {
            guard let s = TextAnalysis.unitIndex(of: offset, in: sentences) else { continue }
            // windows are sorted by first and by last sentence: the first that ends after s
            var lo = 0, hi = windows.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if windows[mid].upperBound <= s { lo = mid + 1 } else { hi = mid }
            }
            while lo < windows.count, windows[lo].lowerBound <= s {
                held.insert(lo)
                lo += 1
            }
        }
        return held.sorted()
    }

    /// `r` without white space (ASCII, U+00A0) at either end.
    private static func trimmed(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
        while lo < hi {
            if space(b[lo]) { lo += 1 } else if lo + 1 < hi, b[lo] == 0xC2, b[lo + 1] == 0xA0 { lo += 2 } else { break }
        }
        while hi > lo {
            if space(b[hi - 1]) { hi -= 1 } else if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2 } else { break }
        }
        return lo..<hi
    }
}

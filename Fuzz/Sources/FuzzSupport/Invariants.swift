import AttestCorpus
import AttestMatching
import AttestModel
import AttestText

/// Checks that the fuzz targets make on what Attest returns.
///
/// Each check stops the process with `fatalError` naming what was violated, so that libFuzzer
/// records the input as a crash artifact. Offsets are UTF-8 byte offsets, as everywhere in Attest.
public enum Invariants {
    /// `range` lies inside `text` and both ends fall on Unicode scalar boundaries.
    public static func checkRange(_ range: Range<Int>, in text: String, _ what: @autoclosure () -> String) {
        let count = text.utf8.count
        guard range.lowerBound >= 0, range.upperBound <= count else {
            fatalError("\(what()): range \(range) outside the text (\(count) UTF-8 bytes)")
        }
        guard isScalarBoundary(range.lowerBound, in: text), isScalarBoundary(range.upperBound, in: text) else {
            fatalError("\(what()): range \(range) splits a Unicode scalar")
        }
    }

    /// True when `offset` is 0, the end of `text`, or the first byte of a UTF-8 sequence.
    public static func isScalarBoundary(_ offset: Int, in text: String) -> Bool {
        let utf8 = text.utf8
        guard offset > 0, offset < utf8.count else { return offset == 0 || offset == utf8.count }
        let byte = utf8[utf8.index(utf8.startIndex, offsetBy: offset)]
        return byte & 0xC0 != 0x80
    }

    /// Ranges each inside `text`, in increasing order and not overlapping.
    public static func checkOrderedDisjoint(_ ranges: [Range<Int>], in text: String, _ what: String) {
        var previousEnd = 0
        for (i, r) in ranges.enumerated() {
            checkRange(r, in: text, "\(what) #\(i)")
            guard r.lowerBound >= previousEnd else {
                fatalError("\(what) #\(i): range \(r) overlaps or precedes the previous one (which ends at \(previousEnd))")
            }
            previousEnd = r.upperBound
        }
    }

    /// Every statement's paragraph offsets lie inside the source, and its line exists.
    public static func checkStatements(_ result: ReadResult, source: SourceText, reader: String) {
        let lines = source.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for (i, s) in result.statements.enumerated() {
            guard s.start <= s.end else { fatalError("\(reader) statement \(i): start \(s.start) > end \(s.end)") }
            checkRange(s.start..<s.end, in: source.text, "\(reader) statement \(i)")
            guard (1...lines).contains(s.line) else { fatalError("\(reader) statement \(i): line \(s.line) not in 1...\(lines)") }
            guard s.index == i else { fatalError("\(reader) statement \(i): index \(s.index)") }
        }
    }

    /// Words, sentences, citations and symbols of `text`: in bounds, ordered, not overlapping.
    public static func checkTextAnalysis(_ text: String) {
        let words = WordTokenizer.tokens(text)
        checkOrderedDisjoint(words.map { $0.start..<$0.end }, in: text, "word")
        for (i, w) in words.enumerated() where w.start >= w.end {
            fatalError("word #\(i): empty word at \(w.start)..<\(w.end) folded '\(w.folded)'")
        }
        let sentences = SentenceSplitter.sentences(text)
        checkOrderedDisjoint(sentences, in: text, "sentence")
        for (i, s) in sentences.enumerated() where s.isEmpty { fatalError("sentence #\(i): empty range \(s)") }
        checkOrderedDisjoint(CitationScanner.citations(in: text).map { $0.start..<$0.end }, in: text, "citation")
        let symbols = CitationScanner.symbols(in: text)
        checkOrderedDisjoint(symbols.map { $0.start..<$0.end }, in: text, "symbol")
        for (i, s) in symbols.enumerated() where s.start >= s.end { fatalError("symbol #\(i): empty range") }
    }

    /// A rule match: its unit inside the text, its spans inside the text and inside its unit.
    public static func checkMatch(_ m: RuleMatch, in text: String) {
        guard m.unitStart <= m.unitEnd else { fatalError("\(m.ruleID): unit \(m.unitStart) > \(m.unitEnd)") }
        let unit = m.unitStart..<m.unitEnd
        checkRange(unit, in: text, "\(m.ruleID) unit")
        for s in m.spans {
            guard s.start <= s.end else { fatalError("\(m.ruleID) span by \(s.by): \(s.start) > \(s.end)") }
            checkRange(s.start..<s.end, in: text, "\(m.ruleID) span by \(s.by)")
            guard unit.lowerBound <= s.start, s.end <= unit.upperBound else {
                fatalError("\(m.ruleID) span \(s.start)..<\(s.end) by \(s.by) outside its unit \(unit)")
            }
        }
    }

    /// An explanation node and its children: spans inside the text and inside the unit.
    public static func checkExplanation(_ e: Explanation, in text: String) {
        guard e.unitStart <= e.unitEnd else { fatalError("explain \(e.ruleID): unit \(e.unitStart) > \(e.unitEnd)") }
        let unit = e.unitStart..<e.unitEnd
        checkRange(unit, in: text, "explain \(e.ruleID) unit")
        func walk(_ n: Explanation.Node) {
            for s in n.spans {
                guard s.start <= s.end else { fatalError("explain \(e.ruleID) \(n.label): span \(s.start) > \(s.end)") }
                checkRange(s.start..<s.end, in: text, "explain \(e.ruleID) \(n.label)")
                guard unit.lowerBound <= s.start, s.end <= unit.upperBound else {
                    fatalError("explain \(e.ruleID) \(n.label): span \(s.start)..<\(s.end) outside its unit \(unit)")
                }
            }
            guard n.matched || n.spans.isEmpty else { fatalError("explain \(e.ruleID) \(n.label): spans on a node that did not match") }
            n.children.forEach(walk)
        }
        walk(e.tree)
        e.unless.map(walk)
    }
}

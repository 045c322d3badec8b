import AttestText

/// Every phrase of every loaded rule in one trie over folded words, so that a text is scanned
/// once whatever the number of rules (the idea of spaCy's PhraseMatcher).
///
/// Words are interned to integers when the automaton is built; scanning looks each word of the
/// text up once and walks the trie from each position, reporting every phrase that ends there —
/// all matches, overlapping ones included.
public struct PhraseAutomaton: Sendable {
    private var wordIDs: [String: Int32] = [:]
    private var children: [[Int32: Int32]] = [[:]]
    private var outputs: [[Int32]] = [[]]
    private var phraseIDs: [[String]: Int32] = [:]
    public private(set) var phraseCount = 0

    public init() {}

    /// Adds a phrase (its folded words) and returns its id; the same words give the same id.
    public mutating func add(_ words: [String]) -> Int32 {
        if let id = phraseIDs[words] { return id }
        let id = Int32(phraseCount)
        phraseCount += 1
        phraseIDs[words] = id
        var node: Int32 = 0
        for w in words {
            let wid: Int32
            if let known = wordIDs[w] { wid = known } else {
                wid = Int32(wordIDs.count)
                wordIDs[w] = wid
            }
            if let next = children[Int(node)][wid] { node = next } else {
                let next = Int32(children.count)
                children.append([:])
                outputs.append([])
                children[Int(node)][wid] = next
                node = next
            }
        }
        outputs[Int(node)].append(id)
        return id
    }

    /// A phrase found in a text: its id and the range of word indices it covers.
    public struct Hit: Sendable, Equatable {
        public var phrase: Int32
        public var words: Range<Int>
    }

    /// Every occurrence of every phrase in `words`, by start position then length.
    public func scan(_ words: [WordToken]) -> [Hit] {
        let ids = words.map { wordIDs[$0.folded] ?? -1 }
        var hits: [Hit] = []
        for start in ids.indices where ids[start] >= 0 {
            var node: Int32 = 0
            var j = start
            while j < ids.count, ids[j] >= 0, let next = children[Int(node)][ids[j]] {
                node = next
                j += 1
                for p in outputs[Int(node)] { hits.append(Hit(phrase: p, words: start..<j)) }
            }
        }
        return hits
    }
}

import AttestText
#if canImport(Glibc)
import Glibc
#endif

/// Every phrase of every loaded rule in one trie over folded words, so that a text is scanned
/// once whatever the number of rules (the idea of spaCy's PhraseMatcher).
///
/// Words are interned to integers when the automaton is built (`WordTable`, keyed by the bytes of
/// the folded word, so looking a word of a text up allocates nothing); the trie's edges are one
/// open-addressing table keyed by (node, word). Scanning walks the trie from each position and
/// reports every phrase that ends there — all matches, overlapping ones included.
///
/// A walk from each position costs up to the longest phrase per word of the text: a phrase of
/// 1,000 words against a statement of a million took 4.6 s, of 5,000 words over 30 s (issue 18).
/// When some phrase is longer than `walkDepth` words, the automaton is scanned instead as an
/// Aho–Corasick automaton (failure links over the same trie), in time linear in the text plus
/// the hits; the hits are the same, in the same order.
public struct PhraseAutomaton: Sendable {
    private(set) var words = WordTable()
    /// Trie edges: (node << 32 | word) → child node; the root's also by word id in `rootChildren`
    /// (every scan starts there, from every word).
    private var edges = EdgeTable()
    /// The root's child by word id, shifted by one: `rootChildren[id + 1]`, -1 for none. Slot 0
    /// answers for a word no phrase uses (id -1) and the last slot, always -1, for every id past
    /// the others, so that the walk finds the node a word starts from with one load and a
    /// minimum, and asks one question of each word — whether a phrase starts there — instead
    /// of three whose answers the text decides (branches mispredicted about once in two words).
    private var rootChildren: [Int32] = [-1, -1]
    private var nodeCount: Int32 = 1
    /// Per node, what a walk reads of it, together (one load: the walk waits on each node's):
    /// the phrase ending there, or -1 (a phrase is its words, so one node ends one phrase at
    /// most); and a 32-bit Bloom filter of the words of its edges, so that a walk stops where the
    /// next word cannot be a child (at a leaf, always) without probing `edges`.
    struct Node {
        var output: Int32
        var childWords: UInt32
    }
    private var nodes = [Node(output: -1, childWords: 0)]
    /// Per node: its parent, the word of the edge into it, its depth (the length of its phrase).
    private var parents: [Int32] = [-1]
    private var via: [Int32] = [-1]
    private var depths: [Int32] = [0]
    /// The number of words of the longest phrase.
    public private(set) var maxPhraseLength = 0
    /// Phrases up to this many words are found by walking the trie from every word (the fastest
    /// way for the phrases of real packs); a longer one switches to the failure links.
    static let walkDepth = 16
    /// The failure links, computed by `prepare()` (and on the fly by a scan without them).
    private var links: Links?

    /// Aho–Corasick links: for each node, the node of its longest proper suffix that is in the
    /// trie, and the node of its longest proper suffix that ends a phrase (0: none).
    struct Links: Sendable {
        var fail: [Int32]
        var output: [Int32]
    }

    @inline(__always) static func bloom(_ word: Int32) -> UInt32 {
        1 << ((UInt32(bitPattern: word) &* 0x9E37_79B1) >> 27)
    }
    private var phraseIDs: [[String]: Int32] = [:]
    public private(set) var phraseCount = 0

    public init() {
        for w in TextAnalysis.cueWords { _ = words.insert(w) }
    }

    /// The id of a folded word, or -1 when no phrase or cue uses it.
    public func id(ofWord word: String) -> Int32 {
        var w = word
        return w.withUTF8 { words.find($0) }
    }

    /// Adds a phrase (its folded words) and returns its id; the same words give the same id.
    public mutating func add(_ phrase: [String]) -> Int32 {
        if let id = phraseIDs[phrase] { return id }
        let id = Int32(phraseCount)
        phraseCount += 1
        phraseIDs[phrase] = id
        var node: Int32 = 0
        for w in phrase {
            let wid = words.insert(w)
            if let next = edges.find(node, wid) { node = next } else {
                let next = nodeCount
                nodeCount += 1
                nodes.append(Node(output: -1, childWords: 0))
                parents.append(node)
                via.append(wid)
                depths.append(depths[Int(node)] + 1)
                nodes[Int(node)].childWords |= Self.bloom(wid)
                edges.insert(node, wid, next)
                if node == 0 {
                    // (slot wid + 1, and a last slot of -1 after it)
                    if rootChildren.count <= Int(wid) + 2 { rootChildren += [Int32](repeating: -1, count: Int(wid) + 3 - rootChildren.count) }
                    rootChildren[Int(wid) + 1] = next
                }
                node = next
            }
        }
        nodes[Int(node)].output = id
        maxPhraseLength = max(maxPhraseLength, phrase.count)
        links = nil
        return id
    }

    /// Computes the failure links once, so that scans with a long phrase do not (call it when
    /// every phrase is added; adding another discards them).
    public mutating func prepare() {
        if links == nil { links = makeLinks() }
    }

    /// The failure links, nodes taken by depth (a node's parent's link is known before its own).
    private func makeLinks() -> Links {
        let count = Int(nodeCount)
        var fail = [Int32](repeating: 0, count: count), output = [Int32](repeating: 0, count: count)
        // counting sort of the nodes by depth
        var start = [Int](repeating: 0, count: maxPhraseLength + 2)
        for d in depths { start[Int(d) + 1] += 1 }
        for d in 1..<start.count { start[d] += start[d - 1] }
        var order = [Int32](repeating: 0, count: count)
        for v in 0..<count {
            let d = Int(depths[v])
            order[start[d]] = Int32(v)
            start[d] += 1
        }
        for v in order.dropFirst() {
            let u = parents[Int(v)], w = via[Int(v)]
            var f: Int32 = 0
            if u != 0 {
                f = fail[Int(u)]
                while true {
                    if let next = edges.find(f, w) { f = next; break }
                    if f == 0 { break }
                    f = fail[Int(f)]
                }
            }
            fail[Int(v)] = f
            output[Int(v)] = nodes[Int(f)].output >= 0 ? f : output[Int(f)]
        }
        return Links(fail: fail, output: output)
    }

    /// A phrase found in a text: its id and the range of word indices it covers.
    public struct Hit: Sendable, Equatable {
        public var phrase: Int32
        public var words: Range<Int>

        public init(phrase: Int32, words: Range<Int>) {
            self.phrase = phrase
            self.words = words
        }
    }

    /// Every occurrence of every phrase in `words`, by start position then length.
    public func scan(_ words: [WordToken]) -> [Hit] {
        scan(ids: words.map { id(ofWord: $0.folded) })
    }

    /// Every occurrence of every phrase in a text given as word ids (-1: a word no phrase uses),
    /// by start position then length.
    public func scan(ids: [Int32]) -> [Hit] {
        maxPhraseLength > Self.walkDepth ? scanWithLinks(ids: ids) : walk(ids: ids)
    }

    /// `scan` by walking the trie from every word: up to the longest phrase per word.
    func walk(ids: [Int32]) -> [Hit] {
        var hits: [Hit] = []
        // room for the hits of most texts at once (grown from empty, the array was allocated
        // three times a statement on average with 100 rules)
        hits.reserveCapacity(max(16, ids.count / 4))
        ids.withUnsafeBufferPointer { ids in
            nodes.withUnsafeBufferPointer { nodes in
                rootChildren.withUnsafeBufferPointer { root in
                    let last = root.count &- 1
                    for start in 0..<ids.count {
                        // (ids are -1 or more: the slot is between 0 and the last, -1 past the root's words)
                        var node = root[min(Int(ids[start]) &+ 1, last)]
                        guard node >= 0 else { continue }
                        var j = start + 1
                        while true {
                            let n = nodes[Int(node)]
                            if n.output >= 0 { hits.append(Hit(phrase: n.output, words: start..<j)) }
                            guard j < ids.count, ids[j] >= 0, n.childWords & Self.bloom(ids[j]) != 0, let next = edges.find(node, ids[j]) else { break }
                            node = next
                            j += 1
                        }
                    }
                }
            }
        }
        return hits
    }

    /// `scan` by the failure links: each word moves one state forward, or back along the links
    /// (never more in all than forward), and reports the phrases ending there. Linear in the
    /// text plus the hits, whatever the length of the phrases.
    func scanWithLinks(ids: [Int32]) -> [Hit] {
        let links = self.links ?? makeLinks()
        var hits: [Hit] = []
        var sorted = true
        ids.withUnsafeBufferPointer { ids in
          nodes.withUnsafeBufferPointer { nodes in
            depths.withUnsafeBufferPointer { depths in
              links.fail.withUnsafeBufferPointer { fail in
                links.output.withUnsafeBufferPointer { output in
                  var state: Int32 = 0
                  for j in 0..<ids.count {
                      let w = ids[j]
                      // a word no phrase uses: no phrase runs through it
                      guard w >= 0 else { state = 0; continue }
                      while true {
                          if nodes[Int(state)].childWords & Self.bloom(w) != 0, let next = edges.find(state, w) {
                              state = next
                              break
                          }
                          if state == 0 { break }
                          state = fail[Int(state)]
                      }
                      // the phrases ending at word j, longest first
                      var s = nodes[Int(state)].output >= 0 ? state : output[Int(state)]
                      while s > 0 {
                          let hit = Hit(phrase: nodes[Int(s)].output, words: (j + 1 - Int(depths[Int(s)]))..<(j + 1))
                          if sorted, let last = hits.last, (last.words.lowerBound, last.words.upperBound) > (hit.words.lowerBound, hit.words.upperBound) {
                              sorted = false
                          }
                          hits.append(hit)
                          s = output[Int(s)]
                      }
                  }
                }
              }
            }
          }
        }
        // found by where they end; reported by where they start, then by length (a word range is
        // one phrase at most, so the order is total)
        if !sorted { hits.sort { ($0.words.lowerBound, $0.words.upperBound) < ($1.words.lowerBound, $1.words.upperBound) } }
        return hits
    }
}

/// Folded words interned to dense ids, looked up by their UTF-8 bytes.
struct WordTable: Sendable {
    /// The words' bytes one after another, and eight zero bytes.
    private var bytes = [UInt8](repeating: 0, count: 8)
    /// Per id: where its bytes start in `bytes`, and how many.
    private var spans: [Span] = []

    struct Span {
        var start: Int32
        var length: Int32
    }
    /// Open addressing, capacity a power of two. A slot holds all a lookup needs in 16 bytes
    /// (one cache line read per probe): the word's first eight bytes (zero-padded), and its hash,
    /// length and id + 1 (0 = empty). Only a word longer than eight bytes is compared in `bytes`.
    private var slots = [Slot](repeating: Slot(prefix: 0, meta: 0), count: 64)
    /// One bit per word hash present: a word of a text that no rule uses is usually told so here,
    /// without reading a slot. Its size follows the words': 32 bits per slot (64 to 128 per word,
    /// so that about one word in a hundred that is not in the table passes), from 2^11 bits to
    /// 2^18 (32 KB). Sized so, the filter of a pack of a few hundred words is a few cache lines,
    /// where a fixed 32 KB one filled this processor's first-level cache (the word scan's misses
    /// in that cache fell by a fifth: `Benchmarks/README.md`).
    private var filter = [UInt64](repeating: 0, count: 1 << 5)

    static let minimumFilterBits = 11, maximumFilterBits = 18

    /// The filter's bit for hash `h` in a filter of `mask` + 1 bits: the hash's bits from 14 up,
    /// masked (the slots are chosen by its low bits).
    @inline(__always) static func bit(_ h: UInt32, _ mask: Int) -> Int { Int(truncatingIfNeeded: h >> 14) & mask }

    /// The filter's bits − 1.
    private var filterMask: Int { filter.count &* 64 &- 1 }

    struct Slot {
        var prefix: UInt64
        /// hash (bits 0-31), length (bits 32-39, 255 for 255 and more), id + 1 (bits 40-63)
        var meta: UInt64
    }

    /// The hash of a word: its bytes taken eight at a time as little-endian integers (the last
    /// zero-padded), each mixed in by a multiply, the length first and a final mix so that every
    /// byte reaches the low bits a slot is chosen by. Eight bytes at a time so that a scanner that
    /// holds the word in a padded buffer hashes it in a few instructions (`hash(padded:)`); the
    /// table is built with the same function (`hash(_:)`).
    @inline(__always) static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let m = (h ^ chunk) &* 0x9E37_79B9_7F4A_7C15
        return m ^ (m >> 29)
    }

    @inline(__always) static func finish(_ h: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: (h &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }

    /// The first `count` (below 8) bytes of `p`, zero-padded, as one little-endian integer,
    /// read byte by byte (no byte past them).
    @inline(__always) static func partial(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<count { v |= UInt64(p[k]) << (8 * UInt64(k)) }
        return v
    }

    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let p = b.baseAddress else { return finish(mix(0, 0)) }
        var h = UInt64(b.count)
        var k = 0
        while k + 8 <= b.count {
            h = mix(h, UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)))
            k += 8
        }
        if k < b.count || b.count == 0 { h = mix(h, partial(p + k, b.count - k)) }
        return finish(h)
    }

    /// `hash(b)` and `prefix(b)` of a word of `count` bytes at `p` that are followed by at least
    /// 8 readable bytes (the word is read eight bytes at a time, the last load masked).
    @inline(__always) static func hash(padded p: UnsafePointer<UInt8>, count: Int) -> (hash: UInt32, prefix: UInt64) {
        let raw = UnsafeRawPointer(p)
        var h = UInt64(count)
        var k = 0
        while k + 8 < count {
            h = mix(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)))
            k += 8
        }
        // the last 1-8 bytes (or none, for the empty word), one load masked
        let rest = count - k
        let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
        h = mix(h, rest >= 8 ? last : last & ((1 << (8 * UInt64(rest))) &- 1))
        let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        return (finish(h), count >= 8 ? first : first & ((1 << (8 * UInt64(count))) &- 1))
    }

    /// The first eight bytes, zero-padded, as one integer.
    @inline(__always) static func prefix(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<min(8, b.count) { v |= UInt64(b[k]) << (8 * UInt64(k)) }
        return v
    }

    @inline(__always) static func key(_ h: UInt32, _ length: Int) -> UInt64 {
        UInt64(h) | UInt64(min(length, 255)) << 32
    }

    func find(_ b: UnsafeBufferPointer<UInt8>) -> Int32 { find(b, hash: Self.hash(b)) }

    /// The id of the word `b` whose hash is `h`, or -1: the scanner's `Lookup`, given the word in
    /// a copy followed by eight zero bytes (it reads a word eight bytes at a time). For building
    /// the table and for the words the scanner folds (`WordScan.slowWord`), which are few.
    func find(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32 {
        withLookup { lookup in
            guard lookup.mayContain(h) else { return -1 }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 8) { padded in
                let p = padded.baseAddress!
                if let base = b.baseAddress { p.initialize(from: base, count: b.count) }
                (p + b.count).initialize(repeating: 0, count: 8)
                return lookup.probe(p, count: b.count, hash: h, prefix: Self.prefix(b), long: b.count >= 255)
            }
        }
    }

    /// The table as the scanner reads it, word after word: pointers and masks that stay in
    /// registers for the whole text (read through `self`, each word loaded the arrays' addresses
    /// and counts again). Valid inside `withLookup` only.
    struct Lookup {
        let filter: UnsafePointer<UInt64>
        let filterMask: Int
        let slots: UnsafePointer<Slot>
        let slotMask: Int
        /// The words' bytes, followed by eight zero bytes.
        let arena: UnsafePointer<UInt8>
        /// Nil for an empty table, whose filter tells every word it is absent before a slot is read.
        let spans: UnsafePointer<Span>?

        /// Whether a word of hash `h` may be in the table (one bit of the filter): most words of a
        /// text are in no phrase, and are told so here.
        @inline(__always) func mayContain(_ h: UInt32) -> Bool {
            let f = WordTable.bit(h, filterMask)
            return filter[f >> 6] & (1 << UInt64(f & 63)) != 0
        }

        /// The id of the word of `count` bytes at `p`, followed by at least eight readable bytes
        /// (a padded buffer), whose hash is `h` (`WordTable.hash`) and whose first eight bytes are
        /// `prefix`; or -1. A slot's key holds the hash and the length up to 255: a word of eight
        /// bytes or fewer is its prefix; a longer one is compared past it eight bytes at a time,
        /// the last load masked, instead of by `memcmp`. `long`: the word may have 255 bytes or
        /// more, whose lengths the key does not tell apart (false for the scanner's words, of 64
        /// bytes at most, which then never read the lengths).
        @inline(__always) func probe(_ p: UnsafePointer<UInt8>, count: Int, hash h: UInt32, prefix: UInt64, long: Bool = false) -> Int32 {
            assert(long || count < 255, "WordTable.Lookup: a word of 255 bytes or more probed as a short one")
            let key = WordTable.key(h, count)
            var i = Int(h) & slotMask
            while true {
                let s = slots[i]
                if s.meta == 0 { return -1 }
                if s.meta & 0xFF_FFFF_FFFF == key, s.prefix == prefix {
                    let id = Int(s.meta >> 40) &- 1
                    // equal keys: equal lengths below 255
                    if count <= 8 || (!long || Int(spans.unsafelyUnwrapped[id].length) == count) && rest(id, p, count) {
                        return Int32(id)
                    }
                }
                i = (i &+ 1) & slotMask
            }
        }

        /// Whether bytes 8..<count of word `id` are those of `p`.
        @inline(__always) private func rest(_ id: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            let a = UnsafeRawPointer(arena + Int(spans.unsafelyUnwrapped[id].start)), b = UnsafeRawPointer(p)
            var k = 8
            while k < count {
                let x = a.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let left = count &- k
                let masked = left >= 8 ? x : x & ((1 &<< UInt64(8 &* left)) &- 1)
                if masked != 0 { return false }
                k &+= 8
            }
            return true
        }
    }

    /// Calls `body` with the table's `Lookup`.
    @inline(__always) func withLookup<R>(_ body: (Lookup) -> R) -> R {
        filter.withUnsafeBufferPointer { f in
            slots.withUnsafeBufferPointer { s in
                bytes.withUnsafeBufferPointer { a in
                    spans.withUnsafeBufferPointer { w in
                        body(Lookup(filter: f.baseAddress!, filterMask: filterMask, slots: s.baseAddress!, slotMask: s.count - 1,
                                    arena: a.baseAddress!, spans: w.baseAddress))
                    }
                }
            }
        }
    }

    /// The id of `word`, added if new.
    mutating func insert(_ word: String) -> Int32 {
        var w = word
        let found = w.withUTF8 { find($0) }
        if found >= 0 { return found }
        let id = Int32(spans.count)
        // `bytes` ends with eight zero bytes (for `Lookup`'s eight-byte loads): the new word replaces them
        bytes.removeLast(8)
        spans.append(Span(start: Int32(bytes.count), length: Int32(word.utf8.count)))
        bytes.append(contentsOf: word.utf8)
        bytes.append(contentsOf: repeatElement(0, count: 8))
        if spans.count * 2 > slots.count { rehash(slots.count * 2) } else { place(id) }
        return id
    }

    private mutating func place(_ id: Int32) {
        let (h, prefix, n) = bytes.withUnsafeBufferPointer { arena in
            let b = UnsafeBufferPointer(rebasing: arena[Int(spans[Int(id)].start)..<Int(spans[Int(id)].start + spans[Int(id)].length)])
            return (Self.hash(b), Self.prefix(b), b.count)
        }
        let mask = slots.count - 1
        var i = Int(h) & mask
        // SAFETY: the table is rehashed before it is half full, so a free slot ends the probe
        assert(spans.count * 2 <= slots.count, "WordTable: probing a table more than half full")
        while slots[i].meta != 0 { i = (i + 1) & mask }
        slots[i] = Slot(prefix: prefix, meta: Self.key(h, n) | UInt64(id + 1) << 40)
        let f = Self.bit(h, filterMask)
        filter[f >> 6] |= 1 << UInt64(f & 63)
    }

    private mutating func rehash(_ capacity: Int) {
        slots = [Slot](repeating: Slot(prefix: 0, meta: 0), count: capacity)
        // 32 bits per slot: capacity is a power of two, and so is the filter
        let bits = min(max(capacity.trailingZeroBitCount + 5, Self.minimumFilterBits), Self.maximumFilterBits)
        filter = [UInt64](repeating: 0, count: 1 << (bits - 6))
        for id in 0..<Int32(spans.count) { place(id) }
    }
}

/// The trie's edges: (node, word) → child, open addressing over 64-bit keys, each key beside its
/// child (one cache line read per probe).
struct EdgeTable: Sendable {
    struct Entry {
        var key: UInt64
        var child: Int32
    }

    private var entries = [Entry](repeating: Entry(key: .max, child: 0), count: 64)
    private var count = 0

    @inline(__always) static func key(_ node: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    @inline(__always) static func slot(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    @inline(__always) func find(_ node: Int32, _ word: Int32) -> Int32? {
        let k = Self.key(node, word)
        let mask = entries.count - 1
        var i = Self.slot(k, mask)
        return entries.withUnsafeBufferPointer { entries in
            while true {
                let e = entries[i]
                if e.key == k { return e.child }
                if e.key == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ node: Int32, _ word: Int32, _ child: Int32) {
        if (count + 1) * 2 > entries.count {
            let old = entries.filter { $0.key != .max }
            entries = [Entry](repeating: Entry(key: .max, child: 0), count: entries.count * 2)
            for e in old { put(e) }
        }
        put(Entry(key: Self.key(node, word), child: child))
        count += 1
    }

    private mutating func put(_ e: Entry) {
        let mask = entries.count - 1
        var i = Self.slot(e.key, mask)
        // SAFETY: `insert` doubles the table before it is half full, so a free slot ends the probe
        assert(count * 2 < entries.count, "EdgeTable: probing a table at least half full")
        while entries[i].key != .max { i = (i + 1) & mask }
        entries[i] = e
    }
}

import AttestFormats
import AttestText
import Foundation

/// The delegations Attest knows: States, observer States, organizations, UN entities, and groups.
///
/// Names are compared word by word after folding (case, diacritics, punctuation and typography
/// do not matter; a leading "the" is ignored). A name never matches inside a longer one:
/// a search takes the longest name at each place ("Democratic People's Republic of Korea" before
/// "Republic of Korea") and never starts or ends a name inside a hyphenated or apostrophised
/// word ("Guinea" is not found in "Guinea-Bissau"), and "Niger" is never a prefix of "Nigeria"
/// because names are whole words.
public struct Gazetteer: Sendable {
    /// What a name refers to.
    public enum Target: Sendable, Hashable {
        case entry(Delegation)
        case group(DelegationGroup)

        public var name: String {
            switch self {
            case .entry(let d): d.name
            case .group(let g): g.name
            }
        }
    }

    /// A name found in a text.
    public struct Mention: Sendable, Hashable {
        public var target: Target
        /// Range of word indices in the searched text.
        public var words: Range<Int>
        /// UTF-8 offsets in the searched text.
        public var start: Int
        public var end: Int
    }

    public let entries: [Delegation]
    public let groups: [DelegationGroup]
    private let byKey: [String: Target]
    /// Acronym aliases ("US", "WHO", "UNODC"): they match only a word written in capitals.
    private let acronyms: Set<String>
    private let byCanonicalName: [String: Delegation]
    private let maxWords: Int
    /// For each first word of a key, the numbers of words of the keys that start with it, longest
    /// first: a search tries only those lengths at a place, and none where no name starts.
    private let lengthsByFirstWord: [String: [Int]]

    public init(entries: [Delegation], groups: [DelegationGroup] = []) {
        self.entries = entries
        self.groups = groups
        var keys: [String: Target] = [:]
        var caps: Set<String> = [], spelledInLowerCase: Set<String> = []
        var longest = 1
        func add(_ name: String, _ target: Target) {
            let tokens = WordTokenizer.tokens(name)
            if tokens.count == 1 {
                if tokens[0].isAllCaps { caps.insert(tokens[0].folded) } else { spelledInLowerCase.insert(tokens[0].folded) }
            }
            var words = tokens.map(\.folded)
            if words.first == "the", words.count > 1 { words.removeFirst() }
            guard !words.isEmpty else { return }
            longest = max(longest, words.count)
            let key = words.joined(separator: " ")
            if keys[key] == nil { keys[key] = target }
        }
        for e in entries {
            add(e.name, .entry(e))
            for a in e.aliases { add(a, .entry(e)) }
        }
        for g in groups {
            add(g.name, .group(g))
            for a in g.aliases { add(a, .group(g)) }
        }
        byKey = keys
        var lengths: [String: Set<Int>] = [:]
        for key in keys.keys {
            // a key's words as `match` joins them (a folded word holds no space: see `match`)
            let parts = key.split(separator: " ", omittingEmptySubsequences: false)
            lengths[String(parts[0]), default: []].insert(parts.count)
        }
        lengthsByFirstWord = lengths.mapValues { $0.sorted(by: >) }
        acronyms = caps.subtracting(spelledInLowerCase)
        byCanonicalName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        maxWords = longest
    }

    /// The gazetteer shipped with Attest (`Resources/gazetteer.json`).
    public static let standard: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let gazetteer = try? Gazetteer(json: data) else {
            preconditionFailure("the bundled gazetteer.json is missing or invalid")
        }
        return gazetteer
    }()

    /// Reads a gazetteer in the format of `Resources/gazetteer.json`.
    public init(json data: Data) throws {
        struct File: Decodable {
            var entries: [Delegation]
            var groups: [DelegationGroup]?
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        self.init(entries: file.entries, groups: file.groups ?? [])
    }

    /// The entry with this canonical name.
    public func entry(named canonical: String) -> Delegation? {
        byCanonicalName[canonical]
    }

    /// The entry or group whose name or alias is exactly `name` (after folding).
    public func lookup(_ name: String) -> Target? {
        var words = WordTokenizer.tokens(name).map(\.folded)
        if words.first == "the", words.count > 1 { words.removeFirst() }
        return byKey[words.joined(separator: " ")]
    }

    /// Like `lookup`, and when nothing matches exactly, the single State whose name is within a
    /// small edit distance (one edit per eight letters, at least one): OCR gives "C6te d'Ivoire".
    public func lookupTolerant(_ name: String) -> Target? {
        if let exact = lookup(name) { return exact }
        let key = WordTokenizer.key(name)
        guard key.count >= 5 else { return nil }
        let budget = max(1, key.count / 8)
        var best: (Target, Int)?
        var tie = false
        for (candidate, target) in byKey where abs(candidate.count - key.count) <= budget {
            let d = EditDistance.levenshtein(key, candidate, limit: budget)
            guard d <= budget else { continue }
            if let b = best {
                if d < b.1 { best = (target, d); tie = false } else if d == b.1, b.0 != target { tie = true }
            } else {
                best = (target, d)
            }
        }
        return tie ? nil : best?.0
    }

    /// Every name in `text`, leftmost-longest, not overlapping.
    public func mentions(in text: String) -> [Mention] {
        let words = WordTokenizer.tokens(text)
        let indexed = Self.joinsInjectively(words)
        var found: [Mention] = []
        var i = 0
        while i < words.count {
            if let m = match(words, at: i, indexed: indexed) {
                found.append(m)
                i = m.words.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// The name that starts `text` (after an optional "the"), if any.
    public func prefixMatch(_ text: String) -> Mention? {
        let words = WordTokenizer.tokens(text)
        guard !words.isEmpty else { return nil }
        let indexed = Self.joinsInjectively(words)
        if let m = match(words, at: 0, indexed: indexed) { return m }
        if words[0].folded == "the", words.count > 1 { return match(words, at: 1, indexed: indexed) }
        return nil
    }

    /// True when no folded word holds a space, so that the words joined by spaces are split back
    /// into the same words: then the key of words i..<i+n has n words and starts with word i, and
    /// `lengthsByFirstWord` lists n when that key is a name.
    static func joinsInjectively(_ words: [WordToken]) -> Bool {
        !words.contains { $0.folded.utf8.contains(0x20) }
    }

    /// The longest name that starts at word `i`. With `indexed`, only the lengths of the names that
    /// start with word i are tried (the others cannot be keys: `joinsInjectively`); the answer is
    /// the same as trying every length from the longest name's down.
    func match(_ words: [WordToken], at i: Int, indexed: Bool) -> Mention? {
        guard !words[i].joinedToPrevious || i == 0 else { return nil }
        if indexed {
            guard let lengths = lengthsByFirstWord[words[i].folded] else { return nil }
            for length in lengths where length <= words.count - i {
                if let m = candidate(words, i, length) { return m }
            }
            return nil
        }
        var length = min(maxWords, words.count - i)
        while length >= 1 {
            if let m = candidate(words, i, length) { return m }
            length -= 1
        }
        return nil
    }

    /// The name of words i..<i+length, when they are one and do not end inside a joined word.
    private func candidate(_ words: [WordToken], _ i: Int, _ length: Int) -> Mention? {
        let end = i + length
        guard end == words.count || !words[end].joinedToPrevious else { return nil }
        let key = words[i..<end].map(\.folded).joined(separator: " ")
        guard let target = byKey[key], length > 1 || words[i].isAllCaps || !acronyms.contains(key) else { return nil }
        return Mention(target: target, words: i..<end, start: words[i].start, end: words[end - 1].end)
    }
}

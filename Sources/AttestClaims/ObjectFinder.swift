import AttestFacts
import AttestRules
import Foundation

/// An object named in a sentence: its ids (several for a plural alias), kind, and place.
struct ObjectMention {
    var ids: [String]
    var kind: ClaimObjectKind
    /// UTF-16 range in the sentence.
    var range: NSRange
    var text: String
}

/// Finds the objects of claims in a sentence: instrument and body aliases (from the facts and the
/// pack's `objects:`), resolution citations ("resolutions 2117 (2013) and 2220 (2015)"),
/// presidential statements ("S/PRST/2020/3"), and anaphors ("the resolution", "the draft
/// resolution", "today's resolution") that resolve to the resolution adopted at the meeting.
struct ObjectFinder {
    let aliasRegex: NSRegularExpression?
    private let aliasIDs: [String: (ids: [String], kind: ClaimObjectKind, acronym: Bool)]
    private static let resolutionList = try! NSRegularExpression(
        pattern: #"(?:\bS/RES/|\bresolutions?\s+)(\d{3,4})(?:\s*\((\d{4})\))?((?:\s*,\s*(?:and\s+)?|\s+and\s+)\d{3,4}(?:\s*\(\d{4}\))?)*"#,
        options: [.caseInsensitive])
    private static let number = try! NSRegularExpression(pattern: #"\d{3,4}(?:\s*\(\d{4}\))?"#)
    private static let prst = try! NSRegularExpression(pattern: #"\bS/PRST/(\d{4})/(\d+)"#)
    private static let anaphor = try! NSRegularExpression(
        pattern: #"\b(?:the|this|that|today's|today’s|our|its|kind\s+of)\s+(?:draft\s*resolution|resolution|text)\b(?!\s+\d)|\b(?:this\s+evening['’]s|today['’]s|the|this)\s+(?:voting|vote)\b(?!\s+(?:on|for|in\s+favou?r\s+of)\s+(?:the\s+)?(?:draft\s+)?resolution)"#,
        options: [.caseInsensitive])

    init(facts: TreatyFacts, objects: [ClaimObject]) {
        var map: [String: (ids: [String], kind: ClaimObjectKind, acronym: Bool)] = [:]
        func add(_ alias: String, _ id: String, _ kind: ClaimObjectKind) {
            let key = Self.fold(alias)
            let acronym = alias.count <= 8 && alias == alias.uppercased() && alias.rangeOfCharacter(from: .lowercaseLetters) == nil
            if var e = map[key] {
                if !e.ids.contains(id) { e.ids.append(id) }
                map[key] = e
            } else {
                map[key] = ([id], kind, acronym)
            }
        }
        for a in facts.aliases {
            let kind: ClaimObjectKind = facts.instruments[a.id]?.kind == .body ? .body : .instrument
            add(a.alias, a.id, kind)
        }
        for o in objects { for a in o.aliases { add(a, o.id, o.kind) } }
        aliasIDs = map
        let alternatives = map.keys.sorted { ($0.count, $0) > ($1.count, $1) }.map { key in
            NSRegularExpression.escapedPattern(for: key).replacingOccurrences(of: " ", with: "\\s+")
        }
        aliasRegex = alternatives.isEmpty ? nil
            : try? NSRegularExpression(pattern: "(?<![\\w-])(?:" + alternatives.joined(separator: "|") + ")(?![\\w-])", options: [.caseInsensitive])
        // the first word of every alias, when each is one of plain letters (else every search is a full scan)
        var firsts: Set<[UInt16]>? = []
        for key in map.keys {
            let first = Self.firstWord(key)
            if let first, !first.isEmpty { firsts?.insert(first) } else { firsts = nil; break }
        }
        aliasFirstWords = firsts
    }

    /// The folded first words of the aliases (nil: a search scans every place of the sentence).
    private let aliasFirstWords: Set<[UInt16]>?

    /// How the alias search sees a UTF-16 unit of a sentence: a word character of ICU's `\w`
    /// (true), another character (false), or nil for a unit outside the characters whose case
    /// folding is their lower case, one unit for one: ASCII, the letters of Latin-1 but ß, and the
    /// caseless spaces, dashes and quotes of typeset text (none of which is `\w`).
    static func plainUnit(_ u: UInt16) -> Bool? {
        switch u {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        case 0x00...0x7F: false
        case 0xD7, 0xDF, 0xF7: nil
        case 0xC0...0xFF: true
        case 0xA0, 0xAB, 0xBB, 0x2009, 0x2010...0x2015, 0x2018...0x201F, 0x2022, 0x2026, 0x202F: false
        default: nil
        }
    }

    /// The lower case of a unit `plainUnit` accepts (its case folding).
    static func foldedUnit(_ u: UInt16) -> UInt16 {
        (u >= 0x41 && u <= 0x5A) || (u >= 0xC0 && u <= 0xDE && u != 0xD7) ? u | 0x20 : u
    }

    /// The folded run of word characters that starts `key`, or nil when a unit of it is not plain.
    static func firstWord(_ key: String) -> [UInt16]? {
        var word: [UInt16] = []
        for u in key.utf16 {
            guard let isWord = plainUnit(u) else { return nil }
            if !isWord { break }
            word.append(foldedUnit(u))
        }
        return word
    }

    /// The matches of the alias expression in `sentence`, left to right, as its full scan finds
    /// them. When the sentence is plain (`plainUnit`), the expression is asked only where a word
    /// that is some alias's first word begins, anchored there (its lookbehind seeing the text
    /// before): a match begins after a character that is not `\w`, and its first word, folded
    /// unit for unit, is the alias's first word, followed by what follows that in the alias (a
    /// space for `\s+`, punctuation, or the end with `(?![\w-])`), none of which is `\w`, so it
    /// is a whole word of the sentence. The first place where the expression matches is where
    /// the full scan's next match begins, and that match is the same.
    func aliasMatches(_ aliasRegex: NSRegularExpression, in sentence: String, length: Int) -> [NSRange] {
        let whole = NSRange(location: 0, length: length)
        guard let firsts = aliasFirstWords else { return aliasRegex.matches(in: sentence, range: whole).map(\.range) }
        let units = Array(sentence.utf16)
        var places: [Int] = []
        var word: [UInt16] = []
        var i = 0
        while i < units.count {
            guard let isWord = Self.plainUnit(units[i]) else { return aliasRegex.matches(in: sentence, range: whole).map(\.range) }
            guard isWord else { i += 1; continue }
            let start = i
            word.removeAll(keepingCapacity: true)
            while i < units.count {
                guard let inWord = Self.plainUnit(units[i]) else { return aliasRegex.matches(in: sentence, range: whole).map(\.range) }
                if !inWord { break }
                word.append(Self.foldedUnit(units[i]))
                i += 1
            }
            if firsts.contains(word) { places.append(start) }
        }
        var found: [NSRange] = []
        var next = 0
        for p in places where p >= next {
            let rest = NSRange(location: p, length: units.count - p)
            if let m = aliasRegex.firstMatch(in: sentence, options: [.anchored, .withTransparentBounds], range: rest) {
                found.append(m.range)
                next = NSMaxRange(m.range)
            }
        }
        return found
    }

    static func fold(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "’", with: "'").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Every object mention of `sentence`, left to right, not overlapping (longest first).
    /// - Parameter meetingResolution: the resolution adopted at the statement's meeting, for anaphors.
    /// - Parameter lastCited: the resolution last cited before this sentence in the statement.
    func mentions(in sentence: String, meetingResolution: Int?, lastCited: Int?) -> [ObjectMention] {
        let ns = sentence as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var found: [ObjectMention] = []
        for m in Self.resolutionList.matches(in: sentence, range: whole) {
            var first = true
            for n in Self.number.matches(in: sentence, range: m.range) {
                let digits = ns.substring(with: n.range).prefix { $0.isNumber }
                let range = first ? NSRange(location: m.range.location, length: NSMaxRange(n.range) - m.range.location) : n.range
                found.append(ObjectMention(ids: ["res-\(digits)"], kind: .resolution, range: range, text: ns.substring(with: range)))
                first = false
            }
        }
        for m in Self.prst.matches(in: sentence, range: whole) {
            let y = ns.substring(with: m.range(at: 1)), n = ns.substring(with: m.range(at: 2))
            found.append(ObjectMention(ids: ["prst-\(y)-\(n)"], kind: .presidentialStatement, range: m.range, text: ns.substring(with: m.range)))
        }
        for m in Self.anaphor.matches(in: sentence, range: whole) where !found.contains(where: { NSIntersectionRange($0.range, m.range).length > 0 }) {
            let id = (meetingResolution ?? lastCited).map { "res-\($0)" } ?? "unresolved"
            found.append(ObjectMention(ids: [id], kind: .resolution, range: m.range, text: ns.substring(with: m.range)))
        }
        if let aliasRegex {
            for range in aliasMatches(aliasRegex, in: sentence, length: ns.length) where !found.contains(where: { NSIntersectionRange($0.range, range).length > 0 }) {
                let text = ns.substring(with: range)
                guard let entry = aliasIDs[Self.fold(text)] else { continue }
                if entry.acronym && text != text.uppercased() { continue }
                found.append(ObjectMention(ids: entry.ids, kind: entry.kind, range: range, text: text))
            }
        }
        return found.sorted { $0.range.location < $1.range.location }
    }
}

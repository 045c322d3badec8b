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
        // the aliases by first word, in the expression's order, when every alias is plain (else
        // every search is the expression's full scan)
        var byFirst: [[UInt16]: [[UInt16]]]? = [:]
        for key in map.keys.sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
            guard let first = Self.firstWord(key), !first.isEmpty, key.utf16.allSatisfy({ Self.plainUnit($0) != nil }) else {
                byFirst = nil
                break
            }
            byFirst?[first, default: []].append(key.utf16.map(Self.foldedUnit))
        }
        aliasesByFirstWord = byFirst
    }

    /// The aliases (folded, UTF-16) by their folded first word, each list in the order of the
    /// expression's alternatives; nil when an alias is not plain (`plainUnit`).
    private let aliasesByFirstWord: [[UInt16]: [[UInt16]]]?

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

    /// ICU's `\s` (the Unicode property White_Space, which has the vertical tab and not the
    /// information separators U+001C-U+001F) among the units `plainUnit` accepts.
    static func isSpace(_ u: UInt16) -> Bool {
        switch u {
        case 0x09...0x0D, 0x20, 0xA0, 0x2009, 0x202F: true
        default: false
        }
    }

    /// The matches of the alias expression in `sentence`, left to right, as its scan finds them.
    ///
    /// When the sentence is plain (`plainUnit`: case folding is lower case, one unit for one),
    /// they are found here without the expression. A match begins after a character that is not
    /// `\w` nor "-", and its first word, folded unit for unit, is the alias's first word, followed
    /// by what follows it in the alias (a space for `\s+`, punctuation, or the end with
    /// `(?![\w-])`), none of which is `\w`: it begins a whole word of the sentence that is some
    /// alias's first word. There the aliases with that first word are tried in the expression's
    /// order, each unit folded and compared, a space of the alias taking one or more of `\s`,
    /// and the first one not followed by `\w` or "-" is the match; the scan goes on after it.
    /// - Parameter folded: the sentence's `plainFolded` units (nil: not plain).
    func aliasMatches(_ aliasRegex: NSRegularExpression, in sentence: String, length: Int, folded: [UInt16]?) -> [NSRange] {
        guard let byFirst = aliasesByFirstWord, let units = folded else {
            return aliasRegex.matches(in: sentence, range: NSRange(location: 0, length: length)).map(\.range)
        }
        let n = units.count
        func isWord(_ i: Int) -> Bool { i < n && Self.plainUnit(units[i]) == true }
        // where `alias` matches from `p` (the end), or nil
        func end(of alias: [UInt16], at p: Int) -> Int? {
            var i = p
            for c in alias {
                if c == 0x20 {
                    guard i < n, Self.isSpace(units[i]) else { return nil }
                    while i < n, Self.isSpace(units[i]) { i += 1 }
                } else {
                    guard i < n, units[i] == c else { return nil }
                    i += 1
                }
            }
            return isWord(i) || (i < n && units[i] == 0x2D) ? nil : i
        }
        var found: [NSRange] = []
        var word: [UInt16] = []
        var i = 0
        while i < n {
            guard isWord(i) else { i += 1; continue }
            let start = i
            word.removeAll(keepingCapacity: true)
            while isWord(i) {
                word.append(units[i])
                i += 1
            }
            guard start == 0 || units[start - 1] != 0x2D, let aliases = byFirst[word] else { continue }
            for alias in aliases {
                if let e = end(of: alias, at: start) {
                    found.append(NSRange(location: start, length: e - start))
                    i = e
                    break
                }
            }
        }
        return found
    }

    /// What a match of each expression holds, as lower-case ASCII, one of the list at least: a
    /// plain sentence without any of it is not asked (`mayHold`).
    static let resolutionWords = ["resolution", "s/res/"].map { Array($0.utf16) }
    static let prstWords = ["s/prst/"].map { Array($0.utf16) }
    static let anaphorWords = ["resolution", "text", "vot"].map { Array($0.utf16) }

    /// The sentence's UTF-16 units case-folded (`foldedUnit`) when the sentence is plain
    /// (`plainUnit`), else nil: what the alias search and the screen read. Folding keeps a unit's
    /// kind (a word unit stays one, and only ASCII capitals become ASCII letters).
    static func plainFolded(_ sentence: String) -> [UInt16]? {
        var units: [UInt16] = []
        units.reserveCapacity(sentence.utf16.count)
        for u in sentence.utf16 {
            guard plainUnit(u) != nil else { return nil }
            units.append(foldedUnit(u))
        }
        return units
    }

    /// False when a plain sentence (`folded`) holds none of `needles` (lower-case ASCII): then
    /// an expression whose every match holds one of them, in either case — case-insensitively, or
    /// as written for a case-sensitive one — cannot match, as no character of a plain sentence but
    /// an ASCII letter folds to one. True for a sentence that is not plain.
    static func mayHold(_ folded: [UInt16]?, _ needles: [[UInt16]]) -> Bool {
        guard let units = folded else { return true }
        return needles.contains { needle in
            guard let first = needle.first, units.count >= needle.count else { return false }
            var i = 0
            while i <= units.count - needle.count {
                if units[i] == first, units[i..<(i + needle.count)].elementsEqual(needle) { return true }
                i += 1
            }
            return false
        }
    }

    static func fold(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "’", with: "'").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Every object mention of `sentence`, left to right, not overlapping (longest first).
    /// - Parameter meetingResolution: the resolution adopted at the statement's meeting, for anaphors.
    /// - Parameter lastCited: the resolution last cited before this sentence in the statement.
    /// - Parameter screened: false to ask every expression, as the test of the screen does.
    func mentions(in sentence: String, meetingResolution: Int?, lastCited: Int?, screened: Bool = true) -> [ObjectMention] {
        let ns = sentence as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var found: [ObjectMention] = []
        let folded = Self.plainFolded(sentence)
        func matches(_ regex: NSRegularExpression, _ needles: [[UInt16]]) -> [NSTextCheckingResult] {
            !screened || Self.mayHold(folded, needles) ? regex.matches(in: sentence, range: whole) : []
        }
        for m in matches(Self.resolutionList, Self.resolutionWords) {
            var first = true
            for n in Self.number.matches(in: sentence, range: m.range) {
                let digits = ns.substring(with: n.range).prefix { $0.isNumber }
                let range = first ? NSRange(location: m.range.location, length: NSMaxRange(n.range) - m.range.location) : n.range
                found.append(ObjectMention(ids: ["res-\(digits)"], kind: .resolution, range: range, text: ns.substring(with: range)))
                first = false
            }
        }
        for m in matches(Self.prst, Self.prstWords) {
            let y = ns.substring(with: m.range(at: 1)), n = ns.substring(with: m.range(at: 2))
            found.append(ObjectMention(ids: ["prst-\(y)-\(n)"], kind: .presidentialStatement, range: m.range, text: ns.substring(with: m.range)))
        }
        for m in matches(Self.anaphor, Self.anaphorWords) where !found.contains(where: { NSIntersectionRange($0.range, m.range).length > 0 }) {
            let id = (meetingResolution ?? lastCited).map { "res-\($0)" } ?? "unresolved"
            found.append(ObjectMention(ids: [id], kind: .resolution, range: m.range, text: ns.substring(with: m.range)))
        }
        if let aliasRegex {
            for range in aliasMatches(aliasRegex, in: sentence, length: ns.length, folded: folded) where !found.contains(where: { NSIntersectionRange($0.range, range).length > 0 }) {
                let text = ns.substring(with: range)
                guard let entry = aliasIDs[Self.fold(text)] else { continue }
                if entry.acronym && text != text.uppercased() { continue }
                found.append(ObjectMention(ids: entry.ids, kind: entry.kind, range: range, text: text))
            }
        }
        return found.sorted { $0.range.location < $1.range.location }
    }
}

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
    private let aliasRegex: NSRegularExpression?
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
            for m in aliasRegex.matches(in: sentence, range: whole) where !found.contains(where: { NSIntersectionRange($0.range, m.range).length > 0 }) {
                let text = ns.substring(with: m.range)
                guard let entry = aliasIDs[Self.fold(text)] else { continue }
                if entry.acronym && text != text.uppercased() { continue }
                found.append(ObjectMention(ids: entry.ids, kind: entry.kind, range: m.range, text: text))
            }
        }
        return found.sorted { $0.range.location < $1.range.location }
    }
}

import AttestCorpus
import AttestFacts
import AttestModel
import AttestRules
import AttestText
import Foundation

/// Finds claims in statements with the claim rules of the loaded packs.
///
/// One sentence at a time: the objects are found (`ObjectFinder`) and replaced by placeholders,
/// each rule's patterns run over the result, and every match gives one claim per object it holds.
/// A match is not a claim when the sentence is a question, or when an intention, an appeal or a
/// modal stands in the match or in the three words before it ("will ratify", "is in the process
/// of", "we call on all States to ratify", "should become parties"); a negation there ("not",
/// "never", "no longer", "yet to") makes it a negated claim, which only a `polarity: negative`
/// rule takes.
public struct ClaimDetector: Sendable {
    public let rules: [ClaimRule]
    let finder: ObjectFinder
    let gazetteer: Gazetteer
    let resolutions: ResolutionFacts
    private let compiled: [[NSRegularExpression]]
    private let unless: [[NSRegularExpression]]

    public init(rules: [ClaimRule], objects: [ClaimObject], facts: ClaimFacts, gazetteer: Gazetteer = .standard) {
        self.rules = rules
        self.finder = ObjectFinder(facts: facts.treaties, objects: objects)
        self.gazetteer = gazetteer
        self.resolutions = facts.resolutions
        compiled = rules.map { r in r.patterns.compactMap { try? NSRegularExpression(pattern: ClaimPattern.expand($0), options: [.caseInsensitive]) } }
        unless = rules.map { r in r.unless.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) } }
    }

    static let modal = try! NSRegularExpression(pattern: #"\b(will|shall|should|must|would|could|might|ready|want)\b"#, options: [.caseInsensitive])
    static let appeal = try! NSRegularExpression(pattern:
        #"\b(intends?|intention|plans?|planning|process\s+of|procedures?|possibility|call(s|ed|ing)?\s+(on|upon)|urges?|urging|encourages?|encouraging|invites?|hopes?|wish(es)?|look\s+forward|aims?|seeks?)\b"#,
        options: [.caseInsensitive])
    static let negation = try! NSRegularExpression(pattern: #"\b(not(?!\s+only)|never|no\s+longer|n't|yet\s+to|neither|nor|no)\b|n’t"#, options: [.caseInsensitive])
    static let firstPerson = try! NSRegularExpression(pattern: #"\b(we|our|my|us|I|delegation)\b"#, options: [.caseInsensitive])
    static let group = try! NSRegularExpression(pattern:
        #"\b((most|many|some|all|several|those|each|both|none)\s+of\s+(us|them|you)|we\s+all|all\s+of\s+us|all\s+(States|countries|members|Member\s+States)|(four|three|two|five)\s+of\s+the|States\s+parties|States|countries|members|they)\b"#,
        options: [.caseInsensitive])
    static let itPronoun = try! NSRegularExpression(pattern: #"^\s*(It|Its)\b"#, options: [.caseInsensitive])
    static let clauseBreak = try! NSRegularExpression(pattern: #"[;:]|\bwhile\b|\bbut\b|\bwhereas\b|\bwhich\b|\bwho\b"#, options: [.caseInsensitive])
    static let ordinal = try! NSRegularExpression(pattern: #"\b(\d+)(st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"#, options: [.caseInsensitive])

    /// The claims of one statement, in text order.
    /// - Parameter asOf: the statement's date and its bounds (see `StatementDate`).
    public func claims(in statement: Statement, asOf: StatementDate) -> [Claim] {
        guard !rules.isEmpty, statement.hasText else { return [] }
        let text = statement.text
        let utf8 = Array(text.utf8)
        let meetingResolution: Int? = {
            guard let m = ClaimsMeetingDates.meeting(ofDocument: statement.document) else { return nil }
            let adopted = resolutions.adopted(at: m.symbol)
            return adopted.count == 1 ? adopted[0].number : nil
        }()
        var lastCited: Int?
        var result: [Claim] = []
        for range in SentenceSplitter.sentences(text) {
            let sentence = String(decoding: utf8[range], as: UTF8.self)
            let mentions = finder.mentions(in: sentence, meetingResolution: meetingResolution, lastCited: lastCited)
            var sentenceClaims: [Claim] = []
            if !mentions.isEmpty, !sentence.hasSuffix("?") {
                let ns = sentence as NSString
                var placed: [Set<ClaimObjectKind>: Placeholders] = [:]
                for (r, rule) in rules.enumerated() {
                    let wanted = Self.wantedKinds(rule)
                    let p = placed[wanted] ?? Placeholders(sentence: ns, mentions: mentions, wanted: wanted)
                    placed[wanted] = p
                    sentenceClaims += match(rule, compiled[r], unless[r], sentence: sentence, ns: ns, placed: p, base: range.lowerBound,
                                            mentions: mentions, statement: statement, asOf: asOf)
                }
            }
            result += Self.deduplicated(sentenceClaims)
            if let cited = mentions.last(where: { $0.kind == .resolution && $0.ids[0].hasPrefix("res-") }) {
                lastCited = Int(cited.ids[0].dropFirst(4))
            }
        }
        return result.sorted { ($0.start, $0.predicate.rawValue, $0.object) < ($1.start, $1.predicate.rawValue, $1.object) }
    }

    /// One claim per (predicate, object, polarity) in a sentence; a plain adoption claim is dropped
    /// when the same sentence claims a unanimous adoption of the same resolution.
    static func deduplicated(_ claims: [Claim]) -> [Claim] {
        var seen: Set<String> = []
        var out: [Claim] = []
        let unanimous = Set(claims.filter { $0.predicate == .resolutionAdoptedUnanimously }.map(\.object))
        for c in claims.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if c.predicate == .resolutionAdopted && unanimous.contains(c.object) { continue }
            let key = "\(c.predicate.rawValue)|\(c.object)|\(c.polarity.rawValue)|\(c.subject ?? "")"
            if seen.insert(key).inserted { out.append(c) }
        }
        return out
    }

    /// The kinds of object a rule takes: an instrument rule takes bodies too.
    static func wantedKinds(_ rule: ClaimRule) -> Set<ClaimObjectKind> {
        rule.object == .instrument ? [.instrument, .body] : [rule.object]
    }

    /// A sentence with each mention of the wanted kinds replaced by ⟦i⟧ (i its index among all
    /// the sentence's mentions), built once per sentence and set of kinds for all the rules that
    /// want them.
    struct Placeholders {
        /// The mentions of the wanted kinds, in order.
        var objects: [ObjectMention]
        var text: String
        var ns: NSString
        /// Where each placeholder starts and ends, and the mention's range in the sentence.
        var shifts: [(phStart: Int, phEnd: Int, orig: NSRange)]

        init(sentence ns: NSString, mentions: [ObjectMention], wanted: Set<ClaimObjectKind>) {
            let kept = mentions.enumerated().filter { wanted.contains($0.element.kind) }
            objects = kept.map(\.element)
            var placeholder = ""
            var cursor = 0
            shifts = []
            for (i, m) in kept {
                placeholder += ns.substring(with: NSRange(location: cursor, length: m.range.location - cursor))
                let start = (placeholder as NSString).length
                placeholder += "⟦\(i)⟧"
                shifts.append((start, (placeholder as NSString).length, m.range))
                cursor = NSMaxRange(m.range)
            }
            if !kept.isEmpty { placeholder += ns.substring(from: cursor) }
            text = placeholder
            self.ns = placeholder as NSString
        }

        /// The sentence's offset (UTF-16) for an offset in the text with placeholders.
        func original(_ p: Int, end: Bool) -> Int {
            var delta = 0
            for s in shifts {
                if p <= s.phStart { break }
                if p < s.phEnd { return end ? NSMaxRange(s.orig) : s.orig.location }
                delta = NSMaxRange(s.orig) - s.phEnd
            }
            return p + delta
        }
    }

    private func match(_ rule: ClaimRule, _ patterns: [NSRegularExpression], _ unless: [NSRegularExpression], sentence: String, ns: NSString,
                       placed: Placeholders, base: Int, mentions: [ObjectMention], statement: Statement, asOf: StatementDate) -> [Claim] {
        guard !placed.objects.isEmpty else { return [] }
        let placeholder = placed.text, phNS = placed.ns
        func original(_ p: Int, end: Bool) -> Int { placed.original(p, end: end) }
        var claims: [Claim] = []
        for regex in patterns {
            for m in regex.matches(in: placeholder, range: NSRange(location: 0, length: phNS.length)) {
                let oStart = original(m.range.location, end: false), oEnd = original(NSMaxRange(m.range), end: true)
                let before = ns.substring(to: oStart)
                let matched = ns.substring(with: NSRange(location: oStart, length: oEnd - oStart))
                let window = Self.lastWords(before, 3)
                let bare = Self.stripObjects(matched, placed.objects)
                if Self.found(Self.modal, bare) || Self.found(Self.modal, window) || Self.found(Self.appeal, bare) { continue }
                // an appeal or intention earlier in the clause governs a State's status ("we call on
                // all States to become parties to ..."), not a Council decision it mentions ("we hope
                // the provisions we unanimously adopted in resolution 2535 ...")
                if rule.subject != .council && Self.found(Self.appeal, Self.clause(before)) { continue }
                if unless.contains(where: { Self.found($0, before + matched) }) { continue }
                let negated = Self.found(Self.negation, bare) || Self.found(Self.negation, window)
                if negated != (rule.polarity == .negative) { continue }
                let indices = Self.placeholderIndices(phNS.substring(with: m.range))
                let after = ns.substring(from: oEnd)
                let subject = resolveSubject(rule: rule, before: before, matched: matched, after: after, mentions: placed.objects, statement: statement)
                var rank: Int?
                if rule.predicate == .partyRank, let o = Self.ordinal.firstMatch(in: matched, range: NSRange(location: 0, length: (matched as NSString).length)) {
                    rank = Self.ordinalValue((matched as NSString).substring(with: o.range))
                }
                for i in indices {
                    let mention = mentions[i]
                    for id in mention.ids {
                        let s = base + Self.utf8Offset(sentence, oStart), e = base + Self.utf8Offset(sentence, oEnd)
                        claims.append(Claim(document: statement.document, statement: statement.index, delegation: statement.delegation,
                                            date: asOf.date, earliest: asOf.earliest, latest: asOf.latest, start: s, end: e,
                                            text: matched, sentence: sentence, subject: subject.name, subjectVia: subject.via,
                                            predicate: rule.predicate, object: id, objectText: mention.text, polarity: rule.polarity,
                                            rank: rank, rule: rule.id))
                    }
                }
            }
        }
        return claims
    }

    /// The subject of a match: the Council for adoption rules; otherwise the nearest State named
    /// before the predicate in its clause, a first-person word (the speaker's State), a group word,
    /// or (for appositives, "As a State party to X, Saint Vincent and the Grenadines ...") the
    /// State or "we" right after the match.
    func resolveSubject(rule: ClaimRule, before: String, matched: String, after: String, mentions: [ObjectMention],
                        statement: Statement) -> (name: String?, via: Claim.SubjectVia) {
        if rule.subject == .council { return ("Security Council", .council) }
        let own = statement.delegation
        func state(_ text: String, last: Bool) -> String? {
            let found = gazetteer.mentions(in: text).filter {
                if case .entry(let d) = $0.target { return d.kind == .state } else { return false }
            }
            return (last ? found.last : found.first)?.target.name
        }
        func classify(_ name: String) -> (String?, Claim.SubjectVia) { (name, name == own ? .self : .named) }
        // the clause before the predicate
        let nsBefore = before as NSString
        var clauseStart = 0
        for b in Self.clauseBreak.matches(in: before, range: NSRange(location: 0, length: nsBefore.length)) { clauseStart = NSMaxRange(b.range) }
        let clause = nsBefore.substring(from: clauseStart)
        // words of the match before its verb (passive and relative forms name the subject inside)
        let inside = Self.stripObjects(matched, mentions)
        let speaksForGroup = statement.onBehalfOf.count > 1 || statement.group != nil
        let selfSubject: (String?, Claim.SubjectVia) = speaksForGroup ? (statement.group ?? statement.onBehalfOf.joined(separator: ", "), .group)
            : own.map { ($0, .self) } ?? (nil, .unresolved)
        if let s = state(inside, last: false) { return classify(s) }
        if Self.found(Self.firstPerson, Self.firstWords(inside, 3)) { return selfSubject }
        // the nearest of a State, a first-person word and a group word before the predicate
        let stateMention = gazetteer.mentions(in: clause).last { m in
            if case .entry(let d) = m.target { return d.kind == .state } else { return false }
        }
        let statePosition = stateMention.map(\.end) ?? -1
        let personPosition = Self.lastMatchEnd(Self.firstPerson, clause)
        let groupPosition = Self.lastMatchEnd(Self.group, Self.lastWordsFrom(clause, 10))
        if groupPosition >= 0, groupPosition >= personPosition, groupPosition > statePosition {
            return (Self.lastWords(clause, 10).trimmingCharacters(in: .whitespaces), .group)
        }
        if let m = stateMention, statePosition >= personPosition { return classify(m.target.name) }
        if personPosition >= 0 || Self.found(Self.itPronoun, clause) { return selfSubject }
        if Self.found(Self.group, Self.firstWords(inside, 3)) { return (Self.firstWords(inside, 3), .group) }
        // appositive: the main clause after the match
        let head = Self.firstWords(after, 12)
        if let s = state(head, last: false) { return classify(s) }
        if Self.found(Self.group, Self.firstWords(after, 4)) { return (Self.firstWords(after, 4).trimmingCharacters(in: .whitespaces), .group) }
        if Self.found(Self.firstPerson, Self.firstWords(after, 6)) { return selfSubject }
        return (nil, .unresolved)
    }

    // MARK: - helpers

    static func found(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    /// The part of `text` after its last clause break.
    static func clause(_ text: String) -> String {
        let ns = text as NSString
        var start = 0
        for b in clauseBreak.matches(in: text, range: NSRange(location: 0, length: ns.length)) { start = NSMaxRange(b.range) }
        return ns.substring(from: start)
    }

    /// The UTF-8 offset in `text` where the last match of `regex` ends, or -1.
    static func lastMatchEnd(_ regex: NSRegularExpression, _ text: String) -> Int {
        guard let m = regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).last else { return -1 }
        return utf8Offset(text, NSMaxRange(m.range))
    }

    /// `text` with everything before its last `n` words blanked (offsets kept).
    static func lastWordsFrom(_ text: String, _ n: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count > n else { return text }
        let start = words[words.count - n].startIndex
        return String(repeating: " ", count: text.utf8.distance(from: text.startIndex, to: start)) + text[start...]
    }

    static func lastWords(_ text: String, _ n: Int) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).suffix(n).joined(separator: " ")
    }

    static func firstWords(_ text: String, _ n: Int) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).prefix(n).joined(separator: " ")
    }

    /// `text` with the object names blanked, so that "Treaty on the Prohibition" or "the Rights of
    /// the Child" do not count as negations, modals or States.
    static func stripObjects(_ text: String, _ mentions: [ObjectMention]) -> String {
        var s = text
        for m in mentions.sorted(by: { $0.text.count > $1.text.count }) where !m.text.isEmpty { s = s.replacingOccurrences(of: m.text, with: " ") }
        return s
    }

    static func placeholderIndices(_ text: String) -> [Int] {
        var out: [Int] = []
        var digits = ""
        var inside = false
        for ch in text {
            if ch == "⟦" { inside = true; digits = "" } else if ch == "⟧" {
                if let n = Int(digits) { out.append(n) }
                inside = false
            } else if inside { digits.append(ch) }
        }
        return out
    }

    static func ordinalValue(_ s: String) -> Int? {
        let words = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10]
        if let w = words[s.lowercased()] { return w }
        return Int(s.prefix { $0.isNumber })
    }

    /// UTF-8 offset of a UTF-16 offset in `s`.
    static func utf8Offset(_ s: String, _ utf16: Int) -> Int {
        let idx = String.Index(utf16Offset: utf16, in: s)
        return s.utf8.distance(from: s.utf8.startIndex, to: idx)
    }
}

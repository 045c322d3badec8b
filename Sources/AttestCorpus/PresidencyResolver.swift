import AttestFacts
import AttestModel
import AttestText
import Foundation

/// The State holding the Council presidency in one record part, decided from evidence only.
public struct PresidencyDecision: Sendable, Equatable {
    /// The State, or nil when the evidence is absent or conflicts (`unknown`).
    public var state: Delegation?
    /// How it was decided (nil with `state` when nothing decided it).
    public var basis: AttributionBasis?
    /// Why it is unknown, when it is ("no sentence of the record names the presiding State and
    /// the date is not known", "the record names both China and France").
    public var reason: String?
}

/// Decides who presides from what the record says, in order of strength:
///
/// 1. the President's own national-capacity turns naming a State ("in my capacity as the
///    representative of Viet Nam"), or a national-capacity switch followed by a self-reference
///    ("I shall now make a statement in my national capacity. The Russian Federation abstained");
/// 2. other speakers naming the presidency ("the Belgian presidency", "Viet Nam on assuming this
///    month's presidency", "under the presidency of Viet Nam", "the delegation of X for its
///    presidency"), never in a sentence that looks back ("last month", a month's name);
/// 3. the presidency table for the month of the record's date (a facts row, inferred).
///
/// A State that speaks through its own representative in the record part does not hold the
/// presidency. Two States at the same level, or a table that disagrees with the record, give
/// `unknown` with the reason; nothing is ever guessed.
struct PresidencyResolver {
    let resolver: SpeakerResolver

    /// A sentence of the record that names a State for the presidency.
    struct Evidence {
        var state: Delegation
        var statement: Int
        var sentence: String
        /// UTF-8 offsets of the sentence in the statement's text.
        var range: Range<Int>
        var strong: Bool
    }

    static let demonyms: [String: String] = [
        "belgian": "Belgium", "german": "Germany", "russian": "Russian Federation", "chinese": "China",
        "indonesian": "Indonesia", "vietnamese": "Viet Nam", "nigerien": "Niger", "south african": "South Africa",
        "french": "France", "estonian": "Estonia", "dominican": "Dominican Republic", "vincentian": "Saint Vincent and the Grenadines",
        "tunisian": "Tunisia", "american": "United States of America", "british": "United Kingdom of Great Britain and Northern Ireland",
        "kuwaiti": "Kuwait", "polish": "Poland", "peruvian": "Peru", "equatorial guinean": "Equatorial Guinea",
    ]

    /// `demonyms` by their first word, each with its words ("south african" under "south").
    static let demonymsByFirstWord: [String: [(parts: [String], name: String)]] = Dictionary(
        grouping: demonyms.map { (parts: $0.key.split(separator: " ").map(String.init), name: $0.value) }, by: { $0.parts[0] })

    static let lookingBack = ["last month", "previous", "outgoing", "predecessor", "preceding", "past month", "former",
                              "january", "february", "march", "april", "may ", "june", "july", "august", "september",
                              "october", "november", "december", "next month", "incoming", "upcoming", "forthcoming"]

    /// A President turn that switches to the national capacity ("I shall now make a statement in
    /// my national capacity"), not one that defers it ("I should better reserve that for my
    /// statement in my national capacity") or speaks of another's ("your national capacity").
    static func isNationalSwitch(_ sentence: String) -> Bool {
        let l = sentence.lowercased()
        guard l.contains("my national capacity") || l.contains("my capacity as the representative") || l.contains("my capacity as representative") else { return false }
        let deferring = ["reserve", "later", "will not", "would not", "at the end of", "right of reply"]
        if deferring.contains(where: { l.contains($0) }) { return false }
        let switching = ["now", "i am speaking", "i speak", "this is a", "this is aremark", "responding", "in response", "i would like", "i wish"]
        return switching.contains { l.contains($0) }
    }

    /// The sentences of `text` with their UTF-8 ranges.
    static func sentences(_ text: String) -> [(String, Range<Int>)] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.sentences(text).map { (String(decoding: bytes[$0], as: UTF8.self), $0) }
    }

    /// The State a President turn names for itself: an explicit capacity ("in my capacity as the
    /// representative of China") or a national switch followed by a self-reference.
    func ownState(inPresidentTurn text: String) -> (Delegation, String, Range<Int>)? {
        let sentences = Self.sentences(text)
        for (k, (s, r)) in sentences.enumerated() {
            if let d = resolver.nationalCapacity(in: s) { return (d, s, r) }
            if Self.isNationalSwitch(s), k + 1 < sentences.count {
                let next = sentences[k + 1].0
                if let m = resolver.gazetteer.prefixMatch(next), case .entry(let d) = m.target, d.kind == .state {
                    return (d, next, sentences[k + 1].1)
                }
            }
        }
        return nil
    }

    /// The State a sentence names as holding the presidency, or nil.
    func presidencyNamed(in sentence: String) -> Delegation? {
        let lower = sentence.lowercased()
        guard lower.contains("presiden") else { return nil }
        if Self.lookingBack.contains(where: { lower.contains($0) }) { return nil }
        let words = WordTokenizer.tokens(sentence)
        let folded = words.map(\.folded)
        var states: [(Delegation, Range<Int>)] = []
        for m in resolver.gazetteer.mentions(in: sentence) {
            if case .entry(let d) = m.target, d.kind == .state { states.append((d, m.words)) }
        }
        for (i, w) in folded.enumerated() {
            for (parts, name) in Self.demonymsByFirstWord[w] ?? [] {
                if i + parts.count <= folded.count, folded[i..<(i + parts.count)].elementsEqual(parts), let d = resolver.gazetteer.entry(named: name) {
                    states.append((d, i..<(i + parts.count)))
                }
            }
        }
        var found: [Delegation] = []
        for (d, r) in states {
            var after = r.upperBound
            if after < folded.count, folded[after] == "s" || folded[after] == "'s" { after += 1 }
            let next = folded[after..<min(folded.count, after + 5)].joined(separator: " ")
            // "the Belgian presidency", "the Niger's presidency", "Viet Nam on assuming this month's presidency",
            // "Germany for its presidency", "China for having assumed the presidency"
            let directly = next.hasPrefix("presidency")
            let assuming = ["on assuming", "for assuming", "on its assumption", "for its presidency", "on its presidency",
                            "for having assumed", "on having assumed", "for taking up", "on taking up"].contains { next.hasPrefix($0) }
            // "under the presidency of Viet Nam"
            let before = folded[max(0, r.lowerBound - 3)..<r.lowerBound].joined(separator: " ")
            let ofPresidency = before.hasSuffix("presidency of") || before.hasSuffix("presidency of the")
            if directly || assuming || ofPresidency, !found.contains(d) { found.append(d) }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Decides the presidency of one record part.
    /// - Parameters:
    ///   - turns: each statement's speaker header (nil for none), whether it is a President turn, its header country's State and its text.
    ///   - date: the record part's date, when known.
    ///   - presidencies: the presidency table, when there is one.
    func decide(turns: [(isPresident: Bool, headerState: Delegation?, text: String)], date: String?,
                presidencies: PresidencyTable?) -> (PresidencyDecision, [Evidence]) {
        let speaking = Set(turns.compactMap { $0.isPresident ? nil : $0.headerState?.name })
        var evidence: [Evidence] = []
        for (i, t) in turns.enumerated() {
            if t.isPresident {
                if let (d, s, r) = ownState(inPresidentTurn: t.text) {
                    evidence.append(Evidence(state: d, statement: i, sentence: s, range: r, strong: true))
                }
            } else if t.text.range(of: "presiden", options: .caseInsensitive) != nil {
                for (s, r) in Self.sentences(t.text) where s.lowercased().contains("presiden") {
                    if let d = presidencyNamed(in: s) {
                        evidence.append(Evidence(state: d, statement: i, sentence: s, range: r, strong: false))
                    }
                }
            }
        }
        evidence.removeAll { speaking.contains($0.state.name) }
        let strong = evidence.filter(\.strong)
        let tier = strong.isEmpty ? evidence : strong
        let named = tier.map(\.state.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let row = date.flatMap { presidencies?.presidency(on: $0) }
        if named.count > 1 {
            return (PresidencyDecision(state: nil, basis: nil, reason: "the record names \(named.joined(separator: " and ")) for the presidency"), evidence)
        }
        if let first = tier.first {
            if let row, row.state != first.state.name {
                return (PresidencyDecision(state: nil, basis: nil,
                                           reason: "the record names \(first.state.name) but \(row.row.location) gives \(row.state) for \(row.month)"), evidence)
            }
            let basis = AttributionBasis(method: .presidencyEvidence, certainty: first.strong ? .certain : .inferred,
                                         evidence: first.sentence, evidenceStatement: first.statement)
            return (PresidencyDecision(state: first.state, basis: basis, reason: nil), evidence)
        }
        if let row, let d = resolver.gazetteer.entry(named: row.state) {
            if speaking.contains(d.name) {
                return (PresidencyDecision(state: nil, basis: nil,
                                           reason: "\(row.row.location) gives \(row.state), which speaks through its own representative in this record"), evidence)
            }
            return (PresidencyDecision(state: d, basis: AttributionBasis(method: .factsRow, certainty: .inferred, evidence: row.row.location), reason: nil), evidence)
        }
        let why = date == nil ? "no sentence of the record names the presiding State and the meeting date is not known"
                               : "no sentence of the record names the presiding State and no presidency row covers \(date!.prefix(7))"
        return (PresidencyDecision(state: nil, basis: nil, reason: why), evidence)
    }
}

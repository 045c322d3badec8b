import AttestText
import Foundation

/// Who a speaker stands for, as worked out from a name, a title or the speech itself.
public struct Attribution: Sendable, Equatable {
    public var delegation: String?
    public var kind: SpeakerKind
    public var iso3: String?
    public var capacity: Capacity?
    public var onBehalfOf: [String] = []
    public var group: String?

    public init(delegation: String?, kind: SpeakerKind, iso3: String? = nil, capacity: Capacity?,
                onBehalfOf: [String] = [], group: String? = nil) {
        self.delegation = delegation
        self.kind = kind
        self.iso3 = iso3
        self.capacity = capacity
        self.onBehalfOf = onBehalfOf
        self.group = group
    }

    public static let narrative = Attribution(delegation: nil, kind: .narrative, capacity: nil)
    public static let presidency = Attribution(delegation: nil, kind: .presidency, capacity: .presidency)
    public static let unknown = Attribution(delegation: nil, kind: .unknown, capacity: nil)

    /// A delegation of the gazetteer speaking for itself (States) or as an official (others).
    public init(_ d: Delegation) {
        self.init(delegation: d.name, kind: d.kind.speakerKind, iso3: d.iso3,
                  capacity: d.kind == .state ? .national : .official)
    }
}

/// The attribution logic shared by the readers: titles, "on behalf of" clauses and the
/// President's national capacity.
public struct SpeakerResolver: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .standard) {
        self.gazetteer = gazetteer
    }

    /// The delegation a person's title names: "Minister for Foreign Affairs of Indonesia" → Indonesia,
    /// "Executive Director of the United Nations Office on Drugs and Crime (UNODC)" → UNODC,
    /// "Secretary-General of the Association of Southeast Asian Nations" → ASEAN.
    ///
    /// A title of a State office (Minister, Ambassador, Permanent Representative, Secretary for
    /// State, Head of State) names the State; otherwise the most specific organization or UN
    /// entity named wins (the last one named, and the generic "Secretary-General" only when
    /// nothing else is named); a UN title that names no known entity gives "United Nations
    /// Secretariat"; any other title with "of ORGANIZATION" gives a civil-society organization.
    public func resolveTitle(_ title: String) -> Attribution? {
        let mentions = gazetteer.mentions(in: title).compactMap { m -> Delegation? in
            if case .entry(let d) = m.target { return d } else { return nil }
        }
        let states = mentions.filter { $0.kind == .state }
        let bodies = mentions.filter { $0.kind != .state }
        let lower = title.lowercased()
        let stateOffice = ["minister", "ambassador", "permanent representative", "secretary for state", "secretary of state",
                           "president of", "king of", "queen of", "prime minister", "chargé d", "charge d", "head of state",
                           "deputy representative", "delegate of", "representative of"]
        let isStateOffice = stateOffice.contains { lower.contains($0) } && !lower.contains("secretary-general")
        if isStateOffice, let s = states.first { return Attribution(s) }
        let generic = "Secretary-General of the United Nations"
        if let specific = bodies.last(where: { $0.name != generic }) { return Attribution(specific) }
        if let sg = bodies.first { return Attribution(sg) }
        if lower.contains("united nations") || lower.contains("secretary-general") || lower.contains("secretary general") {
            return Attribution(delegation: "United Nations Secretariat", kind: .unEntity, capacity: .official)
        }
        if let org = organization(inTitle: title) {
            return Attribution(delegation: org, kind: .civilSociety, capacity: .official)
        }
        return nil
    }

    /// The organization a non-UN title names after "of"/"at"/"for": "Executive Director of
    /// Mwatana for Human Rights" → "Mwatana for Human Rights".
    func organization(inTitle title: String) -> String? {
        for marker in [" of the ", " of ", " at the ", " at "] {
            if let r = title.range(of: marker) {
                let rest = title[r.upperBound...].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
                if let first = rest.first, first.isUppercase { return rest }
            }
        }
        return nil
    }

    /// The clause of an "on behalf of" statement in the opening of a speech, with the States and
    /// groups it names. Only the first 600 characters are searched and only a clause that says the
    /// statement is delivered for others ("I have the honour to speak on behalf of", "I make this
    /// statement on behalf of"), not "I thank you on behalf of my Government".
    /// - Parameters:
    ///   - text: the speech.
    ///   - speaker: the speaker's own delegation; a clause naming only it is not "on behalf of".
    public func onBehalfOf(in text: String, speaker: String?) -> (members: [String], group: String?)? {
        let opening = String(text.prefix(600))
        let lower = opening.lowercased()
        var searchStart = lower.startIndex
        while let r = lower.range(of: "on behalf of", range: searchStart..<lower.endIndex) {
            searchStart = r.upperBound
            let before = lower[lower.index(r.lowerBound, offsetBy: -min(90, lower.distance(from: lower.startIndex, to: r.lowerBound)))..<r.lowerBound]
            let delivers = ["speak", "statement", "deliver", "make", "read", "honour", "honor", "pleased", "privilege",
                            "remarks", "intervention", "brief", "present", "address"].contains { before.contains($0) }
            let thanks = ["thank", "grateful", "gratitude", "condolences", "welcome", "congratulat"].contains { before.contains($0) }
            guard delivers, !thanks else { continue }
            let clauseStart = opening.index(opening.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.upperBound))
            var clause = String(opening[clauseStart...])
            if let end = clause.firstIndex(where: { $0 == ";" || $0 == ":" }) { clause = String(clause[..<end]) }
            if let stop = SentenceSplitter.sentences(clause).first {
                let u = clause.utf8
                clause = String(decoding: u[u.index(u.startIndex, offsetBy: stop.lowerBound)..<u.index(u.startIndex, offsetBy: stop.upperBound)], as: UTF8.self)
            }
            let found = gazetteer.mentions(in: clause)
            var members: [String] = []
            var group: String?
            for m in found {
                switch m.target {
                case .entry(let d) where d.kind == .state:
                    if !members.contains(d.name) { members.append(d.name) }
                case .entry(let d):
                    if group == nil { group = d.name }
                case .group(let g):
                    if group == nil { group = g.name }
                }
            }
            if members.isEmpty, let g = group { return ([g], g) }
            if members.isEmpty || members == [speaker].compactMap({ $0 }) { continue }
            return (members, group)
        }
        return nil
    }

    /// The State a President speaks for: "in my capacity as the representative of Viet Nam",
    /// "in my capacity as Minister for Foreign Affairs of Belgium".
    public func nationalCapacity(in text: String) -> Delegation? {
        let lower = text.lowercased()
        var searchStart = lower.startIndex
        while let r = lower.range(of: "capacity as", range: searchStart..<lower.endIndex) {
            searchStart = r.upperBound
            let window = String(text[r.upperBound...].prefix(160))
            var offset = window.startIndex
            while let of = window.range(of: " of ", range: offset..<window.endIndex) {
                offset = of.upperBound
                if let m = gazetteer.prefixMatch(String(window[of.upperBound...])), case .entry(let d) = m.target, d.kind == .state {
                    return d
                }
            }
        }
        return nil
    }
}

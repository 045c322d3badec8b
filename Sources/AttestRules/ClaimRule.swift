import AttestModel
import Foundation

/// A claim rule (`kind: claim`): a factual assertion a speaker may make about a State's treaty
/// status, its membership of a body, or a Council decision, found by patterns around an object.
///
/// The claim checker (AttestClaims) finds the object mentions of a sentence, replaces each with
/// a placeholder, and runs the rule's patterns; the subject is resolved from the words around the
/// match and the statement's delegation.
public struct ClaimRule: Sendable, Equatable {
    public var id: String
    public var title: String
    public var predicate: ClaimPredicate
    /// What the `{object}` slot of the patterns may hold.
    public var object: ClaimObjectKind
    /// Regular expressions (case-insensitive) over the sentence with `{object}` for one object
    /// mention and `{objects}` for a list of them ("A, B and C").
    public var patterns: [String]
    /// `negative` for the negated claim kind ("is not a party to", "did not adopt ... unanimously").
    public var polarity: ClaimPolarity
    /// Who the claim is about when the rule fixes it (`council` for adoption rules); nil: the
    /// subject is resolved from the sentence and the speaker.
    public var subject: ClaimSubjectKind?
    /// Regular expressions that, found in the sentence before the match, make it a non-claim.
    public var unless: [String]
    public var examples: [ClaimExample]
    public var location: SourceLocation
    public var pack: String

    public init(id: String, title: String, predicate: ClaimPredicate, object: ClaimObjectKind, patterns: [String],
                polarity: ClaimPolarity = .positive, subject: ClaimSubjectKind? = nil, unless: [String] = [],
                examples: [ClaimExample] = [], location: SourceLocation, pack: String) {
        self.id = id
        self.title = title
        self.predicate = predicate
        self.object = object
        self.patterns = patterns
        self.polarity = polarity
        self.subject = subject
        self.unless = unless
        self.examples = examples
        self.location = location
        self.pack = pack
    }
}

/// What a claim asserts of its subject and object.
public enum ClaimPredicate: String, Sendable, CaseIterable, Codable {
    case party, ratified, acceded, signed, withdrew
    case partyRank = "party_rank"
    case memberOf = "member_of"
    case resolutionAdopted = "resolution_adopted"
    case resolutionAdoptedUnanimously = "resolution_adopted_unanimously"
    case votedInFavour = "voted_in_favour"
    case votedAbstained = "voted_abstained"
    case votedAgainst = "voted_against"
    case prstAdopted = "prst_adopted"
}

/// The kind of object a claim rule names.
public enum ClaimObjectKind: String, Sendable, CaseIterable {
    /// A treaty: facts in `treaty_actions.csv`, or an object the pack lists without facts.
    case instrument
    /// A body (FATF, an FSRB, the Security Council as `unsc`).
    case body
    /// A resolution ("resolution 2505 (2020)", or "the resolution" adopted at the meeting).
    case resolution
    /// A presidential statement ("S/PRST/2020/3").
    case presidentialStatement = "presidential-statement"
}

public enum ClaimPolarity: String, Sendable, CaseIterable, Codable { case positive, negative }

/// Who a claim is about.
public enum ClaimSubjectKind: String, Sendable, CaseIterable, Codable {
    /// The speaker's own State ("we", "my country", the State naming itself).
    case `self`
    /// Another State named in the sentence (through the gazetteer).
    case named
    /// A group that is not one State ("most of us", "all States parties").
    case group
    /// The Security Council (adoption claims).
    case council
}

/// An example sentence of a claim rule, with what the checker must conclude.
public struct ClaimExample: Sendable, Equatable {
    public var text: String
    /// The delegation speaking (a canonical or gazetteer name); nil: nobody in particular.
    public var speaker: String?
    /// The statement date, `YYYY-MM-DD`.
    public var date: String?
    /// The record the sentence comes from ("S/PV.8713"), for resolutions adopted at that meeting.
    public var record: String?
    /// False: the sentence must give no claim of this rule.
    public var claim: Bool
    public var verdict: String?
    public var reason: String?
    public var objectID: String?
    public var subject: String?
    public var location: SourceLocation

    public init(text: String, speaker: String? = nil, date: String? = nil, record: String? = nil, claim: Bool = true,
                verdict: String? = nil, reason: String? = nil, objectID: String? = nil, subject: String? = nil, location: SourceLocation) {
        self.text = text
        self.speaker = speaker
        self.date = date
        self.record = record
        self.claim = claim
        self.verdict = verdict
        self.reason = reason
        self.objectID = objectID
        self.subject = subject
        self.location = location
    }
}

/// An object a claims pack names without facts ("Budapest Convention", "OPCW"): a claim about it
/// is found, then judged `unverifiable` / `no-facts-for-instrument`.
public struct ClaimObject: Sendable, Equatable {
    public var id: String
    public var kind: ClaimObjectKind
    public var aliases: [String]
    public var location: SourceLocation

    public init(id: String, kind: ClaimObjectKind, aliases: [String], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.aliases = aliases
        self.location = location
    }
}

/// The placeholders of claim patterns.
public enum ClaimPattern {
    /// The pattern with `{object}` and `{objects}` replaced by the placeholder expressions the
    /// checker uses; compiled here so that a bad pattern is reported where it is written.
    public static func expand(_ pattern: String) -> String {
        let one = "⟦(\\d+)⟧"
        let next = "(?:the\\s+|its\\s+)?⟦\\d+⟧"
        let many = "(⟦\\d+⟧(?:\\s*,\\s*(?:and\\s+)?\(next)|\\s+and\\s+\(next)|\\s*,?\\s+as\\s+well\\s+as\\s+\(next))*)"
        return pattern.replacingOccurrences(of: "{objects}", with: many).replacingOccurrences(of: "{object}", with: one)
    }

}

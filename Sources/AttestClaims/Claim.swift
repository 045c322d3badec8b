import AttestFacts
import AttestModel
import AttestRules

/// One factual claim found in a statement: who, what, about which object, where.
public struct Claim: Sendable, Equatable {
    /// The statement's document (file name as given) and 0-based index.
    public var document: String
    public var statement: Int
    public var delegation: String?
    /// The date the claim is judged as of (`YYYY-MM-DD`), or nil when unknown.
    public var date: String?
    /// Bounds when the exact date is unknown (neighbouring meetings); equal to `date` when known.
    public var earliest: String?
    public var latest: String?
    /// UTF-8 offsets of the matched text in the statement's text, half-open.
    public var start: Int
    public var end: Int
    /// The matched words and the sentence that holds them.
    public var text: String
    public var sentence: String
    /// The subject: a canonical State name, "Security Council", or the group's words; nil: unresolved.
    public var subject: String?
    public var subjectVia: SubjectVia
    public var predicate: ClaimPredicate
    /// The object id (`untoc-firearms`, `fatf`, `res-2505`, `budapest`); `unresolved` for an
    /// anaphor nothing resolves.
    public var object: String
    /// The words that named the object.
    public var objectText: String
    public var polarity: ClaimPolarity
    /// The ordinal of a `party_rank` claim ("24th" → 24).
    public var rank: Int?
    public var rule: String

    /// How the subject was found.
    public enum SubjectVia: String, Sendable, Codable {
        case `self`, named, group, council, unresolved
    }
}

/// The three verdicts of a claim as of its statement's date.
public enum Verdict: String, Sendable, CaseIterable, Codable {
    /// The facts show the claim held on that day.
    case consistent
    /// The facts show it did not.
    case contradicted
    /// The facts cannot decide; missing facts never count as a contradiction.
    case unverifiable
}

/// A claim with its verdict, the reason code and the fact rows used.
public struct CheckedClaim: Sendable, Equatable {
    public var claim: Claim
    public var verdict: Verdict
    /// Reason code (`party`, `signatory-only`, `later-ratification`, `no-facts-for-instrument`, ...).
    public var reason: String
    /// A sentence saying why, for reports.
    public var explanation: String
    public var facts: [FactReference]
}

/// Every reason code the checker gives, with its verdict and meaning (docs/claims.md lists them).
public enum ReasonCode {
    public static let all: [(code: String, verdict: Verdict, meaning: String)] = [
        ("party", .consistent, "a consent to be bound (ratification, accession, acceptance, approval, succession) on or before the date, not withdrawn"),
        ("signed", .consistent, "a signature on or before the date"),
        ("withdrawn", .consistent, "for a withdrawal claim: a withdrawal on or before the date"),
        ("rank", .consistent, "the State's consent is the n-th by date among all participants"),
        ("member", .consistent, "a membership interval covers the date"),
        ("not-party", .consistent, "for a negated party claim: no consent by the date in a list complete as of the date"),
        ("not-member", .consistent, "for a negated membership claim: no interval of a closed list covers the date"),
        ("adopted", .consistent, "the resolution is in the facts, adopted on or before the date"),
        ("adopted-unanimously", .consistent, "the facts record all members in favour"),
        ("not-unanimous", .consistent, "for a negated unanimity claim: the facts record abstentions or votes against (contradicted for a positive one)"),
        ("voted-in-favour", .consistent, "the member voted in favour (unanimous adoption, or not among those abstaining or against)"),
        ("abstained", .consistent, "the member is among those abstaining"),
        ("later-ratification", .contradicted, "the State's first consent to be bound comes after the date"),
        ("signatory-only", .contradicted, "only a signature by the date, in a list complete as of the date"),
        ("withdrawn", .contradicted, "for a party or signatory claim: withdrawn on or before the date"),
        ("not-party", .contradicted, "no row for the State in a list complete as of the date"),
        ("party", .contradicted, "for a negated party claim: a consent on or before the date"),
        ("not-member", .contradicted, "no interval of a closed list (Council seats) covers the date"),
        ("member", .contradicted, "for a negated membership claim: an interval covers the date"),
        ("rank-mismatch", .contradicted, "the State's consent is not the n-th by date"),
        ("later-adoption", .contradicted, "the resolution was adopted after the date"),
        ("not-unanimous", .contradicted, "a unanimity claim where the facts record abstentions or votes against"),
        ("adopted-unanimously", .contradicted, "a negated unanimity claim where all members voted in favour"),
        ("voted-in-favour", .contradicted, "an abstention or vote against claim where the member voted in favour"),
        ("abstained", .contradicted, "a vote in favour claim where the member abstained"),
        ("no-facts-for-instrument", .unverifiable, "the instrument or body has no facts (Budapest Convention, NPT, OPCW, ...)"),
        ("no-facts-for-resolution", .unverifiable, "the resolution or presidential statement is not in the facts"),
        ("not-in-facts", .unverifiable, "the facts have no row for the State and the list is not closed"),
        ("list-incomplete", .unverifiable, "the facts are open-world for this body (hand-curated lists)"),
        ("facts-older-than-statement", .unverifiable, "the list is complete only up to a date before the statement"),
        ("group-subject", .unverifiable, "the subject is a group, not one State"),
        ("subject-unresolved", .unverifiable, "no State could be resolved as the subject"),
        ("object-unresolved", .unverifiable, "the decision is named without a number that resolves it"),
        ("no-statement-date", .unverifiable, "the statement date is unknown and the facts fall between its possible dates"),
        ("vote-not-in-facts", .unverifiable, "the facts do not record the member's vote"),
    ]
}

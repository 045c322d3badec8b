import AttestFacts
import AttestRules
import Foundation

/// Decides a claim against the facts as of its statement's date.
///
/// Missing facts never make a claim contradicted: a State without a row is "not a party" only in
/// a list complete as of the statement's date; otherwise the claim is unverifiable. When the date
/// is unknown, bounds from neighbouring meetings decide where they can.
public struct ClaimJudge: Sendable {
    public let facts: ClaimFacts

    public init(facts: ClaimFacts) { self.facts = facts }

    public func check(_ claim: Claim) -> CheckedClaim {
        let (verdict, reason, explanation, rows) = decide(claim)
        return CheckedClaim(claim: claim, verdict: verdict, reason: reason, explanation: explanation, facts: rows)
    }

    typealias Decision = (Verdict, String, String, [FactReference])

    func decide(_ c: Claim) -> Decision {
        switch c.predicate {
        case .party, .ratified, .acceded, .signed, .withdrew, .partyRank:
            return treaty(c)
        case .memberOf:
            return membership(c)
        case .resolutionAdopted, .resolutionAdoptedUnanimously, .votedInFavour, .votedAbstained, .votedAgainst, .prstAdopted:
            return decision(c)
        }
    }

    // MARK: - treaties

    func treaty(_ c: Claim) -> Decision {
        guard let instrument = facts.treaties.instruments[c.object] else {
            return (.unverifiable, "no-facts-for-instrument", "no facts for \(c.objectText)", [])
        }
        if instrument.kind == .body { return membership(c) }
        guard c.subjectVia != .group else { return (.unverifiable, "group-subject", "the subject is a group: \(c.subject ?? "")", []) }
        guard let state = c.subject else { return (.unverifiable, "subject-unresolved", "no State resolved as the subject", []) }
        let rows = facts.treaties.actions(of: state, on: c.object)
        let consents = rows.filter { $0.action.isConsent }
        let signatures = rows.filter { $0.action == .signature }
        let withdrawals = rows.filter { $0.action == .withdrawal }
        let complete = instrument.participantsCompleteAsOf
        guard let early = c.earliest ?? c.date, let late = c.latest ?? c.date else {
            return (.unverifiable, "no-statement-date", "the statement date is unknown", rows.map(\.reference))
        }
        let consentBy = consents.first { $0.date.surelyOnOrBefore(early) }
        let withdrawnBy = withdrawals.first { $0.date.surelyOnOrBefore(late) }
        let listCloses = complete.map { $0 >= late } ?? false
        let name = instrument.shortName.isEmpty ? instrument.id : instrument.shortName

        switch c.predicate {
        case .withdrew:
            if let w = withdrawals.first(where: { $0.date.surelyOnOrBefore(early) }) {
                return (.consistent, "withdrawn", "\(state) withdrew (\(w.note.isEmpty ? "withdrawal" : "withdrawal of signature")) on \(w.date)", [w.reference])
            }
            return (.unverifiable, "not-in-facts", "no withdrawal by \(state) from \(name) in the facts", rows.map(\.reference))
        case .signed:
            if let w = withdrawnBy, consentBy == nil {
                return (.contradicted, "withdrawn", "\(state)'s signature of \(name) was withdrawn on \(w.date)", [w.reference])
            }
            if let k = consentBy { return (.consistent, "party", "\(state) bound by \(name) since \(k.date) (\(k.action.rawValue))", [k.reference]) }
            if let s = signatures.first(where: { $0.date.surelyOnOrBefore(early) }) {
                return (.consistent, "signed", "\(state) signed \(name) on \(s.date)", [s.reference])
            }
            return absence(c, state: state, name: name, rows: rows, listCloses: listCloses, complete: complete, late: late)
        case .partyRank:
            guard let k = consentBy else {
                return absence(c, state: state, name: name, rows: rows, listCloses: listCloses, complete: complete, late: late)
            }
            let order = facts.treaties.consentOrder(c.object)
            guard let rank = c.rank, let position = order.firstIndex(where: { $0.state == state }) else {
                return (.consistent, "party", "\(state) bound by \(name) since \(k.date)", [k.reference])
            }
            let earlierSameDay = order.filter { $0.date.earliest == k.date.earliest && $0.state != state }.count
            let range = (position + 1 - earlierSameDay)...(position + 1 + earlierSameDay)
            if range.contains(rank) {
                return (.consistent, "rank", "\(state) is party number \(position + 1) of \(name) by date of consent (\(k.date))", [k.reference])
            }
            return (.contradicted, "rank-mismatch", "\(state) is party number \(position + 1) of \(name) by date of consent, not \(rank)", [k.reference])
        default:
            break
        }
        // party, ratified, acceded
        if c.polarity == .negative {
            if let k = consentBy, withdrawnBy == nil || k.action != .signature {
                return (.contradicted, "party", "\(state) bound by \(name) since \(k.date) (\(k.action.rawValue))", [k.reference])
            }
            if consents.contains(where: { $0.date.surelyAfter(late) }) || listCloses {
                let r = consents.map(\.reference)
                return (.consistent, "not-party", "\(state) not bound by \(name) on \(late)" + (r.isEmpty ? " (list complete as of \(complete ?? ""))" : " (consent later)"), r)
            }
            return (.unverifiable, complete == nil ? "list-incomplete" : "facts-older-than-statement",
                    "the facts list \(name)'s participants only up to \(complete ?? "an unknown date")", rows.map(\.reference))
        }
        if let k = consentBy {
            if let w = withdrawals.first(where: { $0.date.surelyOnOrBefore(late) && $0.date.earliest >= k.date.earliest }), !w.note.lowercased().contains("signature") {
                return (.contradicted, "withdrawn", "\(state) withdrew from \(name) on \(w.date)", [k.reference, w.reference])
            }
            return (.consistent, "party", "\(state) bound by \(name) since \(k.date) (\(k.action.rawValue))", [k.reference])
        }
        if let later = consents.first(where: { $0.date.surelyAfter(late) }) {
            return (.contradicted, "later-ratification", "\(state)'s consent to \(name) came on \(later.date), after the statement (\(late))", [later.reference])
        }
        if let pending = consents.first {
            return (.unverifiable, "no-statement-date", "\(state)'s consent (\(pending.date)) falls between the statement's possible dates", [pending.reference])
        }
        if let w = withdrawnBy {
            return (.contradicted, "withdrawn", "\(state) withdrew its signature of \(name) on \(w.date)", (signatures + withdrawals).map(\.reference))
        }
        if let s = signatures.first(where: { $0.date.surelyOnOrBefore(early) }), listCloses {
            return (.contradicted, "signatory-only", "\(state) only signed \(name) (\(s.date)); the list is complete as of \(complete ?? "")", [s.reference])
        }
        return absence(c, state: state, name: name, rows: rows, listCloses: listCloses, complete: complete, late: late)
    }

    /// No consent or signature by the date: contradicted only where the list is closed.
    func absence(_ c: Claim, state: String, name: String, rows: [TreatyAction], listCloses: Bool, complete: String?, late: String) -> Decision {
        if listCloses {
            return (.contradicted, rows.isEmpty ? "not-party" : "signatory-only",
                    "\(state) has no \(c.predicate == .signed ? "signature" : "consent") to \(name) by \(late) in a list complete as of \(complete ?? "")", rows.map(\.reference))
        }
        if let complete { return (.unverifiable, "facts-older-than-statement", "the facts list \(name)'s participants only up to \(complete)", rows.map(\.reference)) }
        return (.unverifiable, "list-incomplete", "the facts for \(name) are open-world", rows.map(\.reference))
    }

    // MARK: - memberships

    func membership(_ c: Claim) -> Decision {
        let body = c.object
        let m = facts.memberships
        guard m.knows(body) || body == MembershipFacts.council else {
            return (.unverifiable, "no-facts-for-instrument", "no facts for \(c.objectText)", [])
        }
        guard c.subjectVia != .group else { return (.unverifiable, "group-subject", "the subject is a group: \(c.subject ?? "")", []) }
        guard let state = c.subject else { return (.unverifiable, "subject-unresolved", "no State resolved as the subject", []) }
        guard let early = c.earliest ?? c.date, let late = c.latest ?? c.date else {
            return (.unverifiable, "no-statement-date", "the statement date is unknown", [])
        }
        let rows = m.rows(of: state, in: body).filter(\.isMembership)
        let covering = rows.first { r in
            (r.start.map { $0.surelyOnOrBefore(early) } ?? false) && (r.end.map { !$0.surelyOnOrBefore(late) || $0.latest >= late } ?? true)
        }
        let undecided = rows.first { r in
            r.start == nil || !(r.start!.surelyOnOrBefore(early))
        }
        let closed = m.closedBodies.contains(body)
        if c.polarity == .negative {
            if let r = covering { return (.contradicted, "member", "\(state) is a member (\(r.reference.summary))", [r.reference]) }
            if closed { return (.consistent, "not-member", "no membership of \(state) covers \(late)", rows.map(\.reference)) }
            return (.unverifiable, "list-incomplete", "the membership list of \(body) is open-world", rows.map(\.reference))
        }
        if let r = covering { return (.consistent, "member", r.reference.summary, [r.reference]) }
        // "was a member", "during our term": a membership before the statement, not on its day
        if Self.isPast(c.text), let r = rows.first(where: { $0.start.map { $0.surelyOnOrBefore(early) } ?? false }) {
            return (.consistent, "member", "past membership: " + r.reference.summary, [r.reference])
        }
        if closed && undecided == nil { return (.contradicted, "not-member", "no membership of \(state) in \(body) covers \(late)", rows.map(\.reference)) }
        if rows.isEmpty { return (.unverifiable, "not-in-facts", "no row for \(state) in \(body); the list is open-world", []) }
        return (.unverifiable, "list-incomplete", "the rows for \(state) in \(body) do not date the membership", rows.map(\.reference))
    }

    static let past = try! NSRegularExpression(pattern: #"\b(was|were|had\s+been|during|served)\b"#, options: [.caseInsensitive])

    static func isPast(_ text: String) -> Bool {
        past.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    // MARK: - Council decisions

    func decision(_ c: Claim) -> Decision {
        if c.object == "unresolved" { return (.unverifiable, "object-unresolved", "\"\(c.objectText)\" names no resolution that could be resolved", []) }
        guard c.object.hasPrefix("res-"), let n = Int(c.object.dropFirst(4)), let f = facts.resolutions.resolutions[n] else {
            return (.unverifiable, "no-facts-for-resolution", "\(c.objectText) is not in the facts", [])
        }
        let votes = [c.predicate == .votedInFavour, c.predicate == .votedAbstained, c.predicate == .votedAgainst].contains(true)
        if votes && c.subjectVia == .group { return (.unverifiable, "group-subject", "the subject is a group: \(c.subject ?? "")", [f.reference]) }
        if votes && c.subject == nil { return (.unverifiable, "subject-unresolved", "no member resolved as the voter", [f.reference]) }
        if let d = f.date, let early = c.earliest ?? c.date, d.surelyAfter(c.latest ?? early) {
            return (.contradicted, "later-adoption", "resolution \(n) was adopted on \(d), after the statement", [f.reference])
        }
        let state = c.subject ?? ""
        switch c.predicate {
        case .resolutionAdopted, .prstAdopted:
            return (.consistent, "adopted", f.reference.summary, [f.reference])
        case .resolutionAdoptedUnanimously:
            switch (f.unanimous, c.polarity) {
            case (true?, .positive): return (.consistent, "adopted-unanimously", f.reference.summary, [f.reference])
            case (true?, .negative): return (.contradicted, "adopted-unanimously", f.reference.summary, [f.reference])
            case (false?, .positive): return (.contradicted, "not-unanimous", f.reference.summary, [f.reference])
            case (false?, .negative): return (.consistent, "not-unanimous", f.reference.summary, [f.reference])
            case (nil, _): return (.unverifiable, "vote-not-in-facts", "the facts do not record the vote on resolution \(n)", [f.reference])
            }
        case .votedInFavour:
            let favour = f.unanimous == true || (f.unanimous == false && f.votesNo == 0 && !f.abstaining.isEmpty && !f.abstaining.contains(state))
            let abstained = f.abstaining.contains(state)
            if c.polarity == .negative {
                if abstained { return (.consistent, "abstained", "\(state) abstained: \(f.reference.summary)", [f.reference]) }
                if favour { return (.contradicted, "voted-in-favour", "\(state) voted in favour: \(f.reference.summary)", [f.reference]) }
            } else {
                if abstained { return (.contradicted, "abstained", "\(state) abstained: \(f.reference.summary)", [f.reference]) }
                if favour { return (.consistent, "voted-in-favour", "\(state) voted in favour: \(f.reference.summary)", [f.reference]) }
            }
        case .votedAbstained:
            if f.abstaining.contains(state) { return (.consistent, "abstained", "\(state) abstained: \(f.reference.summary)", [f.reference]) }
            if f.unanimous == true { return (.contradicted, "voted-in-favour", "all members voted in favour: \(f.reference.summary)", [f.reference]) }
        case .votedAgainst:
            if f.unanimous == true { return (.contradicted, "voted-in-favour", "all members voted in favour: \(f.reference.summary)", [f.reference]) }
        default:
            break
        }
        return (.unverifiable, "vote-not-in-facts", "the facts do not record \(state)'s vote on resolution \(n)", [f.reference])
    }
}

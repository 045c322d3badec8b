import AttestFormats
import Foundation

/// One membership interval of a State in a body (`body_memberships.csv`, `council_members.csv`).
public struct BodyMembership: Sendable, Equatable {
    public enum Role: String, Sendable { case member, observer, suspended, permanent, elected }
    public var body: String
    public var state: String
    public var role: Role
    public var start: FactDate?
    public var end: FactDate?
    public var reference: FactReference

    /// True when the role makes the State a member (a Council seat, or `member`).
    public var isMembership: Bool { role == .member || role == .permanent || role == .elected }
}

/// Memberships of the FATF-type bodies (hand-curated, open-world) and Council seats (closed list),
/// read from a facts directory. Council seats are filed under the body id `unsc`.
public struct MembershipFacts: Sendable {
    public var memberships: [BodyMembership]
    /// Bodies whose membership list is closed: a State without a row is not a member.
    public var closedBodies: Set<String>

    public init(memberships: [BodyMembership], closedBodies: Set<String>) {
        self.memberships = memberships
        self.closedBodies = closedBodies
    }

    /// The body id for the Security Council.
    public static let council = "unsc"

    /// Reads `body_memberships.csv` and `council_members.csv` from `directory`.
    public static func load(directory: String) throws -> MembershipFacts {
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        var rows: [BodyMembership] = []
        let bm = try FactsTable(contentsOf: path("body_memberships.csv"), required: ["body", "state", "role", "start", "end", "source", "retrieved", "licence"])
        for r in bm.rows {
            guard let role = BodyMembership.Role(rawValue: bm.value(r, "role")), [.member, .observer, .suspended].contains(role) else {
                throw FactsError(path: bm.path, line: r.line, column: bm.column(r, "role"),
                                 message: "invalid role '\(bm.value(r, "role"))'; allowed: member, observer, suspended")
            }
            let body = bm.value(r, "body"), state = bm.value(r, "state")
            let start = try bm.date(r, "start"), end = try bm.date(r, "end")
            rows.append(BodyMembership(body: body, state: state, role: role, start: start, end: end,
                                       reference: bm.reference(r, summary: "\(state) \(body) \(role.rawValue) \(start?.description ?? "?")–\(end?.description ?? "")")))
        }
        let cm = try FactsTable(contentsOf: path("council_members.csv"), required: ["state", "seat", "start", "end", "source", "retrieved", "licence"])
        for r in cm.rows {
            guard let role = BodyMembership.Role(rawValue: cm.value(r, "seat")), [.permanent, .elected].contains(role) else {
                throw FactsError(path: cm.path, line: r.line, column: cm.column(r, "seat"),
                                 message: "invalid seat '\(cm.value(r, "seat"))'; allowed: permanent, elected")
            }
            let state = cm.value(r, "state")
            let start = try cm.date(r, "start", optional: false), end = try cm.date(r, "end")
            rows.append(BodyMembership(body: council, state: state, role: role, start: start, end: end,
                                       reference: cm.reference(r, summary: "\(state) Security Council \(role.rawValue) \(start?.description ?? "")–\(end?.description ?? "")")))
        }
        return MembershipFacts(memberships: rows, closedBodies: [council])
    }

    /// The rows of `state` in `body`.
    public func rows(of state: String, in body: String) -> [BodyMembership] {
        memberships.filter { $0.body == body && $0.state == state }
    }

    /// Whether any row exists for `body`.
    public func knows(_ body: String) -> Bool { memberships.contains { $0.body == body } }
}

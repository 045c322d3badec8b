import AttestFormats
import Foundation

/// A treaty or a body that claims may name (`instruments.csv`).
public struct Instrument: Sendable, Equatable {
    public enum Kind: String, Sendable { case treaty, body }
    public var id: String
    public var kind: Kind
    public var name: String
    public var shortName: String
    /// The day up to which `treaty_actions.csv` lists every participant; nil: open-world.
    public var participantsCompleteAsOf: String?
    public var reference: FactReference
}

/// A name by which speakers refer to an instrument (`instrument_aliases.csv`).
public struct InstrumentAlias: Sendable, Equatable {
    public var id: String
    public var alias: String
    /// True for a plural alias ("Palermo Protocols"), which names several instruments.
    public var plural: Bool
    public var reference: FactReference
}

/// One act of one State on one treaty (`treaty_actions.csv`).
public struct TreatyAction: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case signature, ratification, accession, acceptance, approval, succession
        case provisionalApplication = "provisional-application"
        case withdrawal

        /// Consent to be bound: ratification, accession, acceptance, approval or succession.
        /// A signature is not; provisional application is neither.
        public var isConsent: Bool {
            switch self {
            case .ratification, .accession, .acceptance, .approval, .succession: true
            case .signature, .provisionalApplication, .withdrawal: false
            }
        }
    }
    public var state: String
    public var iso3: String
    public var instrument: String
    public var action: Action
    public var date: FactDate
    public var note: String
    public var reference: FactReference
}

/// Instruments, their aliases and every treaty action, read from a facts directory.
public struct TreatyFacts: Sendable {
    public var instruments: [String: Instrument]
    public var aliases: [InstrumentAlias]
    /// Actions by instrument id, then by canonical State name, in file order (sorted by date there).
    public var actions: [String: [String: [TreatyAction]]]

    public init(instruments: [Instrument], aliases: [InstrumentAlias], actions: [TreatyAction]) {
        self.instruments = Dictionary(instruments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.aliases = aliases
        var byInstrument: [String: [String: [TreatyAction]]] = [:]
        for a in actions { byInstrument[a.instrument, default: [:]][a.state, default: []].append(a) }
        self.actions = byInstrument
    }

    /// Reads `instruments.csv`, `instrument_aliases.csv` and `treaty_actions.csv` from `directory`.
    public static func load(directory: String) throws -> TreatyFacts {
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let inst = try FactsTable(contentsOf: path("instruments.csv"),
                                  required: ["id", "kind", "name", "short_name", "participants_complete_as_of", "source", "retrieved", "licence"])
        var instruments: [Instrument] = []
        for r in inst.rows {
            let id = inst.value(r, "id")
            guard let kind = Instrument.Kind(rawValue: inst.value(r, "kind")) else {
                throw FactsError(path: inst.path, line: r.line, column: inst.column(r, "kind"),
                                 message: "invalid kind '\(inst.value(r, "kind"))'; allowed: treaty, body")
            }
            let complete = try inst.date(r, "participants_complete_as_of")
            instruments.append(Instrument(id: id, kind: kind, name: inst.value(r, "name"), shortName: inst.value(r, "short_name"),
                                          participantsCompleteAsOf: complete?.latest,
                                          reference: inst.reference(r, summary: "\(id): \(inst.value(r, "name"))")))
        }
        let known = Set(instruments.map(\.id))
        let al = try FactsTable(contentsOf: path("instrument_aliases.csv"), required: ["id", "alias", "source"])
        var aliases: [InstrumentAlias] = []
        for r in al.rows {
            let id = al.value(r, "id")
            guard known.contains(id) else {
                throw FactsError(path: al.path, line: r.line, message: "alias for unknown instrument '\(id)'")
            }
            aliases.append(InstrumentAlias(id: id, alias: al.value(r, "alias"), plural: al.value(r, "note").hasPrefix("plural alias"),
                                           reference: al.reference(r, summary: "\(id) alias \"\(al.value(r, "alias"))\"")))
        }
        let act = try FactsTable(contentsOf: path("treaty_actions.csv"),
                                 required: ["state", "iso3", "instrument", "action", "date", "source", "retrieved", "licence"])
        var actions: [TreatyAction] = []
        actions.reserveCapacity(act.rows.count)
        for r in act.rows {
            let raw = act.value(r, "action")
            guard let action = TreatyAction.Action(rawValue: raw) else {
                throw FactsError(path: act.path, line: r.line, column: act.column(r, "action"),
                                 message: "invalid action '\(raw)'; allowed: \(TreatyAction.Action.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let instrument = act.value(r, "instrument")
            guard known.contains(instrument) else {
                throw FactsError(path: act.path, line: r.line, message: "action on unknown instrument '\(instrument)'")
            }
            guard let date = try act.date(r, "date", optional: false) else { continue }
            let state = act.value(r, "state")
            actions.append(TreatyAction(state: state, iso3: act.value(r, "iso3"), instrument: instrument, action: action, date: date,
                                        note: act.value(r, "note"),
                                        reference: act.reference(r, summary: "\(state) \(instrument) \(raw) \(date)")))
        }
        return TreatyFacts(instruments: instruments, aliases: aliases, actions: actions)
    }

    /// The actions of `state` on `instrument`, oldest first.
    public func actions(of state: String, on instrument: String) -> [TreatyAction] {
        (actions[instrument]?[state] ?? []).sorted { $0.date.earliest < $1.date.earliest }
    }

    /// Every participant's first consent to be bound, oldest first (ties by name).
    public func consentOrder(_ instrument: String) -> [TreatyAction] {
        var firsts: [TreatyAction] = []
        for (_, list) in actions[instrument] ?? [:] {
            if let first = list.filter({ $0.action.isConsent }).min(by: { $0.date.earliest < $1.date.earliest }) { firsts.append(first) }
        }
        return firsts.sorted { ($0.date.earliest, $0.state) < ($1.date.earliest, $1.state) }
    }
}

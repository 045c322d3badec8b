import Foundation

/// Everything the claim checker compares claims against, read from one facts directory.
public struct ClaimFacts: Sendable {
    public var treaties: TreatyFacts
    public var memberships: MembershipFacts
    public var resolutions: ResolutionFacts
    /// Meeting dates by record symbol and part (`meetings.csv`).
    public var meetings: ClaimsMeetingDates

    public init(treaties: TreatyFacts, memberships: MembershipFacts, resolutions: ResolutionFacts, meetings: ClaimsMeetingDates) {
        self.treaties = treaties
        self.memberships = memberships
        self.resolutions = resolutions
        self.meetings = meetings
    }

    /// Reads every claim table of `directory`; the first unreadable file or row is the error.
    public static func load(directory: String) throws -> ClaimFacts {
        ClaimFacts(treaties: try TreatyFacts.load(directory: directory), memberships: try MembershipFacts.load(directory: directory),
                   resolutions: try ResolutionFacts.load(directory: directory), meetings: try ClaimsMeetingDates.load(directory: directory))
    }
}

/// Meeting dates from `meetings.csv` (symbol, part, date), used for statement dates when the
/// statement has none. Kept apart so that the attribution work's own reader can replace it.
public struct ClaimsMeetingDates: Sendable {
    /// date by "symbol|part" ("S/PV.8699|Resumption 1").
    public var dates: [String: String]

    public init(dates: [String: String]) { self.dates = dates }

    public static func load(directory: String) throws -> ClaimsMeetingDates {
        let t = try FactsTable(contentsOf: (directory as NSString).appendingPathComponent("meetings.csv"), required: ["symbol", "part", "date"])
        var dates: [String: String] = [:]
        for r in t.rows {
            guard let d = try t.date(r, "date") else { continue }
            dates[t.value(r, "symbol") + "|" + t.value(r, "part")] = d.earliest
        }
        return ClaimsMeetingDates(dates: dates)
    }

    /// The record symbol and part of a file name: `S-PV-8713.txt` → ("S/PV.8713", "main"),
    /// `S-PV-8699-Resumption-1.txt` → ("S/PV.8699", "Resumption 1"); nil for other names.
    public static func meeting(ofDocument document: String) -> (symbol: String, part: String)? {
        var name = (document as NSString).lastPathComponent
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        let parts = name.split(separator: "-").map(String.init)
        guard parts.count >= 3, parts[0] == "S", parts[1] == "PV", Int(parts[2]) != nil else { return nil }
        let symbol = "S/PV.\(parts[2])"
        if parts.count >= 5, parts[3].lowercased().hasPrefix("resumption") { return (symbol, "Resumption \(parts[4])") }
        if parts.count == 4, parts[3].lowercased().hasPrefix("resumption") {
            let n = parts[3].dropFirst("resumption".count)
            return (symbol, "Resumption \(n.isEmpty ? "1" : String(n))")
        }
        return (symbol, "main")
    }

    /// The date of the meeting a document records, when `meetings.csv` has it.
    public func date(ofDocument document: String) -> String? {
        guard let m = Self.meeting(ofDocument: document) else { return nil }
        return dates[m.symbol + "|" + m.part]
    }

    /// Bounds for an undated record from its neighbours: the latest dated meeting with a lower
    /// number and the earliest with a higher number (meetings are numbered in order).
    public func bounds(ofDocument document: String) -> (earliest: String?, latest: String?) {
        guard let m = Self.meeting(ofDocument: document), let n = Int(m.symbol.dropFirst("S/PV.".count)) else { return (nil, nil) }
        var lower: (Int, String)?, upper: (Int, String)?
        for (key, date) in dates {
            guard let k = Int(key.split(separator: "|")[0].dropFirst("S/PV.".count)) else { continue }
            if k < n, lower.map({ k > $0.0 || (k == $0.0 && date > $0.1) }) ?? true { lower = (k, date) }
            if k > n, upper.map({ k < $0.0 || (k == $0.0 && date < $0.1) }) ?? true { upper = (k, date) }
        }
        return (lower?.1, upper?.1)
    }
}

import AttestFormats
import Foundation

/// When and how one resolution was adopted (`resolutions.csv`).
public struct ResolutionFact: Sendable, Equatable {
    /// The number (2505) and the year of the symbol (2020).
    public var number: Int
    public var year: Int
    public var date: FactDate?
    /// The meeting symbol ("S/PV.8701"), when known.
    public var meeting: String
    public var votesYes: Int?
    public var votesNo: Int?
    public var abstentions: Int?
    /// true: all 15 in favour; false: votes against or abstentions; nil: not recorded.
    public var unanimous: Bool?
    /// The abstaining members, canonical names, when the note lists them.
    public var abstaining: [String]
    public var reference: FactReference
}

/// Adopted resolutions, read from a facts directory; the table is open-world (a missing
/// resolution is "not known", never "not adopted").
public struct ResolutionFacts: Sendable {
    public var resolutions: [Int: ResolutionFact]

    public init(_ facts: [ResolutionFact]) {
        resolutions = Dictionary(facts.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads `resolutions.csv` from `directory`.
    public static func load(directory: String) throws -> ResolutionFacts {
        let t = try FactsTable(contentsOf: (directory as NSString).appendingPathComponent("resolutions.csv"),
                               required: ["resolution", "date", "meeting", "vote_yes", "vote_no", "vote_abstain", "unanimous", "source", "retrieved", "licence"])
        var facts: [ResolutionFact] = []
        for r in t.rows {
            let symbol = t.value(r, "resolution")
            let parts = symbol.split(separator: " ")
            guard parts.count == 2, let number = Int(parts[0]),
                  let year = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "()"))) else {
                throw FactsError(path: t.path, line: r.line, message: "invalid resolution '\(symbol)'; expected 'NNNN (YYYY)'")
            }
            let unanimous: Bool?
            switch t.value(r, "unanimous") {
            case "true": unanimous = true
            case "false": unanimous = false
            case "": unanimous = nil
            case let other:
                throw FactsError(path: t.path, line: r.line, column: t.column(r, "unanimous"),
                                 message: "invalid unanimous '\(other)'; allowed: true, false or empty")
            }
            let note = t.value(r, "note")
            var abstaining: [String] = []
            if let range = note.range(of: "abstaining (show of hands in ") {
                let rest = note[range.upperBound...]
                if let colon = rest.range(of: "): ") {
                    let list = rest[colon.upperBound...].split(separator: ";").first.map(String.init) ?? ""
                    abstaining = list.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            }
            let date = try t.date(r, "date")
            facts.append(ResolutionFact(number: number, year: year, date: date, meeting: t.value(r, "meeting"),
                                        votesYes: Int(t.value(r, "vote_yes")), votesNo: Int(t.value(r, "vote_no")),
                                        abstentions: Int(t.value(r, "vote_abstain")), unanimous: unanimous, abstaining: abstaining,
                                        reference: t.reference(r, summary: "resolution \(symbol) adopted \(date?.description ?? "(date not recorded)")"
                                            + (unanimous == true ? " unanimously" : unanimous == false ? " by \(t.value(r, "vote_yes"))-\(t.value(r, "vote_no"))-\(t.value(r, "vote_abstain"))" : ""))))
        }
        return ResolutionFacts(facts)
    }

    /// The resolutions adopted at `meeting` ("S/PV.8701").
    public func adopted(at meeting: String) -> [ResolutionFact] {
        resolutions.values.filter { $0.meeting == meeting }.sorted { $0.number < $1.number }
    }
}

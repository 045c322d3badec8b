import Foundation

/// Checks of the date columns of the council tables.
extension FactDate {
    static func isDay(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return false }
        return y > 1900 && (1...12).contains(m) && (1...31).contains(d)
    }

    static func isMonth(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 4, p[1].count == 2, let m = Int(p[1]) else { return false }
        return Int(p[0]) != nil && (1...12).contains(m)
    }
}

/// The date of each meeting part: `symbol,part,date` (`S/PV.8764,main,2020-10-05`), read from the
/// shipped `Facts/meetings.csv` or a table given with `--meetings`. Rows with an empty date say
/// the date is not known and are kept out of the lookup.
public struct MeetingsTable: Sendable {
    public struct Meeting: Sendable, Equatable {
        public var symbol: String
        /// `main`, `Resumption 1`, …
        public var part: String
        public var date: String
        public var row: FactRow
    }

    public private(set) var meetings: [Meeting] = []
    private var byKey: [String: Int] = [:]

    public init(_ table: FactsTable) throws {
        for row in table.rows {
            guard let symbol = row["symbol"], let date = row["date"] else { continue }
            guard FactDate.isDay(date) else {
                throw FactsError.badRow(path: table.path, line: row.line, column: row.columns["date"] ?? 1,
                                        message: "date '\(date)' is not YYYY-MM-DD")
            }
            let part = Self.normalisedPart(row["part"] ?? "main")
            let key = symbol + "\u{1}" + part
            if byKey[key] != nil {
                throw FactsError.badRow(path: table.path, line: row.line, column: 1, message: "second row for \(symbol) (\(part))")
            }
            byKey[key] = meetings.count
            meetings.append(Meeting(symbol: symbol, part: part, date: date, row: row))
        }
    }

    public init(contentsOf path: String) throws {
        try self.init(FactsTable(contentsOf: path, required: ["symbol", "date"]))
    }

    /// "" and "main" are the same part; "resumption 1" is "Resumption 1".
    static func normalisedPart(_ p: String) -> String {
        let t = p.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.lowercased() == "main" { return "main" }
        return t.prefix(1).uppercased() + t.dropFirst()
    }

    public func meeting(symbol: String, part: String = "main") -> Meeting? {
        byKey[symbol + "\u{1}" + Self.normalisedPart(part)].map { meetings[$0] }
    }
}

/// Who held the Council presidency, month by month (`month,state,iso3`).
public struct PresidencyTable: Sendable {
    public struct Presidency: Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        public var state: String
        public var iso3: String?
        public var row: FactRow
    }

    public private(set) var presidencies: [Presidency] = []

    public init(_ table: FactsTable) throws {
        for row in table.rows {
            guard let month = row["month"], FactDate.isMonth(month) else {
                throw FactsError.badRow(path: table.path, line: row.line, column: row.columns["month"] ?? 1, message: "month is not YYYY-MM")
            }
            guard let state = row["state"] else {
                throw FactsError.badRow(path: table.path, line: row.line, column: row.columns["state"] ?? 1, message: "state is empty")
            }
            if presidencies.contains(where: { $0.month == month }) {
                throw FactsError.badRow(path: table.path, line: row.line, column: 1, message: "second presidency for \(month)")
            }
            presidencies.append(Presidency(month: month, state: state, iso3: row["iso3"], row: row))
        }
    }

    /// The presidency of the month of `date` (`YYYY-MM-DD` or `YYYY-MM`).
    public func presidency(on date: String) -> Presidency? {
        let month = String(date.prefix(7))
        return presidencies.first { $0.month == month }
    }

    /// The States that presided in `year`, in month order.
    public func states(inYear year: Int) -> [String] {
        presidencies.filter { $0.month.hasPrefix("\(year)-") }.sorted { $0.month < $1.month }.map(\.state)
    }
}

/// Security Council membership terms (`state,iso3,seat,start,end`).
public struct MembersTable: Sendable {
    public struct Term: Sendable, Equatable {
        public var state: String
        public var iso3: String?
        /// `permanent` or `elected`.
        public var seat: String
        public var start: String
        /// Empty when the seat continues.
        public var end: String?
        public var row: FactRow
    }

    public private(set) var terms: [Term] = []

    public init(_ table: FactsTable) throws {
        for row in table.rows {
            guard let state = row["state"], let start = row["start"], FactDate.isDay(start) else {
                throw FactsError.badRow(path: table.path, line: row.line, column: row.columns["start"] ?? 1, message: "term needs a state and a YYYY-MM-DD start")
            }
            if let end = row["end"], !FactDate.isDay(end) {
                throw FactsError.badRow(path: table.path, line: row.line, column: row.columns["end"] ?? 1, message: "end '\(end)' is not YYYY-MM-DD")
            }
            terms.append(Term(state: state, iso3: row["iso3"], seat: row["seat"] ?? "", start: start, end: row["end"], row: row))
        }
    }

    /// The members on `date` (`YYYY-MM-DD`), sorted by name.
    public func members(on date: String) -> [Term] {
        terms.filter { $0.start <= date && ($0.end.map { date <= $0 } ?? true) }.sorted { $0.state < $1.state }
    }
}

/// The council tables of a facts folder, read together.
public struct CouncilFacts: Sendable {
    public var members: MembersTable
    public var presidencies: PresidencyTable
    public var meetings: MeetingsTable

    public init(members: MembersTable, presidencies: PresidencyTable, meetings: MeetingsTable) {
        self.members = members
        self.presidencies = presidencies
        self.meetings = meetings
    }

    /// Reads `council_members.csv`, `council_presidencies.csv` and `meetings.csv` of `folder`.
    /// Each row is cited by the path under `folder` as given (`Facts/meetings.csv:67`).
    public init(folder: String) throws {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let provenance = FactsTable.provenanceColumns
        members = try MembersTable(FactsTable(contentsOf: path("council_members.csv"), required: ["state", "start", "end"] + provenance))
        presidencies = try PresidencyTable(FactsTable(contentsOf: path("council_presidencies.csv"), required: ["month", "state"] + provenance))
        meetings = try MeetingsTable(FactsTable(contentsOf: path("meetings.csv"), required: ["symbol", "part", "date"] + provenance))
    }

    /// The shipped facts folder: `Facts/` of the current directory, else of the package that built
    /// this binary (found from this source file's path), or nil when neither exists.
    public static func shippedFolder(fileManager: FileManager = .default) -> String? {
        if fileManager.fileExists(atPath: "Facts/meetings.csv") { return "Facts" }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = package.appendingPathComponent("Facts").path
        return fileManager.fileExists(atPath: folder + "/meetings.csv") ? folder : nil
    }
}

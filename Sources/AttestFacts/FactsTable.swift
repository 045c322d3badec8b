import AttestFormats
import AttestModel
import Foundation

/// Where a fact row came from: the facts file and line, and the row's own provenance columns.
public struct FactReference: Sendable, Equatable, Hashable {
    /// The facts file's name (`treaty_actions.csv`) and the 1-based line of the row.
    public var file: String
    public var line: Int
    /// The row's `source` column (a repository file at a commit, a record paragraph, a page).
    public var source: String
    public var retrieved: String
    public var licence: String
    /// A short rendering of what the row says ("Tunisia untoc-firearms ratification 2008-04-10").
    public var summary: String

    public init(file: String, line: Int, source: String, retrieved: String, licence: String, summary: String) {
        self.file = file
        self.line = line
        self.source = source
        self.retrieved = retrieved
        self.licence = licence
        self.summary = summary
    }

    /// `file:line`.
    public var place: String { "\(file):\(line)" }
}

/// A facts file that could not be read, with the place of the problem.
public struct FactsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int = 1, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// One CSV facts file read by its header: every row as a name → field map, with its line.
struct FactsTable {
    let path: String
    let fileName: String
    let header: [String]
    let rows: [CSV.Record]

    /// Reads `path`, checking that the header holds every column in `required`.
    init(path: String, required: [String]) throws {
        self.path = path
        self.fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FactsError(path: path, line: 1, message: "cannot read facts file")
        }
        guard let text = UTF8Validation.string(data) else {
            throw FactsError(path: path, line: 1, message: "facts file is not UTF-8")
        }
        var records = CSV.parse(text)
        guard !records.isEmpty else { throw FactsError(path: path, line: 1, message: "facts file is empty; expected a header row") }
        header = records.removeFirst().values
        for column in required where !header.contains(column) {
            throw FactsError(path: path, line: 1, message: "missing column '\(column)'; the header is: \(header.joined(separator: ","))")
        }
        for record in records where record.fields.count != header.count {
            if record.fields.count == 1 && record.values[0].isEmpty { continue }
            throw FactsError(path: path, line: record.line, column: record.fields.last?.column ?? 1,
                             message: "row has \(record.fields.count) fields; the header has \(header.count)")
        }
        rows = records.filter { !($0.fields.count == 1 && $0.values[0].isEmpty) }
    }

    func value(_ record: CSV.Record, _ column: String) -> String {
        guard let i = header.firstIndex(of: column), i < record.fields.count else { return "" }
        return record.fields[i].value
    }

    func field(_ record: CSV.Record, _ column: String) -> CSV.Field? {
        guard let i = header.firstIndex(of: column), i < record.fields.count else { return nil }
        return record.fields[i]
    }

    func reference(_ record: CSV.Record, summary: String) -> FactReference {
        FactReference(file: fileName, line: record.line, source: value(record, "source"), retrieved: value(record, "retrieved"),
                      licence: value(record, "licence"), summary: summary)
    }

    /// Checks that `column` holds an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) or is empty.
    func date(_ record: CSV.Record, _ column: String, optional: Bool = true) throws -> FactDate? {
        let raw = value(record, column)
        if raw.isEmpty {
            if optional { return nil }
            throw FactsError(path: path, line: record.line, column: field(record, column)?.column ?? 1, message: "empty \(column); expected a date")
        }
        guard let d = FactDate(raw) else {
            throw FactsError(path: path, line: record.line, column: field(record, column)?.column ?? 1,
                             message: "invalid \(column) '\(raw)'; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        return d
    }
}

/// A date at the precision its source gives: a year, a month or a day.
///
/// Comparisons with a day are made at the fact's own precision: "member since 2003" is before
/// any day of 2004 and undecided for a day of 2003.
public struct FactDate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        year = y
        month = nil
        day = nil
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...31).contains(d) else { return nil }
            day = d
        }
    }

    public var description: String {
        var s = String(format: "%04d", year)
        if let month { s += String(format: "-%02d", month) }
        if let day { s += String(format: "-%02d", day) }
        return s
    }

    /// The first and the last day the date can stand for, as `YYYY-MM-DD` strings.
    public var earliest: String { String(format: "%04d-%02d-%02d", year, month ?? 1, day ?? 1) }
    public var latest: String { String(format: "%04d-%02d-%02d", year, month ?? 12, day ?? 31) }

    /// True when every day the date stands for is on or before `isoDay`.
    public func surelyOnOrBefore(_ isoDay: String) -> Bool { latest <= isoDay }
    /// True when every day the date stands for is after `isoDay`.
    public func surelyAfter(_ isoDay: String) -> Bool { earliest > isoDay }
}

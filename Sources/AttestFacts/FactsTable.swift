import AttestFormats
import Foundation

/// The reference facts Attest ships in `Facts/`: small CSV tables whose every row says where it
/// comes from (`source`), when that was read (`retrieved`) and under which licence.
///
/// This module reads facts and nothing else: it depends on AttestModel and AttestFormats only,
/// never on the readers or the matcher, so that later layers (attribution, claims) can look
/// facts up without knowing how documents are read.

/// One row of a facts table: its fields by column name, with its provenance.
public struct FactRow: Sendable, Equatable {
    public var fields: [String: String]
    /// The file and 1-based line the row starts on, as `Facts/meetings.csv:23`.
    public var file: String
    public var line: Int
    /// The 1-based column (Unicode scalars) where each field starts, for diagnostics.
    public var columns: [String: Int]

    public init(fields: [String: String], file: String, line: Int, columns: [String: Int] = [:]) {
        self.fields = fields
        self.file = file
        self.line = line
        self.columns = columns
    }

    public subscript(_ column: String) -> String? {
        guard let v = fields[column], !v.isEmpty else { return nil }
        return v
    }

    public var source: String { fields["source"] ?? "" }
    public var retrieved: String { fields["retrieved"] ?? "" }
    public var licence: String { fields["licence"] ?? "" }
    /// `file:line`, what an attribution cites.
    public var location: String { "\(file):\(line)" }
}

/// Why a facts table cannot be used.
public enum FactsError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badRow(path: String, line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path):1:1: cannot read facts file (\(reason))"
        case .badRow(let path, let line, let column, let message): "\(path):\(line):\(column): \(message)"
        }
    }
}

/// A facts CSV read generically: a header row, then one `FactRow` per record.
public struct FactsTable: Sendable {
    public var path: String
    public var columns: [String]
    public var rows: [FactRow]

    /// Columns every shipped facts table has. Tables given by a user (`--meetings`) may omit them.
    public static let provenanceColumns = ["source", "retrieved", "licence"]

    /// Reads `text` as a facts table named `path`.
    /// - Parameters:
    ///   - required: columns the table must have (checked against the header).
    public init(text: String, path: String, required: [String] = []) throws {
        self.path = path
        let records = CSV.parse(text)
        guard let header = records.first, header.values != [""] else {
            throw FactsError(path: path, line: 1, message: "facts file is empty; expected a header row")
        }
        columns = header.values.map { $0.trimmingCharacters(in: .whitespaces) }
        for c in required where !columns.contains(c) {
            throw FactsError(path: path, line: 1, message: "facts table has no column '\(c)'; the header is: \(columns.joined(separator: ","))")
        }
        var rows: [FactRow] = []
        for r in records.dropFirst() {
            if r.values == [""] { continue } // blank line
            guard r.fields.count == columns.count else {
                let col = r.fields.last?.column ?? 1
                throw FactsError.badRow(path: path, line: r.line, column: col,
                                        message: "row has \(r.fields.count) fields; the header has \(columns.count)")
            }
            var fields: [String: String] = [:]
            var at: [String: Int] = [:]
            for (c, f) in zip(columns, r.fields) { fields[c] = f.value; at[c] = f.column }
            rows.append(FactRow(fields: fields, file: path, line: r.line, columns: at))
        }
        self.rows = rows
    }

    /// Reads the file at `path` (the path as given is kept for `file:line` citations).
    public init(contentsOf path: String, required: [String] = []) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FactsError.unreadable(path: path, reason: "no such file or not readable")
        }
        guard let text = UTF8Validation.string(data) else {
            throw FactsError(path: path, line: 1, message: "facts file is not UTF-8")
        }
        try self.init(text: text, path: path, required: required)
    }

    /// The column index of a field, 1-based, for diagnostics.
    func column(_ name: String) -> Int { (columns.firstIndex(of: name) ?? 0) + 1 }
}


extension FactsError {
    /// A problem at a place in a facts file.
    public init(path: String, line: Int, column: Int = 1, message: String) {
        self = .badRow(path: path, line: line, column: column, message: message)
    }
}

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

// Typed access to the rows of a facts table, for the loaders of claim facts.
extension FactsTable {
    /// The field of `row` in `column`; empty when the row leaves it empty.
    func value(_ row: FactRow, _ column: String) -> String { row.fields[column] ?? "" }

    /// The 1-based column where `row`'s field in `column` starts, for diagnostics.
    func column(_ row: FactRow, _ column: String) -> Int { row.columns[column] ?? 1 }

    func reference(_ row: FactRow, summary: String) -> FactReference {
        FactReference(file: (path as NSString).lastPathComponent, line: row.line, source: value(row, "source"),
                      retrieved: value(row, "retrieved"), licence: value(row, "licence"), summary: summary)
    }

    /// Checks that `column` holds an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) or is empty.
    func date(_ row: FactRow, _ column: String, optional: Bool = true) throws -> FactDate? {
        let raw = value(row, column)
        if raw.isEmpty {
            if optional { return nil }
            throw FactsError(path: path, line: row.line, column: self.column(row, column), message: "empty \(column); expected a date")
        }
        guard let d = FactDate(raw) else {
            throw FactsError(path: path, line: row.line, column: self.column(row, column),
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

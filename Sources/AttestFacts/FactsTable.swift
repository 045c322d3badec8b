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
    case missingColumn(path: String, column: String)
    case badRow(path: String, line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read facts table: \(reason)"
        case .missingColumn(let path, let column): "\(path):1:1: facts table has no column '\(column)'"
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
        guard let header = records.first else { throw FactsError.missingColumn(path: path, column: required.first ?? "header") }
        columns = header.values.map { $0.trimmingCharacters(in: .whitespaces) }
        for c in required where !columns.contains(c) { throw FactsError.missingColumn(path: path, column: c) }
        var rows: [FactRow] = []
        for r in records.dropFirst() {
            if r.values == [""] { continue } // blank line
            guard r.fields.count == columns.count else {
                let col = r.fields.last?.column ?? 1
                throw FactsError.badRow(path: path, line: r.line, column: col,
                                        message: "row has \(r.fields.count) fields, the header has \(columns.count)")
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
        guard let text = String(data: data, encoding: .utf8) else {
            throw FactsError.unreadable(path: path, reason: "not UTF-8")
        }
        try self.init(text: text, path: path, required: required)
    }

    /// The column index of a field, 1-based, for diagnostics.
    func column(_ name: String) -> Int { (columns.firstIndex(of: name) ?? 0) + 1 }
}

import AttestAudit
import AttestFormats
import Foundation

/// Formats a coverage matrix for output.
public protocol MatrixReporter: Sendable {
    func render(_ matrix: CoverageMatrix) -> String
}

/// `delegation,kind,iso3,<rule ids...>` (with `document` first when rows are per document), RFC 4180 quoting; a cell that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-` or `@`) is prefixed with `'`.
public struct CSVMatrixReporter: MatrixReporter {
    public var separator: Character

    public init(separator: Character = ",") {
        self.separator = separator
    }

    public func render(_ matrix: CoverageMatrix) -> String {
        let perDocument = matrix.rows.contains { $0.document != nil }
        let header = (perDocument ? ["document"] : []) + ["delegation", "kind", "iso3"] + matrix.ruleIDs
        var out = [header.map(field).joined(separator: String(separator))]
        for row in matrix.rows {
            let fields = (perDocument ? [row.document ?? ""] : []) + [row.delegation, row.kind.rawValue, row.iso3 ?? ""] + row.cells.map(\.rawValue)
            out.append(fields.map(field).joined(separator: String(separator)))
        }
        return out.joined(separator: "\n") + "\n"
    }

    func field(_ raw: String) -> String {
        CSV.field(raw, separator: separator.unicodeScalars.first!)
    }
}

/// A GitHub-flavoured Markdown table; `|` and line breaks in names are escaped.
public struct MarkdownMatrixReporter: MatrixReporter {
    public init() {}

    public func render(_ matrix: CoverageMatrix) -> String {
        let perDocument = matrix.rows.contains { $0.document != nil }
        let header = (perDocument ? ["document"] : []) + ["delegation", "kind", "iso3"] + matrix.ruleIDs
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |",
                     "|" + header.map { _ in " --- " }.joined(separator: "|") + "|"]
        for row in matrix.rows {
            let cells = row.cells.map { c -> String in
                switch c {
                case .yes: "yes"
                case .no: "no"
                case .noText: "—"
                }
            }
            let names = (perDocument ? [row.document ?? ""] : []) + [row.delegation, row.kind.rawValue, row.iso3 ?? ""]
            lines.append("| " + (names.map(escape) + cells).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func escape(_ s: String) -> String { Escaping.markdown(s) }
}

/// `{"rules": [...], "rows": [{"delegation", "kind", "iso3", "statements", "cells": {"rule": 1|0|null}}]}`,
/// keys sorted, so the output is byte-stable.
public struct JSONMatrixReporter: MatrixReporter {
    public init() {}

    public func render(_ matrix: CoverageMatrix) -> String {
        let rows: [JSONValue] = matrix.rows.map { row in
            let cells: [(String, JSONValue)] = zip(matrix.ruleIDs, row.cells).map { rule, cell in
                switch cell {
                case .yes: (rule, .int(1))
                case .no: (rule, .int(0))
                case .noText: (rule, .null)
                }
            }
            var object: [(String, JSONValue)] = [("delegation", .string(row.delegation)), ("kind", .string(row.kind.rawValue)),
                                                 ("iso3", .string(row.iso3)), ("statements", .int(row.statements)), ("cells", .object(cells))]
            if let d = row.document { object.append(("document", .string(d))) }
            return .object(object)
        }
        let object: JSONValue = .object([("rules", .array(matrix.ruleIDs.map { .string($0) })), ("rows", .array(rows))])
        return object.serialized([.pretty, .sortKeys]) + "\n"
    }
}

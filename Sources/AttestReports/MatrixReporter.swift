import AttestAudit
import Foundation

/// Formats a coverage matrix for output.
public protocol MatrixReporter {
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
        let s = TextEscaping.neutralisingFormula(raw)
        if separator == "\t" {
            return String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
        }
        // scalars, not Characters: a comma followed by a combining mark is still a comma to a CSV reader
        let sep = separator.unicodeScalars.first!
        if s.unicodeScalars.contains(where: { $0 == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
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

    func escape(_ s: String) -> String { TextEscaping.markdown(s) }
}

/// `{"rules": [...], "rows": [{"delegation", "kind", "iso3", "statements", "cells": {"rule": 1|0|null}}]}`,
/// keys sorted, so the output is byte-stable.
public struct JSONMatrixReporter: MatrixReporter {
    public init() {}

    public func render(_ matrix: CoverageMatrix) -> String {
        let rows: [[String: Any]] = matrix.rows.map { row in
            var cells: [String: Any] = [:]
            for (rule, cell) in zip(matrix.ruleIDs, row.cells) {
                switch cell {
                case .yes: cells[rule] = 1
                case .no: cells[rule] = 0
                case .noText: cells[rule] = NSNull()
                }
            }
            var object: [String: Any] = ["delegation": row.delegation, "kind": row.kind.rawValue, "iso3": row.iso3 ?? NSNull(),
                                         "statements": row.statements, "cells": cells]
            if let d = row.document { object["document"] = d }
            return object
        }
        let object: [String: Any] = ["rules": matrix.ruleIDs, "rows": rows]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// RFC 4180 CSV: one writer for every CSV Attest produces and one reader for every CSV it reads
/// (gold, facts), which keeps the line and column where each field starts.
///
/// Columns count Unicode scalars, 1-based, like every location Attest reports.
public enum CSV {
    /// One field of a read record.
    public struct Field: Sendable, Equatable {
        public var value: String
        /// Where the field starts.
        public var line: Int
        public var column: Int
    }

    /// One record (a line, or more when a quoted field holds line breaks).
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [Field]
        public var values: [String] { fields.map(\.value) }
    }

    // MARK: - Writing

    /// A field for a file with `separator` (`,` or tab): formulas neutralised, quoted when it holds
    /// the separator, a quote or a line break (scalars, not Characters: a comma followed by a
    /// combining mark is still a comma to a CSV reader). For tab-separated output, tabs and line
    /// breaks inside a field become spaces.
    public static func field(_ raw: String, separator: Unicode.Scalar = ",") -> String {
        let s = Escaping.neutralisingFormula(raw)
        if separator == "\t" {
            return String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
        }
        if s.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One line of fields, without its line end.
    public static func line(_ fields: [String], separator: Unicode.Scalar = ",") -> String {
        fields.map { field($0, separator: separator) }.joined(separator: String(Character(separator)))
    }

    // MARK: - Reading

    /// Every record of `text` (CRLF or LF; a leading byte-order mark is skipped). Quotes are
    /// honoured only at the start of a field, as RFC 4180 writes them.
    public static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [Field] = []
        var field = String.UnicodeScalarView()
        var fieldColumn = 1
        var fieldLine = 1
        var inQuotes = false
        var line = 1, column = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endField() {
            fields.append(Field(value: String(field), line: fieldLine, column: fieldColumn))
            field = String.UnicodeScalarView()
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1; column += 1 } else { inQuotes = false }
                } else if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" {
                    // CRLF inside a quoted field is a line break, read as LF
                    field.append("\n"); i += 1; line += 1; column = 0
                } else {
                    field.append(c)
                    if c == "\n" { line += 1; column = 0 }
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                endField()
                fieldColumn = column + 1
                fieldLine = line
            } else if c == "\n" || (c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n") {
                if c == "\r" { i += 1 }
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                line += 1
                column = 0
                recordLine = line
                fieldColumn = 1
                fieldLine = line
            } else {
                field.append(c)
            }
            i += 1
            column += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}

/// Escaping shared by the text formats.
enum TextEscaping {
    /// Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
    /// The first Unicode scalar decides, so that `=` followed by a combining mark is caught too.
    static func neutralisingFormula(_ s: String) -> String {
        if let first = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { return "'" + s }
        return s
    }

    /// Markdown inline text: characters with a meaning in Markdown or HTML are escaped and line
    /// breaks become spaces, so that a statement can never break a table or inject markup.
    static func markdown(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#", "~": out += "\\" + String(c)
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default:
                if let a = c.asciiValue, a < 0x20 || a == 0x7F { out += " " } else { out.append(c) }
            }
        }
        return out
    }
}

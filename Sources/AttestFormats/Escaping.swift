/// Every escaping rule of Attest's output formats, in one place: HTML, XML, Markdown, spreadsheet
/// formulas and text shown on a terminal. Each function takes any string (a delegation name, a
/// statement, a file name from the command line) and returns text that cannot break out of its
/// context.
public enum Escaping {
    // MARK: - Spreadsheets

    /// Text that a spreadsheet would read as a formula gets a leading `'`: `=`, `+`, `-` or `@`
    /// first, or a tab or carriage return before one of them (OWASP's CSV injection list). The
    /// first Unicode scalar decides, so that `=` followed by a combining mark is caught too.
    public static func neutralisingFormula(_ s: String) -> String {
        var scalars = s.unicodeScalars.makeIterator()
        guard var first = scalars.next() else { return s }
        let triggers = "=+-@".unicodeScalars
        if triggers.contains(first) { return "'" + s }
        while first == "\t" || first == "\r" {
            guard let next = scalars.next() else { return s }
            if triggers.contains(next) { return "'" + s }
            first = next
        }
        return s
    }

    // MARK: - Markdown

    /// Markdown inline text: characters with a meaning in Markdown or HTML are escaped and line
    /// breaks become spaces, so that a statement can never break a table or inject markup.
    public static func markdown(_ s: String) -> String {
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

    // MARK: - HTML

    /// Text for HTML element content and quoted attribute values: `& < > " '` as references;
    /// C0 controls other than tab and line ends, which HTML does not allow, as U+FFFD.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    // MARK: - XML

    /// `Char` of XML 1.0: tab, LF, CR and everything from U+0020 except U+FFFE and U+FFFF
    /// (surrogates cannot occur in a Swift string).
    public static func isXMLCharacter(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...: true
        default: false
        }
    }

    /// Text for XML element content or attribute values (XLSX parts, JUnit): the five entities;
    /// characters XML 1.0 cannot hold become U+FFFD; CR is written as a reference so that parsers
    /// do not turn it into LF.
    public static func xml(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            default: out.append(isXMLCharacter(u) ? u : "\u{FFFD}")
            }
        }
        return String(out)
    }

    /// The string with every character XML 1.0 cannot hold replaced by U+FFFD.
    public static func xmlCharacters(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
    }

    // MARK: - Terminal

    /// Text shown to a person on a terminal or in a log: C0 and C1 controls (ESC, BEL, CR, LF …),
    /// DEL and the bidirectional overrides are written as `\u{XX}`, so that a delegation or file
    /// name can neither forge a line of output nor move the cursor or change the window title.
    public static func terminal(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsTerminalEscape) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if needsTerminalEscape(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func needsTerminalEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x08, 0x0A...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

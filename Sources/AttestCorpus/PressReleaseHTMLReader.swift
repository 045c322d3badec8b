/// Reads a press release saved from the web as an HTML page.
///
/// The article's paragraphs are the `<p>` elements inside the body field
/// (`class="... field--name-body ..."`), or, on pages without one, inside `<article>` or `<main>`;
/// the `<h1>` is the headline. Inline markup is dropped, character references are decoded, and
/// runs of ASCII whitespace become one space (a no-break space is kept as it is). The statements
/// are then attributed exactly as `PressReleaseReader` does for the plain text, so both forms of
/// one release give the same statements; their offsets point at the `<p>` element's content in
/// the HTML.
public struct PressReleaseHTMLReader: DocumentReader {
    public let paragraphReader: PressReleaseReader

    public init(paragraphReader: PressReleaseReader = PressReleaseReader()) {
        self.paragraphReader = paragraphReader
    }

    public func read(_ source: SourceText) -> ReadResult {
        paragraphReader.statements(from: paragraphs(source), path: source.path)
    }

    /// The headline and the body paragraphs, in order.
    func paragraphs(_ source: SourceText) -> [Paragraph] {
        let scanner = HTMLScanner(source.text)
        let events = scanner.events()
        let containerTest: [(String, (String) -> Bool)] = [
            ("div", { $0.contains("field--name-body") }),
            ("article", { _ in true }),
            ("main", { _ in true }),
            ("body", { _ in true }),
        ]
        for (tag, test) in containerTest {
            let found = collect(events, scanner: scanner, source: source, container: tag, matches: test)
            if !found.isEmpty { return headline(events, scanner: scanner, source: source) + found }
        }
        return []
    }

    private func headline(_ events: [HTMLScanner.Event], scanner: HTMLScanner, source: SourceText) -> [Paragraph] {
        collectElements(named: "h1", in: events[...], scanner: scanner, source: source).prefix(1).map { $0 }
    }

    private func collect(_ events: [HTMLScanner.Event], scanner: HTMLScanner, source: SourceText,
                         container: String, matches: (String) -> Bool) -> [Paragraph] {
        // find the container, then the range of events up to its matching close tag
        guard let open = events.firstIndex(where: {
            if case .open(let name, let attributes, _, _) = $0 { return name == container && matches(attributes) }
            return false
        }) else { return [] }
        var depth = 0
        var close = events.endIndex
        for k in open..<events.endIndex {
            switch events[k] {
            case .open(let name, _, _, _) where name == container: depth += 1
            case .close(let name, _, _) where name == container:
                depth -= 1
                if depth == 0 { close = k }
            default: break
            }
            if close != events.endIndex { break }
        }
        return collectElements(named: "p", in: events[open..<close], scanner: scanner, source: source)
    }

    /// The text of each element `name` in `events` (nested elements of the same name are flattened).
    private func collectElements(named name: String, in events: ArraySlice<HTMLScanner.Event>, scanner: HTMLScanner,
                                 source: SourceText) -> [Paragraph] {
        var result: [Paragraph] = []
        var open: (start: Int, text: String)?
        for e in events {
            switch e {
            case .open(let n, _, _, let end) where n == name:
                open = (end, "")
            case .open(let n, _, _, _) where n == "br":
                open?.text += " "
            case .close(let n, let start, _) where n == name:
                if let o = open {
                    let text = Self.collapse(HTMLScanner.decodeEntities(o.text))
                    if !text.isEmpty {
                        result.append(Paragraph(text: text, start: o.start, end: max(o.start, start), line: source.line(at: o.start)))
                    }
                }
                open = nil
            case .text(let start, let end):
                open?.text += scanner.string(start, end)
            default:
                break
            }
        }
        return result
    }

    /// Collapses runs of ASCII whitespace to one space and trims; a no-break space is not whitespace here.
    static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u == " " || u == "\n" || u == "\t" || u == "\r" || u == "\u{0C}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(u)
            }
        }
        return String(out)
    }
}

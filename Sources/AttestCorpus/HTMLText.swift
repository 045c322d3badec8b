/// A small, forgiving HTML scanner: enough to take the paragraphs out of a saved web page.
///
/// It understands tags, comments, `<script>`/`<style>` raw text and character references; it
/// does not build a tree. Offsets are UTF-8 byte offsets into the page.
struct HTMLScanner {
    enum Event: Equatable {
        case open(name: String, attributes: String, start: Int, end: Int)
        case close(name: String, start: Int, end: Int)
        case text(start: Int, end: Int)
    }

    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The page as a sequence of tags and text runs; comments, doctypes, scripts and styles are skipped.
    func events() -> [Event] {
        var events: [Event] = []
        var i = 0
        let n = bytes.count
        var textStart = 0
        func flushText(_ end: Int) { if textStart < end { events.append(.text(start: textStart, end: end)) } }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if starts("<!--", at: i) {
                flushText(i)
                i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                textStart = i
                continue
            }
            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                flushText(i)
                i = find(">", from: i).map { $0 + 1 } ?? n
                textStart = i
                continue
            }
            let closing = i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < n, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart else { i += 1; continue } // a lone "<" is text
            let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
            // find the end of the tag, skipping quoted attribute values
            var k = j
            var quote: UInt8?
            while k < n {
                let b = bytes[k]
                if let q = quote { if b == q { quote = nil } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: ">") { break }
                k += 1
            }
            let tagEnd = min(k + 1, n)
            flushText(i)
            if closing {
                events.append(.close(name: name, start: i, end: tagEnd))
            } else {
                let attributes = String(decoding: bytes[j..<max(j, k)], as: UTF8.self)
                events.append(.open(name: name, attributes: attributes, start: i, end: tagEnd))
                if name == "script" || name == "style" || name == "textarea" || name == "title" {
                    // raw text up to the matching end tag
                    let endTag = Array("</\(name)".utf8)
                    var m = tagEnd
                    while m < n, !(startsCaseInsensitive(endTag, at: m)) { m += 1 }
                    if name == "title" { events.append(.text(start: tagEnd, end: m)) }
                    i = m
                    textStart = m
                    continue
                }
            }
            i = tagEnd
            textStart = i
        }
        flushText(n)
        return events
    }

    func string(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
    }

    private func starts(_ s: String, at i: Int) -> Bool {
        let p = Array(s.utf8)
        return i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p
    }

    private func startsCaseInsensitive(_ p: [UInt8], at i: Int) -> Bool {
        guard i + p.count <= bytes.count else { return false }
        for (k, c) in p.enumerated() where bytes[i + k] | 0x20 != c | 0x20 { return false }
        return true
    }

    private func find(_ s: String, from i: Int) -> Int? {
        let p = Array(s.utf8)
        var k = i
        while k + p.count <= bytes.count {
            if bytes[k] == p[0], Array(bytes[k..<(k + p.count)]) == p { return k }
            k += 1
        }
        return nil
    }

    /// Decodes character references (`&amp;`, `&#8217;`, `&#x2011;`, `&nbsp;`, ...).
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semi])
                if let scalar = entityScalar(name) {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }

    static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "rsquo": 0x2019, "lsquo": 0x2018, "rdquo": 0x201D, "ldquo": 0x201C, "sbquo": 0x201A, "bdquo": 0x201E,
        "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026, "shy": 0xAD, "eacute": 0xE9, "egrave": 0xE8,
        "ocirc": 0xF4, "ccedil": 0xE7, "uuml": 0xFC, "ouml": 0xF6, "auml": 0xE4, "aacute": 0xE1, "iacute": 0xED,
        "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "copy": 0xA9, "reg": 0xAE, "deg": 0xB0, "sect": 0xA7,
        "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "middot": 0xB7, "bull": 0x2022, "laquo": 0xAB, "raquo": 0xBB,
        "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003, "zwj": 0x200D, "zwnj": 0x200C,
    ]

    static func entityScalar(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        return namedEntities[name].flatMap(Unicode.Scalar.init)
    }
}

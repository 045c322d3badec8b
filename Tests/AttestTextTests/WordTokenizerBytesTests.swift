import AttestTestSupport
import XCTest
@testable import AttestText

/// `WordTokenizer.tokens` reads the UTF-8 bytes of its text in one pass; these tests compare it
/// with the scalar-by-scalar reading it replaced, kept here as the reference.
final class WordTokenizerBytesTests: XCTestCase {
    /// The tokenizer as it was before it read bytes: each scalar of `text.unicodeScalars` appended
    /// to a `String.UnicodeScalarView`, and every word folded by `WordTokenizer.fold`.
    static func referenceTokens<S: StringProtocol>(_ text: S, base: Int = 0) -> [WordToken] {
        var result: [WordToken] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = base
        var joiner = false
        var sawSeparatorOnly = true
        var pendingJoin = false
        var letters = 0
        var hasNonUpper = false
        var wordEnd = base
        func flush(end: Int) {
            guard !current.isEmpty else { return }
            let word = String(current)
            let caps = letters >= 2 && !hasNonUpper
            result.append(WordToken(folded: WordTokenizer.fold(word), start: start, end: end, joinedToPrevious: pendingJoin,
                                    isAllCaps: caps))
            current.removeAll(keepingCapacity: true)
            letters = 0
            hasNonUpper = false
        }
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if WordTokenizer.isInvisible(scalar) {
                offset += width
                continue
            }
            if WordTokenizer.isWordScalar(scalar) {
                if current.isEmpty {
                    start = offset
                    pendingJoin = !result.isEmpty && joiner && sawSeparatorOnly
                }
                current.append(scalar)
                wordEnd = offset + width
                if scalar.isASCII {
                    let v = scalar.value
                    if v >= 0x41 && v <= 0x5A { letters += 1 } else if v >= 0x61 && v <= 0x7A { letters += 1; hasNonUpper = true }
                } else if scalar.properties.isAlphabetic {
                    letters += 1
                    if !scalar.properties.isUppercase { hasNonUpper = true }
                }
            } else {
                if !current.isEmpty {
                    flush(end: wordEnd)
                    joiner = false
                    sawSeparatorOnly = true
                }
                if WordTokenizer.isJoiner(scalar) { joiner = true } else { sawSeparatorOnly = false }
            }
            offset += width
        }
        flush(end: wordEnd)
        return result
    }

    /// Pieces of UN typography and of the characters whose folding or classing is not ASCII's.
    static let pieces: [String] = [
        "Counter", "terrorism", "resolution", "2482", "(2019)", "S/RES/2462", "UNODC", "US", "Côte", "d’Ivoire", "d'Ivoire",
        "Guinea-Bissau", "Türkiye", "São Tomé", "Straße", "ﬁnance", "\u{212A}elvin", "ſ", "İstanbul", "e\u{0301}tat",
        "hu\u{00AD}man", "zero\u{200B}width", "\u{FEFF}", "\u{2060}", "\u{202E}rtl\u{202C}", "١٢٣", "Ⅻ", "½", "Ελλάδα", "МИД",
        "中国", "𝐀𝐁", "😀", "a\u{0308}", "\u{0301}", " ", "\u{00A0}", "\u{2011}", "\u{2010}", "-", "–", "—", "’", "‘", "“", "”", "'",
        "\u{02BC}", ",", ".", ";", ":", "(", ")", "\n", "\t", "\u{202F}", "\u{2009}", "_", "/", "%", "$", "AB", "aB", "Ab", "X",
    ]

    func testBytesGiveTheWordsOfTheScalarReading() {
        var rng = SplitMix64(state: 2026_1206)
        for round in 0..<4_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &rng) {
                text += Self.pieces.randomElement(using: &rng)!
                if Bool.random(using: &rng) { text += [" ", "", "-", "\u{00A0}", "’"].randomElement(using: &rng)! }
            }
            let base = round % 3 == 0 ? Int.random(in: 0...500, using: &rng) : 0
            XCTAssertEqual(WordTokenizer.tokens(text, base: base), Self.referenceTokens(text, base: base), "\(text.debugDescription)")
            // a Substring of a larger String: its own offsets, from its first byte
            let padded = "« " + text + " »"
            let inner = padded.dropFirst(2).dropLast(2)
            XCTAssertEqual(WordTokenizer.tokens(inner, base: base), Self.referenceTokens(inner, base: base), "\(text.debugDescription)")
        }
    }

    func testTheCorpusGivesTheWordsOfTheScalarReading() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus")
        // the bundled records and press release, and every record of the year kept with the gold
        let files = (FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { ["txt", "html"].contains($0.pathExtension) }
        XCTAssertGreaterThan(files.count, 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for paragraph in text.split(separator: "\n") {
                XCTAssertEqual(WordTokenizer.tokens(paragraph), Self.referenceTokens(paragraph), "\(file.lastPathComponent)")
            }
        }
    }
}

import Foundation
import XCTest
@testable import AttestText

/// The byte scan of `SentenceSplitter` against the splitter it replaced (kept here as written,
/// on arrays and Strings): the same sentences for every paragraph of the shared corpus and for
/// random texts made of the marks, closers, spaces, capitals and abbreviations the rules read.
final class SentenceSplitterReferenceTests: XCTestCase {
    func testTheScanSplitsTheCorpusAsTheReference() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/corpus").standardized
        guard let files = FileManager.default.enumerator(atPath: shared.path) else {
            throw XCTSkip("no shared corpus at \(shared.path)")
        }
        var paragraphs = 0, sentences = 0
        for case let name as String in files where name.hasSuffix(".txt") {
            let text = try String(contentsOf: shared.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(SentenceSplitter.sentences(text), ReferenceSplitter.sentences(text), name)
            for paragraph in text.split(separator: "\n") {
                let found = SentenceSplitter.sentences(paragraph)
                XCTAssertEqual(found, ReferenceSplitter.sentences(paragraph), "\(name): \(paragraph.prefix(80))")
                paragraphs += 1
                sentences += found.count
            }
        }
        XCTAssertGreaterThan(paragraphs, 1_500, "\(paragraphs) paragraphs")
        XCTAssertGreaterThan(sentences, 30_000, "\(sentences) sentences")
    }

    func testTheScanSplitsRandomTextsAsTheReference() {
        let pieces = [".", "!", "?", " ", "  ", "\n", "\t", "\r", "\u{00A0}", "\"", "'", ")", "]", "(", "[", "”", "’", "“", "‘",
                      "A", "a", "Z", "z", "É", "é", "Ž", "ß", "0", "9", "Mr", "mr", "MR", "Mrs", "No", "nos", "e.g", "E.G", "i.e", "U.S", "u.s",
                      "L.P", "approx", "Approx", "approxi", "paras", "h.e", "..", "...", "the", "Council", "x", "Y", "—", "€", "\u{2011}",
                      "2482", "(2019)", "abcdefgh", "ABCDEFGHI", "St", "ste", "ST"]
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(next() % 40) { text += pieces[next() % pieces.count] }
            XCTAssertEqual(SentenceSplitter.sentences(text), ReferenceSplitter.sentences(text), text.debugDescription)
            let cut = text.dropFirst(next() % 3)
            XCTAssertEqual(SentenceSplitter.sentences(cut), ReferenceSplitter.sentences(cut), cut.debugDescription)
        }
    }

    func testAMarkInEachOfTheEightPlacesOfAWordIsFound() {
        for before in 0..<20 {
            for after in 0..<12 {
                for mark in [".", "!", "?"] {
                    let text = String(repeating: "a", count: before) + mark + " B" + String(repeating: "c", count: after)
                    XCTAssertEqual(SentenceSplitter.sentences(text), ReferenceSplitter.sentences(text), text)
                    XCTAssertEqual(SentenceSplitter.sentences(text).count, 2, text)
                }
            }
        }
    }
}

/// `SentenceSplitter` as it was before the byte scan (4d937bb), the reference of these tests.
private enum ReferenceSplitter {
    static func sentences<S: StringProtocol>(_ text: S) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var result: [Range<Int>] = []
        var sentenceStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                var j = i + 1
                // closing quotes and brackets belong to the sentence
                while j < n, let w = closerWidth(bytes, j) { j += w }
                if j >= n {
                    break
                }
                if isSpace(bytes, j), startsSentence(bytes, skipSpaces(bytes, j)), !(b == UInt8(ascii: ".") && endsWithAbbreviation(bytes, i)) {
                    result.append(trim(bytes, sentenceStart..<j))
                    sentenceStart = j
                }
                i = j
                continue
            }
            i += 1
        }
        if sentenceStart < n {
            let last = trim(bytes, sentenceStart..<n)
            if !last.isEmpty { result.append(last) }
        }
        return result.filter { !$0.isEmpty }
    }

    static func closerWidth(_ b: [UInt8], _ i: Int) -> Int? {
        switch b[i] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return 1
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x9D || b[i + 2] == 0x99): return 3 // ” ’
        default: return nil
        }
    }

    static func isSpace(_ b: [UInt8], _ i: Int) -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return true
        default: return false
        }
    }

    static func skipSpaces(_ b: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < b.count, isSpace(b, j) { j += b[j] == 0xC2 ? 2 : 1 }
        return j
    }

    static func startsSentence(_ b: [UInt8], _ i: Int) -> Bool {
        guard i < b.count else { return false }
        let c = b[i]
        if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { return true }
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { return true }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "'") { return true }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x9C || b[i + 2] == 0x98 { return true } // “ ‘
        if c >= 0xC3 && c < 0xE0, i + 1 < b.count {
            // Latin-1 and Latin Extended capitals (É, Ö, Ž ...): decode and test
            let s = String(decoding: b[i..<(i + 2)], as: UTF8.self)
            return s.first?.isUppercase ?? false
        }
        return false
    }

    /// True when the word ending at the full stop `dot` is an abbreviation or an initial.
    static func endsWithAbbreviation(_ b: [UInt8], _ dot: Int) -> Bool {
        var k = dot
        while k > 0 {
            let c = b[k - 1]
            let isWordByte = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: ".")
            if !isWordByte { break }
            k -= 1
        }
        let word = String(decoding: b[k..<dot], as: UTF8.self)
        if word.isEmpty { return false }
        // a single capital, or a run of initials ("L.P", "U.S")
        let parts = word.split(separator: ".")
        if !parts.isEmpty, parts.allSatisfy({ $0.count == 1 && $0.first!.isUppercase }) { return true }
        return SentenceSplitter.abbreviations.contains(word.lowercased())
    }

    static func trim(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isSpace(b, lo) { lo += b[lo] == 0xC2 ? 2 : 1 }
        while hi > lo {
            if b[hi - 1] == 0x20 || b[hi - 1] == 0x0A || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
            else if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2 }
            else { break }
        }
        return lo..<hi
    }
}

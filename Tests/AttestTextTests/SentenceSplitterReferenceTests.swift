import Foundation
import XCTest
@testable import AttestText

/// The byte scan of `SentenceSplitter` against the splitter it replaced (`ReferenceSplitter`,
/// below): the same sentences for every paragraph of the shared corpus and for
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

/// `SentenceSplitter` as it was before the byte scan (4d937bb), the reference of these tests: its
/// loop over every byte and its abbreviation check on Strings, as written then. The helpers the
/// scan did not change (closing quotes, spaces, a sentence's first letter, trimming) are
/// `SentenceSplitter`'s own.
private enum ReferenceSplitter {
    static func sentences<S: StringProtocol>(_ text: S) -> [Range<Int>] {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var result: [Range<Int>] = []
            var sentenceStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                    var j = i + 1
                    // closing quotes and brackets belong to the sentence
                    while j < n, let w = SentenceSplitter.closerWidth(bytes, j) { j += w }
                    if j >= n {
                        break
                    }
                    if SentenceSplitter.isSpace(bytes, j), SentenceSplitter.startsSentence(bytes, SentenceSplitter.skipSpaces(bytes, j)),
                       !(b == UInt8(ascii: ".") && endsWithAbbreviation(bytes, i)) {
                        result.append(SentenceSplitter.trim(bytes, sentenceStart..<j))
                        sentenceStart = j
                    }
                    i = j
                    continue
                }
                i += 1
            }
            if sentenceStart < n {
                let last = SentenceSplitter.trim(bytes, sentenceStart..<n)
                if !last.isEmpty { result.append(last) }
            }
            return result.filter { !$0.isEmpty }
        }
    }

    /// True when the word ending at the full stop `dot` is an abbreviation or an initial.
    static func endsWithAbbreviation(_ b: UnsafeBufferPointer<UInt8>, _ dot: Int) -> Bool {
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
}

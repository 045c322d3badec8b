import XCTest
import AttestText
@testable import AttestMatching
import AttestTestSupport
import CAttestBytes

/// The word scan reads the text eight bytes at a time: runs of ASCII separators skipped by a
/// mask, a word's letters and digits found and lowercased by masks (`WordScan.wordBytes`,
/// `lowercased`), the last bytes of the text read without reading past it (`WordScan.chunk`), and
/// a word hashed from eight-byte loads of the padded scratch buffer (`WordTable.hash(padded:)`),
/// which must equal the hash the table is built with. Each is checked against the byte-by-byte
/// reference: `WordTokenizer.tokens` for the words, `WordTable.hash(_:)` for the hash.
final class WordScanEightBytesTests: XCTestCase {
    typealias Random = SplitMix64

    /// The scan of `bytes` (any buffer: a slice of a longer one too) against `WordTokenizer.tokens`
    /// of the same bytes, looked up in `automaton`; false on the first difference.
    private func agrees(_ bytes: UnsafeBufferPointer<UInt8>, _ automaton: PhraseAutomaton, _ what: String,
                        file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let scan = WordScan(bytes, table: automaton.words)
        let got = zip(zip(scan.starts, scan.ends), scan.ids).map { "\($0.0)-\($0.1):\($1)" }
        let text = String(decoding: bytes, as: UTF8.self)
        let expected = WordTokenizer.tokens(text).map { "\($0.start)-\($0.end):\(automaton.id(ofWord: $0.folded))" }
        XCTAssertEqual(got, expected, "\(what): \(text.debugDescription)", file: file, line: line)
        return got == expected
    }

    /// Every byte value at every place of an eight-byte chunk, among random neighbours: marked a
    /// word byte exactly when it is an ASCII letter or digit, lowercased exactly as ASCII
    /// lowercases, and its neighbours unchanged (no carry crosses a byte).
    func testMasksTellAndLowercaseEveryByteValueInEveryPlace() {
        forEveryByteValueInEveryPlace(width: 8, seed: 88) { bytes, _, _ in
            let x = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let marks = WordScan.wordBytes(x), lower = WordScan.lowercasedWord(x)
            for k in 0..<8 {
                let c = bytes[k]
                let isWord = Self.isASCIIWordByte(c)
                XCTAssertEqual(UInt8(truncatingIfNeeded: marks >> (8 * UInt64(k))), isWord ? 0x80 : 0, "byte \(c) at \(k) of \(bytes)")
                // a word's bytes come out as ASCII lowercases them
                if isWord {
                    let expected = Array(String(UnicodeScalar(c)).lowercased().utf8)
                    XCTAssertEqual([UInt8(truncatingIfNeeded: lower >> (8 * UInt64(k)))], expected, "byte \(c) at \(k) of \(bytes)")
                }
            }
        }
    }

    /// `body` for `width` random bytes with each byte value at each place in turn (the place
    /// given), with the generator, which may change the other bytes.
    private func forEveryByteValueInEveryPlace(width: Int, seed: UInt64, _ body: (inout [UInt8], Int, inout Random) -> Void) {
        var rng = Random(state: seed)
        for place in 0..<width {
            for value in 0...255 {
                var bytes = (0..<width).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes[place] = UInt8(value)
                body(&bytes, place, &rng)
            }
        }
    }

    static func isASCIIWordByte(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }

    /// The vector reading of 64 bytes (`attest_block_bits`: SSE2's byte masks) gives, byte for
    /// byte, the bits of the eight-byte masks and of the byte-by-byte definition (the way of
    /// processors without SSE2): every byte value in every place, among random neighbours.
    func testBlockBitsAreTheEightByteMasksBits() {
        forEveryByteValueInEveryPlace(width: 64, seed: 16) { bytes, lane, rng in
            if bytes[lane] % 3 == 0 { for k in 0..<64 where k != lane { bytes[k] = UInt8(rng.below(0x80)) } }
            let (block, bytewise) = bytes.withUnsafeBufferPointer { (attest_block_bits($0.baseAddress!), attest_block_bits_bytewise($0.baseAddress!)) }
            var letters: UInt64 = 0, wide: UInt64 = 0
            bytes.withUnsafeBytes { raw in
                for k in 0..<8 {
                    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))
                    letters |= WordScan.bits(WordScan.wordBytes(x)) << UInt64(8 * k)
                    wide |= WordScan.bits(x & WordScan.high) << UInt64(8 * k)
                }
            }
            XCTAssertEqual(block.letters, letters, "\(bytes)")
            XCTAssertEqual(block.wide, wide, "\(bytes)")
            XCTAssertEqual(bytewise.letters, letters, "\(bytes)")
            XCTAssertEqual(bytewise.wide, wide, "\(bytes)")
            for k in 0..<64 {
                let c = bytes[k]
                XCTAssertEqual(block.letters >> UInt64(k) & 1 == 1, Self.isASCIIWordByte(c), "byte \(c) in place \(k)")
                XCTAssertEqual(block.wide >> UInt64(k) & 1 == 1, c >= 0x80, "byte \(c) in place \(k)")
            }
        }
    }

    /// The hash of a word read eight bytes at a time from a padded buffer (whatever bytes follow
    /// it) is the table's hash of its bytes, and the prefix is its first eight bytes, zero-padded.
    func testPaddedHashIsTheTablesHash() {
        var rng = Random(state: 8)
        for round in 0..<4_000 {
            let count = round < 81 ? round : rng.below(81)
            var buffer = (0..<(count + 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if round % 3 == 0 { for k in 0..<count { buffer[k] = UInt8(0x61 + rng.below(26)) } }
            buffer.withUnsafeBufferPointer { b in
                let word = UnsafeBufferPointer(rebasing: b[0..<count])
                let (hash, prefix) = WordTable.hash(padded: b.baseAddress!, count: count)
                XCTAssertEqual(hash, WordTable.hash(word), "\(count) bytes: \(Array(word))")
                XCTAssertEqual(prefix, WordTable.prefix(word), "\(count) bytes: \(Array(word))")
            }
        }
    }

    /// The table's lookup (`WordTable.Lookup`: the table's arrays read through pointers, a word
    /// past its eight-byte prefix compared eight bytes at a time), which the scanner and `find`
    /// both use, answers as a dictionary of the words inserted does: for every word of the
    /// table, for near misses of one byte more, less or changed (at every place, so in the masked
    /// last load too), whatever bytes follow the word in its padded buffer, and through `find`
    /// too; a word given another's hash, length and prefix but different in its later bytes is
    /// not taken for it (the hash is forced: a real collision is too rare to test by); nor is a
    /// word of 301 bytes given the hash of one of 300 that it extends by a zero byte (the length
    /// in a slot's key stops at 255). Tables of 1 to 3,000 words, so that the filter and the
    /// slots grow.
    func testLookupAnswersAsADictionary() {
        var rng = Random(state: 2482)
        for size in [1, 2, 40, 700, 3_000] {
            var table = WordTable()
            var words: [[UInt8]] = []
            var ids: [[UInt8]: Int32] = [:]
            func add(_ word: [UInt8]) {
                let id = table.insert(String(decoding: word, as: UTF8.self))
                if ids[word] == nil { ids[word] = Int32(ids.count) }
                XCTAssertEqual(id, ids[word])
                words.append(word)
            }
            for _ in 0..<size {
                let length = 1 + rng.below(40)
                add((0..<length).map { _ in UInt8(0x61 + rng.below(rng.below(4) == 0 ? 26 : 4)) })
            }
            // inserted last, so that the table's zero padding follows it
            let long = (0..<300).map { _ in UInt8(0x61 + rng.below(26)) }
            add(long)
            var queries = words
            for w in words.prefix(300) {
                let k = rng.below(w.count)
                var changed = w
                changed[k] = changed[k] == 0x61 ? 0x62 : 0x61
                queries += [changed, Array(w.dropLast()), w + [0x61]]
            }
            for q in queries where !q.isEmpty {
                // the word, then random bytes (its buffer's padding is not zeros)
                let buffer = q + (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let expected = ids[q] ?? -1
                buffer.withUnsafeBufferPointer { b in
                    let word = UnsafeBufferPointer(rebasing: b[0..<q.count])
                    let (h, prefix) = WordTable.hash(padded: b.baseAddress!, count: q.count)
                    let got = table.withLookup { $0.mayContain(h) ? $0.probe(b.baseAddress!, count: q.count, hash: h, prefix: prefix, long: q.count >= 255) : -1 }
                    XCTAssertEqual(got, expected, "\(size) words: \(String(decoding: word, as: UTF8.self))")
                    XCTAssertEqual(table.find(word), expected, "\(size) words: \(String(decoding: word, as: UTF8.self))")
                }
            }
            // the hash and prefix of a word of the table, the bytes of another past them
            for w in words.prefix(300) where w.count > 8 && w.count < 64 {
                for k in 8..<w.count {
                    var other = w
                    other[k] = other[k] == 0x61 ? 0x62 : 0x61
                    let buffer = other + (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                    let (h, prefix) = w.withUnsafeBufferPointer { (WordTable.hash($0), WordTable.prefix($0)) }
                    let got = buffer.withUnsafeBufferPointer { b in table.withLookup { $0.probe(b.baseAddress!, count: other.count, hash: h, prefix: prefix) } }
                    XCTAssertNotEqual(got, ids[w], "byte \(k) of \(String(decoding: w, as: UTF8.self))")
                    if got >= 0 { XCTAssertEqual(got, ids[other]) }
                }
            }
            // the long word's hash and prefix, with one zero byte more: the same key, the same
            // bytes as far as the table's (its padding is zeros), another length
            let longer = long + [0] + [UInt8](repeating: 0, count: 8)
            let (h, prefix) = long.withUnsafeBufferPointer { (WordTable.hash($0), WordTable.prefix($0)) }
            let got = longer.withUnsafeBufferPointer { b in table.withLookup { $0.probe(b.baseAddress!, count: 301, hash: h, prefix: prefix, long: true) } }
            XCTAssertEqual(got, -1, "a word of 301 bytes taken for one of 300")
        }
    }

    /// Pieces of UN typography: words of the table in any case, near misses (one letter more or
    /// less, another last letter), words of 60-80 letters, digits; no-break and thin spaces,
    /// U+2011 and en dashes, ’ “ ”, soft hyphens and zero-width spaces inside words, decomposed
    /// accents, runs of 1-20 separators (so that whole chunks are skipped and runs end anywhere
    /// in a chunk).
    static let vocabulary = ["a", "of", "the", "un", "human", "rights", "security", "council", "resolution", "2482", "2019",
                             "peacekeeping", "counterterrorism", "humanitarian", "s", "cote", "d", "ivoire", "etats",
                             "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
                             String(repeating: "x", count: 63), String(repeating: "x", count: 64), String(repeating: "x", count: 65)]

    private func randomWord(_ rng: inout Random) -> String {
        var w = rng.pick(Self.vocabulary)
        switch rng.below(10) {
        case 0: w += rng.pick(["s", "q", "9"])
        case 1: if w.count > 1 { w = String(w.dropLast()) }
        case 2: if w.count > 1 { w = String(w.dropLast()) + "z" }
        case 3: w = String(repeating: rng.pick(["ab", "Xy", "q1"]), count: 30 + rng.below(11))
        case 4: w = "\(rng.below(100_000))"
        default: break
        }
        // the case of each letter at random
        w = String(w.map { rng.below(3) == 0 ? Character($0.uppercased()) : $0 })
        switch rng.below(14) {
        case 0: w.insert(contentsOf: "\u{00AD}", at: w.index(w.startIndex, offsetBy: rng.below(w.count + 1)))
        case 1: w.insert(contentsOf: "\u{200B}", at: w.index(w.startIndex, offsetBy: rng.below(w.count + 1)))
        case 2: w = w.replacingOccurrences(of: "e", with: "e\u{0301}")
        case 3: w = w.replacingOccurrences(of: "o", with: "ô")
        case 4: w += "\u{0301}"
        default: break
        }
        return w
    }

    static let separators = [" ", " ", " ", "  ", ", ", ". ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2011}", "-", "–", "—", "’", "'",
                             " “", "” ", "(", ") ", "/", "\n\n", ";\t", "\u{00AD}"]

    private func randomText(_ rng: inout Random) -> String {
        var text = rng.below(4) == 0 ? rng.pick(Self.separators) : ""
        for k in 0..<rng.below(14) {
            if k > 0 {
                if rng.below(8) == 0 {
                    text += String(repeating: rng.pick([" ", ".", ", ", "\u{00A0}", "-"]), count: 1 + rng.below(20))
                } else {
                    text += rng.pick(Self.separators)
                }
            }
            text += randomWord(&rng)
        }
        // most texts end with a word at the very end of the buffer
        if rng.below(4) == 0 { text += rng.pick(Self.separators) }
        return text
    }

    private func automaton() -> PhraseAutomaton {
        var automaton = PhraseAutomaton()
        for w in Self.vocabulary { _ = automaton.add([w]) }
        for w in ["abab", "ab", String(repeating: "ab", count: 32), String(repeating: "ab", count: 33)] { _ = automaton.add([w]) }
        return automaton
    }

    /// Random UN-typography texts, scanned whole: the words, offsets and ids of the tokenizer.
    func testEightByteScanFindsTheTokenizersWordsOnUNTypography() {
        var rng = Random(state: 2011)
        let automaton = automaton()
        for _ in 0..<4_000 {
            var bytes = Array(randomText(&rng).utf8)
            let ok = bytes.withUnsafeMutableBufferPointer { agrees(UnsafeBufferPointer($0), automaton, "whole") }
            if !ok { return }
        }
    }

    /// Texts of several 64-byte blocks (words and non-ASCII characters across the blocks' ends,
    /// a block read again from a word that reaches its end), scanned whole and from each of their
    /// first 24 scalar boundaries, so that the blocks fall at every place of the text.
    func testLongTextsAcrossBlocks() {
        var rng = Random(state: 64)
        let automaton = automaton()
        for _ in 0..<300 {
            var text = ""
            while text.utf8.count < 150 + rng.below(600) { text += randomText(&rng) + rng.pick(Self.separators) }
            var offsets: [Int] = []
            var offset = 0
            for s in text.unicodeScalars.prefix(24) {
                offsets.append(offset)
                offset += String(s).utf8.count
            }
            var bytes = Array(text.utf8)
            let ok = bytes.withUnsafeMutableBufferPointer { all -> Bool in
                let b = UnsafeBufferPointer(all)
                for from in offsets where !agrees(UnsafeBufferPointer(rebasing: b[from...]), automaton, "from byte \(from)") { return false }
                return true
            }
            if !ok { return }
        }
    }

    /// The same texts cut at every scalar boundary and scanned as a slice of the longer buffer,
    /// which goes on with letters: the scan reads nothing past its buffer's end (a word at the
    /// very end is not lengthened by the letters after it), whatever the text's length — under
    /// eight bytes, a word ending in the last chunk, a run of separators reaching the end.
    func testWordsAtTheVeryEndOfTheBuffer() {
        var rng = Random(state: 72)
        let automaton = automaton()
        for _ in 0..<400 {
            let text = randomText(&rng)
            var bytes = Array(text.utf8) + Array("zzzzzzzzzzzzzzzzHUMAN".utf8)
            let ok = bytes.withUnsafeMutableBufferPointer { all -> Bool in
                let b = UnsafeBufferPointer(all)
                var offsets = [Int]()
                var offset = 0
                for s in text.unicodeScalars {
                    offsets.append(offset)
                    offset += String(s).utf8.count
                }
                offsets.append(offset)
                for cut in offsets where !agrees(UnsafeBufferPointer(rebasing: b[0..<cut]), automaton, "first \(cut) bytes") { return false }
                return true
            }
            if !ok { return }
        }
    }
}

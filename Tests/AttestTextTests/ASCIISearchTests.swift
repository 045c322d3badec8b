import AttestTestSupport
import AttestText
import CAttestBytes
import XCTest

/// `ASCIISearch.first` compares two bytes sixteen places at a time: it must find the first place a
/// byte-by-byte search finds, wherever it stands in a block, in any slice of a longer buffer.
final class ASCIISearchTests: XCTestCase {
    static func slow(_ word: String, _ b: [UInt8], from: Int) -> Int? {
        let w = Array(word.utf8), n = w.count
        guard from <= b.count, b.count - from >= n else { return nil }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 0x20 : c }
        return (from...(b.count - n)).first { s in (0..<n).allSatisfy { lower(b[s + $0]) == w[$0] } }
    }

    func testFindsWhatAByteSearchFinds() {
        var rng = SplitMix64(state: 2482)
        // (word, the two offsets compared, pieces of text around it: near misses, capitals, and
        // bytes that equal a letter of the word once ORed with 0x20 but are not it: 0x0F and "/")
        let cases: [(StaticString, String, Int, Int, [String])] = [
            ("behalf", "behalf", 2, 5, ["behalf", "BEHALF", "bEhAlF", "be half", "behal\u{0301}f", "behal", "half", "hxxf", "HxxF", "h", "f"]),
            ("resolution", "resolution", 4, 5, ["resolution", "RESOLUTION", "Resolutions", "resolu", "lution", "resolve", "lu", "LU", "r"]),
            ("s/res/", "s/res/", 1, 5, ["S/RES/", "s/res/", "S/RES", "/res/", "s\u{0F}res\u{0F}", "S/PRST/", "/", "\u{0F}"]),
        ]
        var found = 0
        for (word, spelled, p, q, near) in cases {
            let pieces = near + [" ", "\u{00A0}", "’", "“", "é", "e\u{0301}", "word ", "the ", "(2019)", "2482", "\r\n", "ß", "👍🏽", "Côte d’Ivoire "]
            for round in 0..<3_000 {
                let text = (0..<(round < 1_000 ? rng.below(12) : rng.below(120))).map { _ in rng.pick(pieces) }.joined()
                let bytes = Array(text.utf8)
                // a slice of the buffer, searched from a place inside it: nothing past the slice is read
                let end = rng.below(bytes.count + 1), from = rng.below(end + 1)
                let want = Self.slow(spelled, Array(bytes[0..<end]), from: from)
                let got = bytes.withUnsafeBufferPointer { ASCIISearch.first(word, in: UnsafeBufferPointer(rebasing: $0[0..<end]), from: from, comparing: p, q) }
                XCTAssertEqual(got, want, "\(spelled) in \(text.debugDescription) [\(from)..<\(end)]")
                if want != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 3_000)
    }

    /// Each of the word's places at each offset of a block of plain text, from several starts.
    func testEveryPlaceOfABlock() {
        let plain = Array("the Council, in its decision of 6 August 2020 and its statement, ".utf8)
        for (word, spelled, p, q) in [("behalf" as StaticString, "behalf", 2, 5), ("s/res/", "s/res/", 1, 5)] {
            for place in 0..<50 {
                var b = plain
                b.replaceSubrange(place..<(place + spelled.utf8.count), with: Array(spelled.uppercased().utf8))
                for from in [0, 1, 15, 16, 17, place, place + 1] where from <= b.count {
                    let got = b.withUnsafeBufferPointer { ASCIISearch.first(word, in: $0, from: from, comparing: p, q) }
                    XCTAssertEqual(got, Self.slow(spelled, b, from: from), "\(spelled) at \(place) from \(from)")
                }
            }
        }
    }

    /// The search for either of two words finds the first place of either that byte-by-byte
    /// searches find, and names the right one: random texts of both words' pieces and near
    /// misses, slices of a longer buffer, from any place; also two words that overlap ("s/res/"
    /// inside "s/res/olution").
    func testEitherOfTwoWordsIsTheFirstOfTheTwoSearches() {
        var rng = SplitMix64(state: 1325)
        let pairs: [(StaticString, String, Int, Int, StaticString, String, Int, Int)] = [
            ("resolution", "resolution", 4, 5, "s/res/", "s/res/", 1, 5),
            ("s/res/", "s/res/", 1, 5, "resolution", "resolution", 4, 5),
            ("behalf", "behalf", 2, 5, "half", "half", 0, 3),
        ]
        let pieces = ["resolution", "RESOLUTION", "Resolutions", "resolu", "lution", "lu", "S/RES/", "s/res/", "S/RES", "/res/", "s\u{0F}res\u{0F}",
                      "s/res/olution", "behalf", "BeHalf", "half", "hal", "/", "\u{0F}", " ", "\u{00A0}", "’", "é", "2482", " (2019)", "the ", "ß"]
        var found = (0, 0)
        for (word, spelled, p, q, other, otherSpelled, op, oq) in pairs {
            for round in 0..<3_000 {
                let text = (0..<(round < 1_000 ? rng.below(10) : rng.below(100))).map { _ in rng.pick(pieces) }.joined()
                let bytes = Array(text.utf8)
                let end = rng.below(bytes.count + 1), from = rng.below(end + 1)
                let a = Self.slow(spelled, Array(bytes[0..<end]), from: from), b = Self.slow(otherSpelled, Array(bytes[0..<end]), from: from)
                let want: (Int, Bool)? = switch (a, b) {
                case (nil, nil): nil
                case (let a?, nil): (a, false)
                case (nil, let b?): (b, true)
                case (let a?, let b?): b < a ? (b, true) : (a, false)
                }
                let got = bytes.withUnsafeBufferPointer {
                    ASCIISearch.first(word, comparing: p, q, or: other, comparing: op, oq, in: UnsafeBufferPointer(rebasing: $0[0..<end]), from: from)
                }
                XCTAssertEqual(got?.at, want?.0, "\(spelled) or \(otherSpelled) in \(text.debugDescription) [\(from)..<\(end)]")
                XCTAssertEqual(got?.isOther, want?.1, "\(spelled) or \(otherSpelled) in \(text.debugDescription) [\(from)..<\(end)]")
                if let w = want { if w.1 { found.1 += 1 } else { found.0 += 1 } }
            }
        }
        XCTAssertGreaterThan(found.0, 1_000)
        XCTAssertGreaterThan(found.1, 1_000)
    }

    /// The sixteen places compared at once with SSE2 are the places the byte-by-byte definition
    /// marks: random bytes (letters of both cases, 0x0F and "/" that equal a letter or a slash
    /// once ORed with 0x20, non-ASCII bytes), every pair of offsets up to 9, random searched bytes.
    func testPairPlacesAreTheBytewiseDefinitions() {
        var rng = SplitMix64(state: 2396)
        let alphabet: [UInt8] = Array("lLuUsS/\u{0F}rReE ".utf8) + [0x8F, 0xCF, 0xEF, 0x00, 0xFF]
        var marked = 0
        for _ in 0..<20_000 {
            let bytes = (0..<32).map { _ in rng.pick(alphabet) }
            let p = rng.below(10), q = rng.below(10)
            let x = rng.pick(Array("lus/re".utf8)) | 0x20, y = rng.pick(Array("lus/re".utf8)) | 0x20
            let (simd, bytewise) = bytes.withUnsafeBufferPointer {
                (attest_pair_places($0.baseAddress!, p, x, q, y), attest_pair_places_bytewise($0.baseAddress!, p, x, q, y))
            }
            XCTAssertEqual(simd, bytewise, "\(bytes) at \(p), \(q) for \(x), \(y)")
            if bytewise != 0 { marked += 1 }
        }
        XCTAssertGreaterThan(marked, 2_000)
    }
}

import AttestFormats
import AttestTestSupport
import XCTest

/// `JSONBytes.firstSpecial` reads sixteen bytes at a time: it must find the first quote,
/// backslash or control byte that a byte-by-byte search finds, wherever it stands in a block.
final class JSONBytesTests: XCTestCase {
    func testFirstSpecialIsTheFirstSpecialByte() {
        func slow(_ b: [UInt8], _ from: Int) -> Int {
            var i = from
            while i < b.count, !(b[i] < 0x20 || b[i] == 0x22 || b[i] == 0x5C) { i += 1 }
            return i
        }
        var rng = SplitMix64(state: 2482)
        // every byte value at every place of a run of plain UN-typography text, from every start
        let plain = Array("resolution\u{00A0}2482\u{00A0}(2019) — the Council’s “decision” non\u{2011}proliferation".utf8)
        for value in 0...255 {
            for place in 0..<40 {
                var b = Array(plain.prefix(40))
                b[place] = UInt8(value)
                for from in [0, 1, 7, 15, 16, 17] {
                    let want = slow(b, from)
                    XCTAssertEqual(b.withUnsafeBufferPointer { JSONBytes.firstSpecial($0, from: from) }, want, "\(value) at \(place) from \(from)")
                }
            }
        }
        // random texts, searched as slices ending anywhere (nothing past the slice's end is a byte of it)
        for _ in 0..<2_000 {
            let n = rng.below(90)
            let b: [UInt8] = (0..<n).map { _ in rng.below(12) == 0 ? rng.pick([0x22, 0x5C, 0x0A, 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xA0]) : rng.pick(plain) }
            let end = rng.below(n + 1)
            let from = rng.below(end + 1)
            let got = b.withUnsafeBufferPointer { JSONBytes.firstSpecial(UnsafeBufferPointer(rebasing: $0[0..<end]), from: from) }
            XCTAssertEqual(got, slow(Array(b[0..<end]), from), "\(b) end \(end) from \(from)")
        }
    }
}

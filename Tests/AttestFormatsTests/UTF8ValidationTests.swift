@testable import AttestFormats
import AttestTestSupport
import Foundation
import XCTest

/// The check that every JSON string read goes through: sixteen ASCII bytes at a time, then
/// straight to the first byte that is not ASCII. Texts here are long enough for that path, with
/// the ill-formed and multi-byte sequences at every place of a block.
final class UTF8ValidationTests: XCTestCase {
    /// The offset of the first ill-formed byte, a byte at a time (table 3-7, no skipping).
    func reference(_ b: [UInt8]) -> Int? {
        b.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                guard let k = UTF8Validation.sequenceLength(p, at: i) else { return i }
                i += k
            }
            return nil
        }
    }

    func testBlockSkipFindsWhatAByteAtATimeFinds() {
        var rng = SplitMix64(state: 2020)
        let pieces: [[UInt8]] = [[0xC2, 0xA0], [0xE2, 0x80, 0x91], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80],
                                 [0xEF, 0xBF, 0xBD], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xE2, 0x80], [0x80], [0xC3], [0xFF], [0xF1, 0x80, 0x80]]
        var invalid = 0, valid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(6) {
                // an ASCII run of 0-40 bytes, then (mostly) one piece
                for _ in 0..<rng.below(41) { bytes.append(UInt8(0x20 + rng.below(0x5F))) }
                if rng.below(5) > 0 { bytes += rng.below(6) == 0 ? [UInt8(truncatingIfNeeded: rng.next())] : rng.pick(pieces) }
            }
            let expected = reference(bytes)
            XCTAssertEqual(UTF8Validation.firstInvalidOffset(bytes), expected, "\(bytes)")
            let got = bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }
            XCTAssertEqual(got, bytes.withUnsafeBufferPointer { UTF8Validation.decodedString($0) }, "\(bytes)")
            XCTAssertEqual(got != nil, String(data: Data(bytes), encoding: .utf8) != nil, "\(bytes)")
            if let got {
                XCTAssertEqual(Array(got.utf8), bytes)
                XCTAssertEqual(got, String(decoding: bytes, as: UTF8.self))
                valid += 1
            } else { invalid += 1 }
        }
        XCTAssertGreaterThan(valid, 5_000)
        XCTAssertGreaterThan(invalid, 5_000)
    }

    /// One ill-formed byte at every place of 48 ASCII bytes, and one well-formed U+00A0.
    func testEveryPlaceOfABlock() {
        let ascii = [UInt8](repeating: 0x61, count: 48)
        for place in 0..<48 {
            var bad = ascii
            bad[place] = 0x80
            XCTAssertEqual(UTF8Validation.firstInvalidOffset(bad), place)
            XCTAssertNil(bad.withUnsafeBufferPointer { UTF8Validation.string($0) })
            var good = ascii
            good.replaceSubrange(place..<place + 1, with: [0xC2, 0xA0])
            XCTAssertNil(UTF8Validation.firstInvalidOffset(good))
            XCTAssertEqual(good.withUnsafeBufferPointer { UTF8Validation.string($0) }.map { Array($0.utf8) }, good)
        }
    }

    /// `plainRun`, the one pass of a JSON string read, finds what its two passes find: the
    /// first special byte (`JSONBytes.firstSpecial`) and whether the bytes before it are UTF-8.
    /// Random runs of ASCII, multi-byte and ill-formed sequences, quotes, backslashes and
    /// control bytes, at every place of a block, from random starts.
    func testPlainRunIsFirstSpecialAndTheRunsValidation() {
        var rng = SplitMix64(state: 2482)
        let pieces: [[UInt8]] = [[0xC2, 0xA0], [0xE2, 0x80, 0x91], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80],
                                 [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x80], [0x80], [0xC3], [0xFF],
                                 [0x22], [0x5C], [0x0A], [0x09], [0x00], [0x1F], [0xE2, 0x22], [0xC2, 0x5C]]
        var special = 0, invalid = 0, toTheEnd = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(6) {
                for _ in 0..<rng.below(41) { bytes.append(UInt8(0x20 + rng.below(0x5F))) }
                if rng.below(4) > 0 { bytes += rng.below(8) == 0 ? [UInt8(truncatingIfNeeded: rng.next())] : rng.pick(pieces) }
            }
            let from = bytes.isEmpty ? 0 : rng.below(min(bytes.count, 20) + 1)
            bytes.withUnsafeBufferPointer { b in
                let end = JSONBytes.firstSpecial(b, from: from)
                let valid = UTF8Validation.firstInvalidOffset(buffer: UnsafeBufferPointer(rebasing: b[from..<end])) == nil
                let run = UTF8Validation.plainRun(b, from: from)
                XCTAssertEqual(run.end, end, "\(bytes) from \(from)")
                XCTAssertEqual(run.valid, valid, "\(bytes) from \(from)")
                if valid {
                    XCTAssertEqual(Array(UTF8Validation.string(validated: UnsafeBufferPointer(rebasing: b[from..<end])).utf8), Array(b[from..<end]))
                }
                if end < b.count { special += 1 } else { toTheEnd += 1 }
                if !valid { invalid += 1 }
            }
        }
        XCTAssertGreaterThan(special, 5_000)
        XCTAssertGreaterThan(invalid, 2_000)
        XCTAssertGreaterThan(toTheEnd, 2_000)
    }
}

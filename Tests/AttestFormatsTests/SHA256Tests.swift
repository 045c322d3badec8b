import AttestFormats
import AttestTestSupport
import XCTest

/// SHA-256 against the examples of NIST (FIPS 180-4 example values, CSRC) and in pieces.
final class SHA256Tests: XCTestCase {
    func testNISTExamples() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFedInPiecesGivesTheSameDigest() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<200 {
            let bytes = (0..<rng.below(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var hasher = SHA256()
            var i = 0
            while i < bytes.count {
                let n = min(bytes.count - i, 1 + rng.below(70))
                hasher.update(bytes[i..<(i + n)])
                i += n
            }
            XCTAssertEqual(SHA256.hex(digest: hasher.finalize()), SHA256.hex(bytes))
        }
    }
}

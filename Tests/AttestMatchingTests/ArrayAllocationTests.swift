import XCTest
@testable import AttestMatching

/// `Array(filled:count:)`, the per-statement arrays' allocation: what `Array(repeating:count:)`
/// gives, for empty, small and large counts and for elements that are arrays themselves.
final class ArrayFilledTests: XCTestCase {
    func testFilledIsRepeating() {
        for n in [0, 1, 2, 7, 105, 2_025] {
            XCTAssertEqual([Bool](filled: false, count: n), [Bool](repeating: false, count: n))
            XCTAssertEqual([Int8](filled: 3, count: n), [Int8](repeating: 3, count: n))
            XCTAssertEqual([[Range<Int>]](filled: [], count: n), [[Range<Int>]](repeating: [], count: n))
            XCTAssertEqual([[Range<Int>]](filled: [1..<2], count: n), [[Range<Int>]](repeating: [1..<2], count: n))
        }
    }
}

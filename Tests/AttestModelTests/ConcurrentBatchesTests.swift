import AttestModel
import XCTest

final class ConcurrentBatchesTests: XCTestCase {
    /// Every item's results, in item order, whatever the number of items and the batch size.
    func testResultsAreTheSerialOnesInItemOrder() {
        for count in [0, 1, 2, 15, 16, 17, 63, 64, 65, 1_000] {
            let items = Array(0..<count)
            for batch in [0, 1, 3, 16, 64, 5_000] {
                // a variable number of results per item, some none
                let serial = items.flatMap { i in Array(repeating: i, count: i % 4) }
                let batched = concurrentBatches(items, batch: batch) { slice in slice.flatMap { i in Array(repeating: i, count: i % 4) } }
                XCTAssertEqual(batched, serial, "count \(count), batch \(batch)")
            }
        }
    }

    /// Batches that finish out of order (later ones sleep less) still give their results in item order.
    func testBatchesFinishingOutOfOrderKeepTheirOrder() {
        let items = Array(0..<1_600)
        let results = concurrentBatches(items, batch: 16) { slice -> [Int] in
            // later batches finish first
            usleep(useconds_t((100 - slice.first! / 16) * 50))
            return Array(slice)
        }
        XCTAssertEqual(results, items)
    }
}

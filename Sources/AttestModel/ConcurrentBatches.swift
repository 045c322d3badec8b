import Dispatch

/// `transform` applied to consecutive batches of `items` on every core, its results joined in the
/// order of the items: the array a serial `transform(items[...])` gives when `transform` of a slice
/// is the concatenation of its items' results.
public func concurrentBatches<Item: Sendable, Result: Sendable>(
    _ items: [Item], batch: Int = 64, _ transform: @Sendable (ArraySlice<Item>) -> [Result]
) -> [Result] {
    let size = max(1, batch)
    let batches = (items.count + size - 1) / size
    guard batches > 1 else { return transform(items[...]) }
    let slots = BatchSlots<Result>(count: batches)
    defer { slots.deallocate() }
    DispatchQueue.concurrentPerform(iterations: batches) { b in
        slots.set(b, transform(items[(b * size)..<min(items.count, (b + 1) * size)]))
    }
    return slots.joined()
}

/// One slot per batch, each written once by the thread that made the batch's results (no two
/// threads write the same slot) and read after `concurrentPerform` has returned.
private final class BatchSlots<Result: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Result]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    func set(_ k: Int, _ v: [Result]) { slots[k] = v }

    func joined() -> [Result] { slots.flatMap { $0 } }

    func deallocate() {
        _ = slots.deinitialize()
        slots.deallocate()
    }
}

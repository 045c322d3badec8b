extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes them, allocated through the
    /// array's own growth path, which is compiled for `Element` here. The standard library's
    /// `Array(repeating:count:)` allocates through a function it keeps generic, which looks the
    /// storage type up at run time (`getContiguousArrayStorageType`, 446 instructions a call in
    /// callgrind). For the three arrays made per statement that use this, 2.2 M instructions fewer
    /// over 3,000 statements with 100 rules and 20 regexes (353.8 -> 351.6 M).
    @inline(__always) init(filled value: Element, count: Int) {
        self.init()
        reserveCapacity(count)
        append(contentsOf: repeatElement(value, count: count))
    }
}

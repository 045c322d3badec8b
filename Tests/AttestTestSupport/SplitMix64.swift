/// SplitMix64: a small seeded generator, so that a failing random case can be reproduced from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    public mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

extension SplitMix64 {
    /// A text for testing a search for names: `count` pieces joined by picks of `glue`, each piece
    /// a name (as written, in capitals or in lower case), a word of a name (as written or in lower
    /// case), or a filler.
    public mutating func textOfNames(_ count: Int, names: [String], words: [String], fillers: [String], glue: [String]) -> String {
        var text = ""
        for k in 0..<count {
            if k > 0 { text += pick(glue) }
            switch below(7) {
            case 0, 1: text += pick(names)
            case 2: text += pick(words)
            case 3: text += pick(names).uppercased()
            case 4: text += pick(names).lowercased()
            case 5: text += pick(fillers)
            default: text += pick(words).lowercased()
            }
        }
        return text
    }
}

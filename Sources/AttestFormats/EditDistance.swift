/// Levenshtein distance over Unicode scalars, for "did you mean" hints (rule keys, vocabulary
/// names, delegation names in the gazetteer).
public enum EditDistance {
    /// The number of single-scalar insertions, deletions and substitutions from `a` to `b`;
    /// gives up (returning `limit + 1`) as soon as every path exceeds `limit`.
    public static func levenshtein(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return min(y.count, limit == .max ? y.count : limit + 1) }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if limit != .max, rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return limit == .max ? previous[y.count] : min(previous[y.count], limit + 1)
    }

    /// The candidate closest to `word` within `maxDistance`, ties broken by the candidates' order.
    public static func closest<S: Sequence<String>>(to word: String, in candidates: S, maxDistance: Int) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = levenshtein(word, c, limit: maxDistance)
            if d <= maxDistance, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }
}

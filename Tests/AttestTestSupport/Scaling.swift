#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how time grows with the input, in one run: the shortest of a few timings at each
/// size, so that a test states a ratio ("4× the input takes < 8× the time") and never an
/// absolute threshold that a slower machine would break.
public enum Scaling {
    /// The CPU time of this thread, so that a machine busy with other work (a parallel build,
    /// other tests) does not stretch one size and not the other.
    public static func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The fastest of `runs` runs of `body`, in CPU seconds of this thread.
    public static func seconds(runs: Int = 3, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = threadSeconds()
            body()
            best = min(best, threadSeconds() - start)
        }
        return best
    }

    /// The time for the large input over the time for the small one.
    public static func ratio(small: () -> Void, large: () -> Void) -> Double {
        let a = seconds(small), b = seconds(large)
        return b / max(a, 1e-6)
    }
}

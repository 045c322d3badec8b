import Foundation

/// Paths of the inputs tests share: the bundled example and the shipped rules.
public enum TestFiles {
    public static let root = ProcessRunner.root

    /// The three bundled documents, as `swift run attest audit` reads them.
    public static let bundledCorpus = [
        "Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt",
        "Corpus/unsc-2020/S-PV-8711.txt",
        "Corpus/unsc-2020/S-PV-8715.txt",
    ]

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A new empty temporary directory, removed with everything in it when the test process
    /// exits (a fixture made outside a test case, such as `ClaimFixture.directory`, has no
    /// teardown of its own: 260 of them were left in /tmp by earlier runs).
    public static func temporaryDirectory(_ prefix: String = "attest-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryDirectories.shared.add(url)
        return url
    }

    /// A "billion laughs" YAML document: `a0` is a list of ten scalars, each `aK` (K in 1...levels)
    /// a list of ten aliases of `a(K-1)`, so `a(levels)` stands for 10^(levels+1) nodes; `use`
    /// is the last line, where the bomb goes off (`"statements: *a9"`, `"? *a8\n: 1"`).
    public static func aliasBombYAML(levels: Int, use: String) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for k in 1...levels {
            lines.append("a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append(use)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The directories `TestFiles.temporaryDirectory` made, removed when the process exits.
final class TemporaryDirectories: @unchecked Sendable {
    static let shared: TemporaryDirectories = {
        let made = TemporaryDirectories()
        atexit { TemporaryDirectories.shared.removeAll() }
        return made
    }()

    private let lock = NSLock()
    private var urls: [URL] = []

    func add(_ url: URL) {
        lock.lock()
        urls.append(url)
        lock.unlock()
    }

    /// Removes every directory made so far (those a test removed already are skipped).
    func removeAll() {
        lock.lock()
        let all = urls
        urls = []
        lock.unlock()
        for url in all { try? FileManager.default.removeItem(at: url) }
    }
}

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

    /// A new empty temporary directory.
    public static func temporaryDirectory(_ prefix: String = "attest-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

import Foundation
import XCTest

/// Golden files: a test compares what it produced with a committed file and prints the first
/// difference side by side; with `UPDATE_GOLDENS=1` it rewrites the file instead.
public enum Golden {
    public static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" }

    /// Compares `produced` with the file at `url` (rewriting it when updating).
    public static func assertEqual(_ produced: Data, file url: URL, hint: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        if updating {
            try produced.write(to: url)
            return
        }
        let committed = try Data(contentsOf: url)
        guard committed != produced else { return }
        let a = String(decoding: committed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: produced, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        XCTFail("""
            \(url.lastPathComponent) differs from what the code produces\(hint.isEmpty ? "" : " (\(hint))") \
            (rewrite with UPDATE_GOLDENS=1); first difference at line \((first?.offset ?? min(a.count, b.count)) + 1):
              committed: \(first.map { String($0.element.0.prefix(200)) } ?? "(\(a.count) lines)")
              produced:  \(first.map { String($0.element.1.prefix(200)) } ?? "(\(b.count) lines)")
            """, file: file, line: line)
    }

    public static func assertEqual(_ produced: String, file url: URL, hint: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        try assertEqual(Data(produced.utf8), file: url, hint: hint, file: file, line: line)
    }
}

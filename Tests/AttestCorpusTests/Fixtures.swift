import AttestCorpus
import Foundation
import XCTest

/// Paths of the test fixtures and of the package's own files.
enum Fixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pressReleaseText = packageRoot.appendingPathComponent("Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.txt").path
    static let pressReleaseHTML = packageRoot.appendingPathComponent("Corpus/press-releases/2020-08-06-security-council-terrorism-organized-crime.html").path

    static func record(_ name: String) -> String { directory.appendingPathComponent("records/\(name).txt").path }
    static func expectations(_ name: String) -> URL { directory.appendingPathComponent("expectations/\(name).tsv") }

    static func read(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> ReadResult {
        switch CorpusLoader().load(path).result {
        case .success(let r): return r
        case .failure(let e):
            XCTFail("\(e)", file: file, line: line)
            throw e
        }
    }

    static func source(_ text: String, path: String = "test.txt") -> SourceText {
        SourceText(path: path, text: text)
    }
}

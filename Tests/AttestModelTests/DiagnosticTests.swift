import XCTest
import AttestModel

final class DiagnosticTests: XCTestCase {
    func testDescriptionIsPathLineColumnSeverityMessage() {
        XCTAssertEqual(Diagnostic(path: "Rules/a.yaml", line: 3, column: 7, message: "unknown key 'x'").description,
                       "Rules/a.yaml:3:7: error: unknown key 'x'")
        XCTAssertEqual(Diagnostic(path: "a.yaml", line: 1, column: 1, severity: .warning, message: "m").description,
                       "a.yaml:1:1: warning: m")
    }

    func testSourceLocationDescription() {
        XCTAssertEqual(SourceLocation(path: "a.yaml", line: 12, column: 9).description, "a.yaml:12:9")
    }
}

import AttestRules
import Foundation
import XCTest

/// Tests that write a one-rule pack (rule `r`, titled R, in `x.yaml`) and load it.
public protocol OneRulePackTesting {}

extension OneRulePackTesting {
    /// A one-rule pack whose rule has `body` as its keys after its id and title: `body` starts on
    /// line 8, its keys indented by four spaces.
    public func pack(body: String) -> String {
        """
        pack:
          id: p
          title: P
          version: "1"
        rules:
          - id: r
            title: R

        """ + body
    }

    /// A one-rule pack whose `match:` is `match` (written on line 8, at column 5).
    public func yaml(_ match: String) -> String {
        pack(body: "    match: \(match)")
    }

    public func parse(body: String) -> (Rule?, [String]) {
        let (pack, diagnostics) = RuleLoader().parse(Data(pack(body: body).utf8), path: "x.yaml")
        return (pack?.rules.first, diagnostics.map(\.description))
    }

    public func parse(_ match: String) -> (Rule?, [String]) {
        parse(body: "    match: \(match)")
    }

    public func rule(body: String, file: StaticString = #filePath, line: UInt = #line) throws -> Rule {
        let (rule, diagnostics) = parse(body: body)
        XCTAssertEqual(diagnostics, [], file: file, line: line)
        return try XCTUnwrap(rule, file: file, line: line)
    }

    public func rule(_ match: String, file: StaticString = #filePath, line: UInt = #line) throws -> Rule {
        try rule(body: "    match: \(match)", file: file, line: line)
    }
}

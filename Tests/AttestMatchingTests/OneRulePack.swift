import AttestRules
import Foundation
import XCTest

/// Tests that write a one-rule pack around a `match:` expression and load it.
protocol OneRulePackTesting {}

extension OneRulePackTesting {
    /// A one-rule pack whose `match:` is `match` (written on line 8, at column 5).
    func yaml(_ match: String) -> String {
        """
        pack:
          id: p
          title: P
          version: "1"
        rules:
          - id: r
            title: R
            match: \(match)
        """
    }

    func parse(_ match: String) -> (Rule?, [String]) {
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml(match).utf8), path: "x.yaml")
        return (pack?.rules.first, diagnostics.map(\.description))
    }

    func rule(_ match: String, file: StaticString = #filePath, line: UInt = #line) throws -> Rule {
        let (rule, diagnostics) = parse(match)
        XCTAssertEqual(diagnostics, [], file: file, line: line)
        return try XCTUnwrap(rule, file: file, line: line)
    }
}

import XCTest
import AttestAudit
@testable import AttestReports

final class CSVMatrixReporterTests: XCTestCase {
    func testHeaderRowsAndCells() {
        XCTAssertEqual(CSVMatrixReporter().render(MatrixFixtures.sample()), """
        delegation,kind,iso3,cites-resolution-2482,references-human-rights-compliance
        European Union,organization,,,
        France,state,FRA,1,0
        Norway,state,NOR,0,0

        """)
    }

    func testEmptyMatrixIsTheHeaderOnly() {
        let matrix = CoverageMatrix(ruleIDs: ["a", "b"], statements: [], findings: [])
        XCTAssertEqual(CSVMatrixReporter().render(matrix), "delegation,kind,iso3,a,b\n")
    }

    func testNameWithACommaAndADoubleQuoteIsQuoted() {
        XCTAssertEqual(CSVMatrixReporter().render(MatrixFixtures.named(["Group of 77, \"G77\""])), #"""
        delegation,kind,iso3,cites-resolution-2482
        "Group of 77, ""G77""",state,,1

        """#)
    }

    func testNameWithALineBreakIsQuoted() {
        XCTAssertEqual(CSVMatrixReporter().render(MatrixFixtures.named(["Holy\nSee"])),
                       "delegation,kind,iso3,cites-resolution-2482\n\"Holy\nSee\",state,,1\n")
    }

    func testFormulaLikeNamesAreNeutralised() {
        XCTAssertEqual(CSVMatrixReporter().render(MatrixFixtures.named(["=HYPERLINK(\"http://evil.example\",\"x\")", "-1", "+1", "@SUM(A1)"])), #"""
        delegation,kind,iso3,cites-resolution-2482
        '+1,state,,1
        '-1,state,,1
        "'=HYPERLINK(""http://evil.example"",""x"")",state,,1
        '@SUM(A1),state,,1

        """#)
    }

    func testTabSeparatedValues() {
        XCTAssertEqual(CSVMatrixReporter(separator: "\t").render(MatrixFixtures.sample()),
                       "delegation\tkind\tiso3\tcites-resolution-2482\treferences-human-rights-compliance\n"
                           + "European Union\torganization\t\t\t\n"
                           + "France\tstate\tFRA\t1\t0\n"
                           + "Norway\tstate\tNOR\t0\t0\n")
    }

    func testTabSeparatedValuesNeitherQuoteNorKeepTabsAndLineBreaks() {
        XCTAssertEqual(CSVMatrixReporter(separator: "\t").render(MatrixFixtures.named(["Group of 77, \"G77\"", "Holy\tSee\n", "=1"])),
                       "delegation\tkind\tiso3\tcites-resolution-2482\n"
                           + "'=1\tstate\t\t1\n"
                           + "Group of 77, \"G77\"\tstate\t\t1\n"
                           + "Holy See \tstate\t\t1\n")
    }
}

final class MarkdownMatrixReporterTests: XCTestCase {
    func testTable() {
        XCTAssertEqual(MarkdownMatrixReporter().render(MatrixFixtures.sample()), """
        | delegation | kind | iso3 | cites-resolution-2482 | references-human-rights-compliance |
        | --- | --- | --- | --- | --- |
        | European Union | organization |  | — | — |
        | France | state | FRA | yes | no |
        | Norway | state | NOR | no | no |

        """)
    }

    func testPipeAndMarkupInNamesAreEscaped() {
        XCTAssertEqual(MarkdownMatrixReporter().render(MatrixFixtures.named(["A|B", "*Bold* [x](y) <b>_u_`c`\\", "Two\nLines"])), #"""
        | delegation | kind | iso3 | cites-resolution-2482 |
        | --- | --- | --- | --- |
        | A\|B | state |  | yes |
        | \*Bold\* \[x\](y) \<b\>\_u\_\`c\`\\ | state |  | yes |
        | Two Lines | state |  | yes |

        """#)
    }
}

final class JSONMatrixReporterTests: XCTestCase {
    func testSortedKeysAndNullCells() {
        XCTAssertEqual(JSONMatrixReporter().render(MatrixFixtures.sample()), """
        {
          "rows" : [
            {
              "cells" : {
                "cites-resolution-2482" : null,
                "references-human-rights-compliance" : null
              },
              "delegation" : "European Union",
              "iso3" : null,
              "kind" : "organization",
              "statements" : 0
            },
            {
              "cells" : {
                "cites-resolution-2482" : 1,
                "references-human-rights-compliance" : 0
              },
              "delegation" : "France",
              "iso3" : "FRA",
              "kind" : "state",
              "statements" : 1
            },
            {
              "cells" : {
                "cites-resolution-2482" : 0,
                "references-human-rights-compliance" : 0
              },
              "delegation" : "Norway",
              "iso3" : "NOR",
              "kind" : "state",
              "statements" : 1
            }
          ],
          "rules" : [
            "cites-resolution-2482",
            "references-human-rights-compliance"
          ]
        }

        """)
    }

    func testNamesAreEscapedAsJSONStrings() {
        XCTAssertEqual(JSONMatrixReporter().render(MatrixFixtures.named(["Group of 77, \"G77\"/UN"])), #"""
        {
          "rows" : [
            {
              "cells" : {
                "cites-resolution-2482" : 1
              },
              "delegation" : "Group of 77, \"G77\"/UN",
              "iso3" : null,
              "kind" : "state",
              "statements" : 1
            }
          ],
          "rules" : [
            "cites-resolution-2482"
          ]
        }

        """#)
    }
}

/// Regression: the CSV field checks looked at Characters, so a comma or an `=` followed by a
/// combining mark (one Character with it) was neither quoted nor neutralised.
final class CSVScalarRegressionTests: XCTestCase {
    func testCommaAndFormulaSignWithACombiningMarkAreStillSeen() {
        let r = CSVMatrixReporter()
        XCTAssertEqual(r.field("x,\u{301}y"), "\"x,\u{301}y\"")
        XCTAssertEqual(r.field("=\u{301}HYPERLINK(1)"), "'=\u{301}HYPERLINK(1)")
        XCTAssertEqual(CSVMatrixReporter(separator: "\t").field("a\t\u{301}b"), "a \u{301}b")
    }
}

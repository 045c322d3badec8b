import AttestAudit
import AttestCorpus
import AttestMatching
import AttestModel

/// Hand-built statements, findings and matrices for reporter tests.
enum MatrixFixtures {
    static let ruleIDs = ["cites-resolution-2482", "references-human-rights-compliance"]

    static func statement(_ delegation: String?, kind: SpeakerKind = .state, iso3: String? = nil, text: String = "We spoke.") -> Statement {
        Statement(document: "S/PV.8600", index: 0, speaker: nil, delegation: delegation, kind: kind, iso3: iso3,
                  text: text, start: 0, end: text.utf8.count, line: 1)
    }

    static func finding(_ statement: Statement, _ ruleID: String) -> Finding {
        Finding(statement: statement, match: RuleMatch(ruleID: ruleID, unitStart: 0, unitEnd: statement.text.utf8.count, spans: []))
    }

    /// France matched the first rule; Norway matched nothing; the European Union spoke without text;
    /// the President and narrative text make no row.
    static func sample() -> CoverageMatrix {
        let france = statement("France", iso3: "FRA")
        let norway = statement("Norway", iso3: "NOR")
        let eu = statement("European Union", kind: .organization, text: "")
        let president = statement("Indonesia", kind: .presidency, iso3: "IDN")
        let narrative = statement(nil, kind: .narrative)
        return CoverageMatrix(ruleIDs: ruleIDs, statements: [norway, france, eu, president, narrative],
                              findings: [finding(france, ruleIDs[0]), finding(president, ruleIDs[1])])
    }

    /// A matrix of one rule whose rows are the given State names, each matched.
    static func named(_ names: [String]) -> CoverageMatrix {
        let statements = names.map { statement($0) }
        return CoverageMatrix(ruleIDs: ["cites-resolution-2482"], statements: statements,
                              findings: statements.map { finding($0, "cites-resolution-2482") })
    }
}

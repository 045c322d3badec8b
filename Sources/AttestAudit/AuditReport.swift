import AttestClaims
import AttestCorpus
import AttestModel
import AttestRules
import Foundation

/// Everything an audit produced, as the reporters need it: provenance, rules, statements,
/// findings and the matrix. Reporters see only this.
public struct AuditReport: Sendable {
    /// One audited file.
    public struct Input: Sendable, Equatable {
        public var path: String
        /// SHA-256 of the file's bytes.
        public var sha256: String
        public var statements: Int

        public init(path: String, sha256: String, statements: Int) {
            self.path = path
            self.sha256 = sha256
            self.statements = statements
        }
    }

    /// A pack and its version, for provenance.
    public struct PackInfo: Sendable, Equatable {
        public var id: String
        public var title: String
        public var version: String
        public var source: String?
        public var files: [String]
    }

    /// What a reader needs to know about a rule to read a report.
    public struct RuleInfo: Sendable, Equatable {
        public var id: String
        public var title: String
        public var commitment: String?
        public var source: String?
        public var severity: String
        public var pack: String
    }

    public var attestVersion: String
    /// ISO 8601 time of the run, only when asked for (`--timestamp`): reports are otherwise byte-stable.
    public var timestamp: String?
    public var inputs: [Input]
    public var packs: [PackInfo]
    public var rules: [RuleInfo]
    public var statements: [Statement]
    /// In statement order (documents in input order), then rule order, then position.
    public var findings: [Finding]
    public var matrix: CoverageMatrix
    /// Rules that matched no statement, in rule order.
    public var silentRules: [String]
    /// Factual claims found by the packs' claim rules and judged against the facts (empty when
    /// the packs have no claim rules or no facts were given).
    public var claims: [CheckedClaim] = []
    /// The findings behind each `yes` cell, built once: row key (document when per document,
    /// delegation) and rule → indexes into `findings`, in order.
    private let evidenceIndex: [EvidenceKey: [Int]]

    struct EvidenceKey: Hashable {
        var document: String?
        var delegation: String
        var rule: String
    }

    public init(attestVersion: String, timestamp: String? = nil, inputs: [Input], packs: [RulePack], statements: [Statement],
                findings: [Finding], byDocument: Bool = false) {
        self.attestVersion = attestVersion
        self.timestamp = timestamp
        self.inputs = inputs
        self.packs = packs.map { PackInfo(id: $0.id, title: $0.title, version: $0.version, source: $0.source, files: $0.files) }
        let rules = packs.flatMap(\.rules)
        self.rules = rules.map { RuleInfo(id: $0.id, title: $0.title, commitment: $0.commitment, source: $0.source,
                                          severity: $0.severity.rawValue, pack: $0.pack) }
        self.statements = statements
        self.findings = findings
        matrix = CoverageMatrix(ruleIDs: rules.map(\.id), statements: statements, findings: findings, byDocument: byDocument)
        let fired = Set(findings.map(\.ruleID))
        silentRules = rules.map(\.id).filter { !fired.contains($0) }
        var index: [EvidenceKey: [Int]] = [:]
        for (i, f) in findings.enumerated() {
            guard let d = CoverageMatrix.rowDelegation(f.statement) else { continue }
            index[EvidenceKey(document: byDocument ? f.statement.document : nil, delegation: d, rule: f.ruleID), default: []].append(i)
        }
        evidenceIndex = index
    }

    /// The findings behind one cell of the matrix, in order (looked up, not searched).
    public func evidence(row: CoverageMatrix.Row, rule: String) -> [Finding] {
        (evidenceIndex[EvidenceKey(document: row.document, delegation: row.delegation, rule: rule)] ?? []).map { findings[$0] }
    }

    /// Delegations recorded as speaking with no text in any statement, sorted.
    public var delegationsWithoutText: [String] {
        // a set for the ones already listed: a list search made this quadratic in delegations
        var seen: Set<String> = []
        return matrix.rows.filter { $0.statements == 0 }.map(\.delegation).filter { seen.insert($0).inserted }
    }
}

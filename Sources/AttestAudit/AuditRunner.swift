import AttestClaims
import AttestFacts
import AttestCorpus
import AttestFormats
import AttestModel
import AttestRules
import Foundation

/// Reads documents, runs the packs over them and assembles the report: the whole audit, as a
/// library call. One unreadable file never loses the results of the others.
public struct AuditRunner: Sendable {
    public let packs: [RulePack]
    public let loader: CorpusLoader
    let auditor: Auditor
    /// The facts claims are judged against; nil: no claims are looked for.
    public let claimFacts: ClaimFacts?

    public init(packs: [RulePack], loader: CorpusLoader = CorpusLoader(), claimFacts: ClaimFacts? = nil) {
        self.packs = packs
        self.loader = loader
        self.claimFacts = claimFacts
        auditor = Auditor(rules: packs.flatMap(\.rules))
    }

    /// What happened to the inputs besides the report.
    public struct Outcome: Sendable {
        public var report: AuditReport
        /// Files that could not be read, with why.
        public var failures: [CorpusError]
        public var warnings: [CorpusWarning]
    }

    /// The files are read on every core at once, their statements, failures and warnings kept in
    /// the order of `paths`.
    /// - Parameters:
    ///   - progress: called as each file has been read, with the number of files read so far, the
    ///     total and the file's path (one call at a time, from the thread that read it).
    public func run(paths: [String], byDocument: Bool = false, attestVersion: String, timestamp: String? = nil,
                    progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> Outcome {
        var inputs: [AuditReport.Input] = []
        var statements: [Statement] = []
        var failures: [CorpusError] = []
        var warnings: [CorpusWarning] = []
        let all = loader.load(paths, progress: progress)
        for (path, loaded) in zip(paths, all) {
            switch loaded.result {
            case .failure(let e):
                failures.append(e)
            case .success(let r):
                // the hash of the bytes that were read (a file replaced since would otherwise give another's)
                inputs.append(AuditReport.Input(path: path, sha256: loaded.sha256 ?? "", statements: r.statements.count))
                statements += r.statements
                warnings += r.warnings
            }
        }
        let findings = auditor.findings(statements)
        var report = AuditReport(attestVersion: attestVersion, timestamp: timestamp, inputs: inputs, packs: packs,
                                 statements: statements, findings: findings, byDocument: byDocument)
        if let claimFacts, packs.contains(where: { !$0.claimRules.isEmpty }) {
            report.claims = ClaimChecker(packs: packs, facts: claimFacts, gazetteer: loader.resolver.gazetteer).check(statements)
        }
        return Outcome(report: report, failures: failures, warnings: warnings)
    }
}


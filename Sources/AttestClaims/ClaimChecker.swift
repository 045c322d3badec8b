import AttestCorpus
import AttestFacts
import AttestModel
import AttestRules
import Foundation

/// Claims found in statements and judged against the facts: the one entry point of the module.
public struct ClaimChecker: Sendable {
    public let detector: ClaimDetector
    public let judge: ClaimJudge

    public init(packs: [RulePack], facts: ClaimFacts, gazetteer: Gazetteer = .standard) {
        detector = ClaimDetector(rules: packs.flatMap(\.claimRules), objects: packs.flatMap(\.claimObjects), facts: facts, gazetteer: gazetteer)
        judge = ClaimJudge(facts: facts)
    }

    /// Every claim of `statements`, checked, in statement and text order.
    /// Batches of statements are read on every core; the claims keep their order.
    public func check(_ statements: [Statement]) -> [CheckedClaim] {
        concurrentBatches(statements, batch: 16) { batch in
            batch.flatMap { s in
                detector.claims(in: s, asOf: StatementDate.of(s, meetings: judge.facts.meetings)).map(judge.check)
            }
        }
    }
}

/// The claims of a run and what they came from, as reporters see them.
public struct ClaimReport: Sendable {
    public var claims: [CheckedClaim]
    /// The facts directory and the rule packs used.
    public var factsDirectory: String
    public var packs: [String]

    public init(claims: [CheckedClaim], factsDirectory: String, packs: [String]) {
        self.claims = claims
        self.factsDirectory = factsDirectory
        self.packs = packs
    }

    /// Claims per verdict.
    public var counts: [Verdict: Int] {
        Dictionary(grouping: claims, by: \.verdict).mapValues(\.count)
    }
}

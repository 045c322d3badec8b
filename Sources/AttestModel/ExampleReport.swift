/// The outcome of running one rule's examples (`attest test`): what the example runner produces
/// and the example reporters print.
public struct ExampleReport: Sendable, Equatable {
    /// The outcome of one example.
    public struct Outcome: Sendable, Equatable {
        public enum Expectation: String, Sendable { case match, noMatch = "no_match" }

        public var ruleID: String
        public var expectation: Expectation
        /// The example's text and where it is written.
        public var text: String
        public var location: SourceLocation
        public var passed: Bool
        /// What happened, for a reader: the spans that matched, or that nothing did.
        public var detail: String

        public init(ruleID: String, expectation: Expectation, text: String, location: SourceLocation, passed: Bool, detail: String) {
            self.ruleID = ruleID
            self.expectation = expectation
            self.text = text
            self.location = location
            self.passed = passed
            self.detail = detail
        }
    }

    public var ruleID: String
    /// Where the rule is written, and the id of its pack.
    public var location: SourceLocation
    public var pack: String
    public var outcomes: [Outcome]

    public init(ruleID: String, location: SourceLocation, pack: String, outcomes: [Outcome]) {
        self.ruleID = ruleID
        self.location = location
        self.pack = pack
        self.outcomes = outcomes
    }

    public var passed: Bool { outcomes.allSatisfy(\.passed) }
    public var failures: [Outcome] { outcomes.filter { !$0.passed } }
}

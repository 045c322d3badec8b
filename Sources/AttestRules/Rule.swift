/// A commitment written as a rule: what to look for in a statement, and examples that prove it.
public struct Rule: Sendable, Equatable {
    /// Kebab-case, unique across every loaded pack.
    public var id: String
    public var title: String
    /// The commitment in words.
    public var commitment: String?
    /// Where the commitment comes from ("S/RES/2482 (2019), operative paragraph 15").
    public var source: String?
    public var severity: Severity
    public var tags: [String]
    public var scope: Scope
    public var match: MatchExpression
    public var examples: Examples
    public var location: SourceLocation
    /// The id of the pack the rule belongs to.
    public var pack: String

    public init(id: String, title: String, commitment: String? = nil, source: String? = nil, severity: Severity = .warning,
                tags: [String] = [], scope: Scope = .sentence, match: MatchExpression, examples: Examples = Examples(),
                location: SourceLocation, pack: String) {
        self.id = id
        self.title = title
        self.commitment = commitment
        self.source = source
        self.severity = severity
        self.tags = tags
        self.scope = scope
        self.match = match
        self.examples = examples
        self.location = location
        self.pack = pack
    }

    public enum Severity: String, Sendable, CaseIterable { case error, warning, info }

    /// How much text one match may draw on: all parts of an `all` or `near` must be found in one unit.
    public enum Scope: String, Sendable, CaseIterable { case sentence, paragraph, statement }

    public struct Examples: Sendable, Equatable {
        /// Texts the rule must match.
        public var match: [Example]
        /// Texts the rule must not match.
        public var noMatch: [Example]

        public init(match: [Example] = [], noMatch: [Example] = []) {
            self.match = match
            self.noMatch = noMatch
        }
    }

    public struct Example: Sendable, Equatable {
        public var text: String
        public var location: SourceLocation

        public init(text: String, location: SourceLocation) {
            self.text = text
            self.location = location
        }
    }
}

/// A set of rules published together, with its provenance.
public struct RulePack: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    /// The instrument the pack checks against ("S/RES/2482 (2019)").
    public var source: String?
    public var version: String
    public var path: String
    public var rules: [Rule]

    public init(id: String, title: String, description: String? = nil, source: String? = nil, version: String, path: String, rules: [Rule]) {
        self.id = id
        self.title = title
        self.description = description
        self.source = source
        self.version = version
        self.path = path
        self.rules = rules
    }
}

/// What a rule looks for. Composable; every node keeps where it was written.
public indirect enum MatchExpression: Sendable, Equatable {
    /// Words in this order, whole words, ignoring case, punctuation and typography.
    case phrase(String, SourceLocation)
    /// Any of these matches.
    case any([MatchExpression], SourceLocation)
    /// Every one of these matches in the same scope.
    case all([MatchExpression], SourceLocation)
    /// The scope has no match of this.
    case not(MatchExpression, SourceLocation)
    /// A match of `a` and a match of `b` at most `within` words apart (`b` after `a` when ordered).
    case near(MatchExpression, MatchExpression, within: Int, ordered: Bool, SourceLocation)
    /// A citation of a Security Council resolution by number, with an optional year.
    case citation(resolution: Int, year: Int?, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .phrase(_, let l), .any(_, let l), .all(_, let l), .not(_, let l), .citation(_, _, let l): l
        case .near(_, _, _, _, let l): l
        }
    }

    /// A short label for explanations: `phrase "human rights"`, `citation 2482 (2019)`.
    public var label: String {
        switch self {
        case .phrase(let p, _): "phrase \"\(p)\""
        case .any(let xs, _): "any of \(xs.count)"
        case .all(let xs, _): "all of \(xs.count)"
        case .not: "not"
        case .near(_, _, let n, let o, _): "near within \(n)\(o ? " ordered" : "")"
        case .citation(let r, let y, _): "citation \(r)" + (y.map { " (\($0))" } ?? "")
        }
    }
}

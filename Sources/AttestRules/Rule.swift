import AttestModel

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
    /// With `scope: sentence`, how many consecutive sentences of one paragraph form one unit
    /// (`window:`, 1–5; 1, the default, is the sentence itself). See `Rule.windowRange`.
    public var window: Int
    /// Speaker kinds the rule applies to (`state`, `un-entity`, ...); empty means every speaker.
    public var speakers: [SpeakerKind]
    public var match: MatchExpression
    /// A scope unit where this also matches does not count.
    public var unless: MatchExpression?
    public var negation: Negation
    public var examples: Examples
    public var location: SourceLocation
    /// The id of the pack the rule belongs to.
    public var pack: String

    public init(id: String, title: String, commitment: String? = nil, source: String? = nil, severity: Severity = .warning,
                tags: [String] = [], scope: Scope = .sentence, window: Int = 1, speakers: [SpeakerKind] = [], match: MatchExpression,
                unless: MatchExpression? = nil, negation: Negation = .exclude, examples: Examples = Examples(),
                location: SourceLocation, pack: String) {
        self.id = id
        self.title = title
        self.commitment = commitment
        self.source = source
        self.severity = severity
        self.tags = tags
        self.scope = scope
        self.window = window
        self.speakers = speakers
        self.match = match
        self.unless = unless
        self.negation = negation
        self.examples = examples
        self.location = location
        self.pack = pack
    }

    /// The values `window:` may take.
    public static let windowRange = 1...5

    public enum Severity: String, Sendable, CaseIterable { case error, warning, info }

    /// How much text one match may draw on: all parts of an `all` or `near` must be found in one unit.
    public enum Scope: String, Sendable, CaseIterable { case sentence, paragraph, statement }

    /// Whether a match right after a negation ("did not", "failed to", "no reference to") counts.
    public enum Negation: String, Sendable, CaseIterable {
        /// Negated matches do not count (the default).
        case exclude
        /// Negated matches count like any other.
        case allow
    }

    /// The speaker kinds a rule may name in `speakers:`: every `SpeakerKind`, by its raw value.
    public static var speakerKinds: [String] { SpeakerKind.allCases.map(\.rawValue) }

    /// Whether the rule runs on statements of this kind (`speakers:` empty: every kind).
    public func applies(to kind: SpeakerKind) -> Bool { speakers.isEmpty || speakers.contains(kind) }

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
        /// The example without its `[[` `]]` marker.
        public var text: String
        public var location: SourceLocation
        /// UTF-8 offsets of the text between `[[` and `]]`, where a span must land.
        public var marked: Range<Int>?

        public init(text: String, location: SourceLocation, marked: Range<Int>? = nil) {
            self.text = text
            self.location = location
            self.marked = marked
        }

        /// Reads an example as written, with an optional `[[...]]` marker.
        public init(written: String, location: SourceLocation) {
            self.location = location
            guard let open = written.range(of: "[["), let close = written.range(of: "]]", range: open.upperBound..<written.endIndex) else {
                text = written
                marked = nil
                return
            }
            let before = written[..<open.lowerBound], inside = written[open.upperBound..<close.lowerBound]
            text = String(before) + inside + written[close.upperBound...]
            marked = before.utf8.count..<(before.utf8.count + inside.utf8.count)
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
    /// The file that holds the pack's header.
    public var path: String
    /// Every file of the pack, sorted.
    public var files: [String]
    public var vocabularies: [Vocabulary]
    public var rules: [Rule]
    /// Claim rules (`kind: claim`) and the objects the pack names without facts.
    public var claimRules: [ClaimRule] = []
    public var claimObjects: [ClaimObject] = []

    public init(id: String, title: String, description: String? = nil, source: String? = nil, version: String, path: String,
                files: [String]? = nil, vocabularies: [Vocabulary] = [], rules: [Rule]) {
        self.id = id
        self.title = title
        self.description = description
        self.source = source
        self.version = version
        self.path = path
        self.files = files ?? [path]
        self.vocabularies = vocabularies
        self.rules = rules
    }
}

/// A named list of terms that rules of a pack refer to with `vocabulary: name`.
public struct Vocabulary: Sendable, Equatable {
    public var name: String
    public var terms: [MatchExpression]
    public var location: SourceLocation

    public init(name: String, terms: [MatchExpression], location: SourceLocation) {
        self.name = name
        self.terms = terms
        self.location = location
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
    /// A document symbol such as S/2020/754 or S/PRST/2020/5.
    case symbol(String, SourceLocation)
    /// A word (or phrase whose first word is inflected) and its inflections.
    case lemma(String, SourceLocation)
    /// A vocabulary of the pack, resolved to its terms when the pack was loaded.
    case vocabulary(String, [MatchExpression], SourceLocation)
    /// A bounded regular expression, matched case-insensitively against the original text.
    case regex(String, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .phrase(_, let l), .any(_, let l), .all(_, let l), .not(_, let l), .citation(_, _, let l): l
        case .near(_, _, _, _, let l), .symbol(_, let l), .lemma(_, let l), .vocabulary(_, _, let l), .regex(_, let l): l
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
        case .symbol(let s, _): "symbol \(s)"
        case .lemma(let w, _): "lemma \"\(w)\""
        case .vocabulary(let n, _, _): "vocabulary \(n)"
        case .regex(let r, _): "regex /\(r)/"
        }
    }

    /// The sub-expressions, in order.
    public var children: [MatchExpression] {
        switch self {
        case .any(let xs, _), .all(let xs, _), .vocabulary(_, let xs, _): xs
        case .not(let x, _): [x]
        case .near(let a, let b, _, _, _): [a, b]
        case .phrase, .citation, .symbol, .lemma, .regex: []
        }
    }
}

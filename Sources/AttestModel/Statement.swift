/// One attributed statement of a meeting record: who spoke, for whom, and what they said.
///
/// Every reader produces this model. Offsets are UTF-8 byte offsets into the source file,
/// half-open (`start..<end`); `line` is the 1-based line where the statement's text starts.
public struct Statement: Sendable, Equatable, Codable {
    /// The document as it was named on the command line (or given to the reader).
    public var document: String
    /// 0-based position of the statement in its document.
    public var index: Int
    /// The dataset's own identifier (JSON Lines `id`), when there is one.
    public var id: String?
    /// The speaker as the record writes them ("Mr. Nebenzia", "The President", "Belgium’s delegate").
    public var speaker: String?
    /// The canonical delegation name, or nil for narrative text and procedural turns.
    public var delegation: String?
    public var kind: SpeakerKind
    /// ISO 3166-1 alpha-3, for States only.
    public var iso3: String?
    public var capacity: Capacity?
    /// The States or groups a speaker speaks for, canonical names, in the order named.
    public var onBehalfOf: [String]
    /// The group named in an "on behalf of" clause, when there is one.
    public var group: String?
    /// The language the record says the speaker used (`spoke in French`), when it says so.
    public var language: String?
    /// The day of the meeting, `YYYY-MM-DD`, when known (from the document, a `date` field or a
    /// meetings table); claims are judged as of this date.
    public var date: String?
    /// How the delegation, kind and capacity were decided; nil when the reader did not say.
    public var attribution: AttributionBasis?
    /// The text of the statement; empty for delegations recorded as speaking without text.
    public var text: String
    public var start: Int
    public var end: Int
    public var line: Int

    public init(document: String, index: Int, id: String? = nil, speaker: String?, delegation: String?,
                kind: SpeakerKind, iso3: String? = nil, capacity: Capacity? = nil, onBehalfOf: [String] = [],
                group: String? = nil, language: String? = nil, date: String? = nil, attribution: AttributionBasis? = nil, text: String, start: Int, end: Int, line: Int) {
        self.document = document
        self.index = index
        self.id = id
        self.speaker = speaker
        self.delegation = delegation
        self.kind = kind
        self.iso3 = iso3
        self.capacity = capacity
        self.onBehalfOf = onBehalfOf
        self.group = group
        self.language = language
        self.date = date
        self.attribution = attribution
        self.text = text
        self.start = start
        self.end = end
        self.line = line
    }

    /// True when the record says the delegation spoke but gives none of its words.
    public var hasText: Bool { !text.isEmpty }

    enum CodingKeys: String, CodingKey {
        case document, index, id, speaker, delegation, kind, iso3, capacity
        case onBehalfOf = "on_behalf_of"
        case group, language, date, attribution, text, start, end, line
    }
}

/// What kind of speaker a statement belongs to.
public enum SpeakerKind: String, Sendable, Codable, CaseIterable, Comparable {
    case state
    case organization
    case unEntity = "un-entity"
    case civilSociety = "civil-society"
    /// The President of the Council conducting the meeting; not a national statement.
    case presidency
    /// Text that belongs to nobody: headlines, summaries, page furniture.
    case narrative
    case unknown

    public static func < (a: SpeakerKind, b: SpeakerKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// In what capacity a speaker speaks.
public enum Capacity: String, Sendable, Codable {
    /// A State speaking for itself (including a Council President "in my capacity as the representative of").
    case national
    /// A State speaking for a group or for other States.
    case onBehalfOf = "on-behalf-of"
    /// The President's procedural turns.
    case presidency
    /// UN officials, organizations, briefers.
    case official
}

import AttestModel
/// An entry of the gazetteer: a State, an organization or a UN entity, with its canonical name.
public struct Delegation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case state
        case organization
        case unEntity = "un-entity"
        case civilSociety = "civil-society"

        public var speakerKind: SpeakerKind {
            switch self {
            case .state: .state
            case .organization: .organization
            case .unEntity: .unEntity
            case .civilSociety: .civilSociety
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// `member` or `observer`, for States.
    public var status: String?
    public var iso3: String?
    public var aliases: [String]

    public init(name: String, kind: Kind, status: String? = nil, iso3: String? = nil, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.status = status
        self.iso3 = iso3
        self.aliases = aliases
    }
}

/// A named group of States ("the Nordic countries"), with its members when they are fixed.
public struct DelegationGroup: Sendable, Hashable, Codable {
    public var name: String
    public var aliases: [String]
    public var members: [String]
}

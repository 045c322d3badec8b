import AttestFormats
import AttestModel
import Foundation
import Yams

/// Turns a composed YAML tree into a `RulePack`, collecting a diagnostic for every mistake.
struct PackBuilder {
    let path: String
    let limits: RuleLoader.Limits
    var diagnostics: [Diagnostic] = []
    private var nodes = 0

    init(path: String, limits: RuleLoader.Limits) {
        self.path = path
        self.limits = limits
    }

    static let packKeys = ["id", "title", "description", "source", "version"]
    static let fileKeys = ["pack", "vocabularies", "rules", "objects"]
    static let ruleKeys = ["id", "title", "commitment", "source", "severity", "tags", "scope", "window", "speakers", "match", "unless",
                           "negation", "examples"]
    static let expressionKeys = ["phrase", "any", "terms", "vocabulary", "lemma", "all", "not", "near", "citation", "regex"]

    /// The vocabularies this pack's rules may use, filled in by the loader before `rules` is called.
    var vocabularies: [String: Vocabulary] = [:]
    /// Names of the vocabularies referred to by the rules built so far.
    var usedVocabularies: Set<String> = []
    /// Vocabularies that were defined but refused (already reported): a reference to one is not "undefined".
    var refusedVocabularies: Set<String> = []
    /// Expression nodes added by references to vocabularies so far (each reference counts the
    /// nodes of its vocabulary's terms), against `limits.maxExpandedTerms`.
    var expandedTerms = 0
    private var vocabularySizes: [String: Int] = [:]
    private var insideVocabulary = false
    /// Claim rules (`kind: claim`) met in `rules:`, built by ClaimRuleBuilder.
    var claimRules: [ClaimRule] = []

    /// What the `pack:` mapping of one file says.
    struct Header {
        var id: String
        var title: String?
        var version: String?
        var description: String?
        var source: String?
        var location: SourceLocation
        /// True when the file carries the pack's header fields, not only its id.
        var isHeader: Bool { title != nil || version != nil || description != nil || source != nil }
    }

    /// The file's top-level mapping and its `pack:` header, or nil when the file is not a mapping.
    /// A broken header (missing, not a mapping, without an id) gives a nil header, every problem
    /// of it reported — and the rest of the file is still worth checking (`checkWithoutPack`).
    mutating func header(_ root: Node) -> (Node.Mapping, Header?)? {
        guard let top = mapping(root, "a rule pack (a mapping with 'pack' and 'rules')") else { return nil }
        checkKeys(top, allowed: Self.fileKeys)
        guard let headerNode = top.value("pack") else {
            error(root, "missing key 'pack'")
            return (top, nil)
        }
        guard let meta = mapping(headerNode, "the pack's header (id, title, version)") else { return (top, nil) }
        checkKeys(meta, allowed: Self.packKeys)
        let id = requiredString(meta, "id", in: headerNode)
        if let id { checkID(id, at: meta.value("id")!) }
        let header = Header(id: id ?? "", title: optionalString(meta, "title"), version: optionalString(meta, "version"),
                            description: optionalString(meta, "description"), source: optionalString(meta, "source"),
                            location: location(headerNode))
        if header.isHeader {
            if header.title == nil { error(headerNode, "missing key 'title'") }
            if header.version == nil { error(headerNode, "missing key 'version'") }
        }
        return (top, id == nil ? nil : header)
    }

    /// True while checking a file whose pack is not known (its header is broken): a vocabulary
    /// it does not define may be defined by another file of its pack, so is not reported.
    private var packUnknown = false

    /// Checks the vocabularies and rules of a file whose header is broken, so that one run reports
    /// every problem of the file, not only the header's. Its rules are not used.
    mutating func checkWithoutPack(_ top: Node.Mapping, root: Node) {
        packUnknown = true
        defer { packUnknown = false }
        var own: [String: Vocabulary] = [:]
        for v in vocabularyList(top) where own[v.name] == nil { own[v.name] = v }
        vocabularies = own
        _ = rules(top, root: root, pack: "", required: false)
    }

    /// The `vocabularies:` of one file: a mapping from kebab-case names to lists of terms.
    mutating func vocabularyList(_ top: Node.Mapping) -> [Vocabulary] {
        guard let node = top.value("vocabularies") else { return [] }
        guard let m = mapping(node, "'vocabularies' (a mapping from names to lists of terms)") else { return [] }
        var result: [Vocabulary] = []
        insideVocabulary = true
        defer { insideVocabulary = false }
        for (keyNode, value) in m {
            guard let name = scalarString(keyNode, "a vocabulary name") else { continue }
            checkID(name, at: keyNode)
            guard case .sequence(let items) = value else {
                error(value, "vocabulary '\(name)' must be a list of terms")
                continue
            }
            if items.isEmpty {
                error(value, "vocabulary '\(name)' is empty: it can never match")
                refusedVocabularies.insert(name)
                continue
            }
            let terms = items.compactMap { expression($0, depth: 1) }
            if terms.count == items.count { result.append(Vocabulary(name: name, terms: terms, location: location(keyNode))) } else { refusedVocabularies.insert(name) }
        }
        return result
    }

    /// The `rules:` of one file.
    mutating func rules(_ top: Node.Mapping, root: Node, pack: String, required: Bool) -> [Rule] {
        guard let rulesNode = top.value("rules") else {
            if required { error(root, "missing key 'rules'") }
            return []
        }
        guard case .sequence(let list) = rulesNode else {
            error(rulesNode, "'rules' must be a list of rules")
            return []
        }
        if list.isEmpty { error(rulesNode, "'rules' is empty") }
        return list.compactMap { node in
            if Self.isClaimRule(node) {
                if let c = claimRule(node, pack: pack) { claimRules.append(c) }
                return nil
            }
            return rule(node, pack: pack)
        }
    }

    mutating func rule(_ node: Node, pack: String) -> Rule? {
        guard let map = mapping(node, "a rule (a mapping with id, title and match)") else { return nil }
        checkKeys(map, allowed: Self.ruleKeys)
        let m = Fields(map)
        let errorsBefore = diagnostics.count
        let id = requiredString(m, "id", in: node) ?? ""
        if let idNode = m.value("id"), !id.isEmpty { checkID(id, at: idNode) }
        let title = requiredString(m, "title", in: node) ?? ""
        let severity = enumValue(m, "severity", Rule.Severity.self) ?? .warning
        let scope = enumValue(m, "scope", Rule.Scope.self) ?? .sentence
        let negation = enumValue(m, "negation", Rule.Negation.self) ?? .exclude
        let window = self.window(m, scope: scope)
        var speakers: [SpeakerKind] = []
        if let sp = m.value("speakers") {
            if case .sequence(let items) = sp {
                for item in items {
                    guard let kind = scalarString(item, "a speaker kind") else { continue }
                    if let k = SpeakerKind(rawValue: kind) { speakers.append(k) } else {
                        error(item, "invalid speaker kind '\(kind)'; allowed: \(Rule.speakerKinds.joined(separator: ", "))")
                    }
                }
            } else {
                error(sp, "'speakers' must be a list of speaker kinds")
            }
        }
        var tags: [String] = []
        if let t = m.value("tags") {
            if case .sequence(let s) = t { tags = s.compactMap { scalarString($0, "a tag") } } else { error(t, "'tags' must be a list of strings") }
        }
        var expression: MatchExpression?
        if let matchNode = m.value("match") { expression = self.expression(matchNode, depth: 0) } else { error(node, "rule '\(id)' has no 'match'") }
        let unless = m.value("unless").flatMap { self.expression($0, depth: 0) }
        let examples = self.examples(m.value("examples"))
        guard diagnostics.count == errorsBefore, let expression else { return nil }
        return Rule(id: id, title: title, commitment: optionalString(m, "commitment"), source: optionalString(m, "source"),
                    severity: severity, tags: tags, scope: scope, window: window, speakers: speakers, match: expression, unless: unless,
                    negation: negation, examples: examples,
                    location: location(node), pack: pack)
    }

    /// `window: N`: the unit is N consecutive sentences of one paragraph (1–5); only with sentence scope.
    mutating func window<M: KeyedNodes>(_ m: M, scope: Rule.Scope) -> Int {
        guard let w = m.value("window") else { return 1 }
        let range = Rule.windowRange
        guard case .scalar(let s) = w, s.style == .plain, let n = w.int, range.contains(n) else {
            error(w, "'window' must be a whole number of sentences from \(range.lowerBound) to \(range.upperBound)")
            return 1
        }
        if scope != .sentence {
            error(w, "'window' counts sentences: it needs 'scope: sentence' (the default), not 'scope: \(scope.rawValue)'")
            return 1
        }
        return n
    }

    mutating func examples(_ node: Node?) -> Rule.Examples {
        guard let node else { return Rule.Examples() }
        guard let m = mapping(node, "examples (a mapping with 'match' and 'no_match' lists)") else { return Rule.Examples() }
        checkKeys(m, allowed: ["match", "no_match"])
        func list(_ key: String) -> [Rule.Example] {
            guard let n = m.value(key) else { return [] }
            guard case .sequence(let s) = n else {
                error(n, "'\(key)' must be a list of texts")
                return []
            }
            return s.compactMap { item in scalarString(item, "an example text").map { Rule.Example(written: $0, location: location(item)) } }
        }
        return Rule.Examples(match: list("match"), noMatch: list("no_match"))
    }

    /// A match expression: a string (a phrase), a list (any of), or a mapping with one operator.
    mutating func expression(_ node: Node, depth: Int) -> MatchExpression? {
        nodes += 1
        guard nodes <= limits.maxNodes else {
            if nodes == limits.maxNodes + 1 { error(node, "more than \(limits.maxNodes) expression nodes") }
            return nil
        }
        guard depth <= limits.maxDepth else {
            error(node, "expression nested more than \(limits.maxDepth) levels deep")
            return nil
        }
        let loc = location(node)
        switch node {
        case .scalar(let s):
            return phrase(s.string, node)
        case .sequence(let items):
            let subs = items.compactMap { expression($0, depth: depth + 1) }
            if items.isEmpty { error(node, "empty list of alternatives") }
            return subs.count == items.count ? .any(subs, loc) : nil
        case .alias:
            error(node, "unexpected alias")
            return nil
        case .mapping(let m):
            guard m.count == 1, let (keyNode, value) = m.first, let key = keyNode.string else {
                error(node, "a match expression has exactly one of: \(Self.expressionKeys.joined(separator: ", "))")
                return nil
            }
            switch key {
            case "phrase":
                guard let s = scalarString(value, "a phrase") else { return nil }
                return phrase(s, value)
            case "terms":
                guard case .sequence(let items) = value, !items.isEmpty else {
                    error(value, "'terms' takes a non-empty list of phrases")
                    return nil
                }
                let phrases = items.compactMap { item in scalarString(item, "a phrase").flatMap { phrase($0, item) } }
                return phrases.count == items.count ? .any(phrases, loc) : nil
            case "lemma":
                guard let w = scalarString(value, "a word to inflect"), phrase(w, value) != nil else { return nil }
                return .lemma(w, location(value))
            case "vocabulary":
                guard let name = scalarString(value, "a vocabulary name") else { return nil }
                if insideVocabulary {
                    error(value, "a vocabulary cannot refer to another vocabulary")
                    return nil
                }
                guard let v = vocabularies[name] else {
                    if refusedVocabularies.contains(name) || packUnknown { return nil }
                    let hint = EditDistance.closest(to: name, in: vocabularies.keys.sorted(), maxDistance: 3)
                        .map { " (did you mean '\($0)'?)" } ?? ""
                    error(value, "undefined vocabulary '\(name)'\(hint)")
                    return nil
                }
                usedVocabularies.insert(name)
                let size = vocabularySizes[name] ?? v.terms.reduce(0) { $0 + Self.size($1) }
                vocabularySizes[name] = size
                expandedTerms += size
                if expandedTerms > limits.maxExpandedTerms {
                    error(value, "vocabulary '\(name)' (\(v.terms.count) terms) is copied into every rule that refers to it: with this reference, "
                        + "vocabularies expand to more than \(limits.maxExpandedTerms) expression nodes in all; refer to large vocabularies from fewer rules")
                    return nil
                }
                return .vocabulary(name, v.terms, loc)
            case "regex":
                guard let pattern = scalarString(value, "a regular expression") else { return nil }
                if let problem = RegexEngine.problem(pattern) {
                    error(value, problem)
                    return nil
                }
                return .regex(pattern, location(value))
            case "any", "all":
                guard case .sequence(let items) = value, !items.isEmpty else {
                    error(value, "'\(key)' takes a non-empty list of expressions")
                    return nil
                }
                let subs = items.compactMap { expression($0, depth: depth + 1) }
                guard subs.count == items.count else { return nil }
                if key == "all", let contradiction = Self.contradiction(subs) {
                    error(value, "'all' requires both \(contradiction.label) and its negation: it can never match")
                    return nil
                }
                return key == "any" ? .any(subs, loc) : .all(subs, loc)
            case "not":
                return expression(value, depth: depth + 1).map { .not($0, loc) }
            case "near":
                return near(value, depth: depth, loc: loc)
            case "citation":
                return citation(value, loc: loc)
            default:
                error(keyNode, "unknown match operator '\(key)'; expected one of: \(Self.expressionKeys.joined(separator: ", "))")
                return nil
            }
        }
    }

    mutating func phrase(_ s: String, _ node: Node) -> MatchExpression? {
        guard s.contains(where: { $0.isLetter || $0.isNumber }) else {
            error(node, "phrase '\(s)' has no letters or digits")
            return nil
        }
        return .phrase(s, location(node))
    }

    mutating func near(_ value: Node, depth: Int, loc: SourceLocation) -> MatchExpression? {
        guard let m = mapping(value, "'near' (a mapping with a, b and within)") else { return nil }
        checkKeys(m, allowed: ["a", "b", "within", "ordered"])
        guard let aNode = m.value("a"), let bNode = m.value("b") else {
            error(value, "'near' needs both 'a' and 'b'")
            return nil
        }
        let a = expression(aNode, depth: depth + 1)
        let b = expression(bNode, depth: depth + 1)
        var within = 5
        if let w = m.value("within") {
            if let n = w.int, (1...50).contains(n) { within = n } else { error(w, "'within' must be a whole number of words from 1 to 50") }
        }
        var ordered = false
        if let o = m.value("ordered") {
            if let b = o.bool { ordered = b } else { error(o, "'ordered' must be true or false") }
        }
        guard let a, let b else { return nil }
        return .near(a, b, within: within, ordered: ordered, loc)
    }

    mutating func citation(_ value: Node, loc: SourceLocation) -> MatchExpression? {
        guard let m = mapping(value, "'citation' (a mapping with 'resolution' and optional 'year', or 'symbol')") else { return nil }
        checkKeys(m, allowed: ["resolution", "year", "symbol"])
        if let s = m.value("symbol") {
            guard let symbol = scalarString(s, "a document symbol such as S/2020/754") else { return nil }
            guard Self.isDocumentSymbol(symbol) else {
                error(s, "'\(symbol)' is not a document symbol such as S/2020/754 or S/PRST/2020/5")
                return nil
            }
            if m.value("resolution") != nil || m.value("year") != nil { error(value, "'citation' takes either 'resolution' or 'symbol', not both") }
            return .symbol(symbol, loc)
        }
        guard let r = m.value("resolution") else {
            error(value, "'citation' needs 'resolution' or 'symbol'")
            return nil
        }
        guard let number = r.int, (1...99_999).contains(number) else {
            error(r, "'resolution' must be a resolution number such as 2482")
            return nil
        }
        var year: Int?
        if let y = m.value("year") {
            guard let n = y.int, (1945...2200).contains(n) else {
                error(y, "'year' must be a year such as 2019")
                return nil
            }
            year = n
        }
        return .citation(resolution: number, year: year, loc)
    }

    /// The number of nodes of an expression.
    static func size(_ e: MatchExpression) -> Int {
        e.children.reduce(1) { $0 + size($1) }
    }

    /// An expression X such that both X and `not: X` are among `subs`.
    static func contradiction(_ subs: [MatchExpression]) -> MatchExpression? {
        for case .not(let x, _) in subs where subs.contains(where: { sameShape($0, x) }) { return x }
        return nil
    }

    /// Equal apart from where they were written.
    static func sameShape(_ a: MatchExpression, _ b: MatchExpression) -> Bool {
        a.label == b.label && a.children.count == b.children.count && zip(a.children, b.children).allSatisfy { sameShape($0, $1) }
    }

    /// "S/2020/754", "S/PRST/2020/5", "A/RES/75/1": capital letters, then slash-separated parts.
    static func isDocumentSymbol(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isLetter && $0.isUppercase }) else { return false }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } }
    }

    // MARK: helpers

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ node: Node, _ message: String) {
        let l = location(node)
        diagnostics.append(Diagnostic(path: path, line: l.line, column: l.column, message: message))
    }

    mutating func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
        if case .mapping(let m) = node { return m }
        error(node, "expected \(what)")
        return nil
    }

    mutating func checkKeys(_ m: Node.Mapping, allowed: [String]) {
        for key in m.keys {
            guard let k = key.string else {
                error(key, "keys must be strings")
                continue
            }
            if !allowed.contains(k) {
                let hint = EditDistance.closest(to: k, in: allowed, maxDistance: 2).map { " (did you mean '\($0)'?)" } ?? ""
                error(key, "unknown key '\(k)'\(hint); allowed: \(allowed.joined(separator: ", "))")
            }
        }
    }

    mutating func checkID(_ id: String, at node: Node) {
        if !Self.isKebabCase(id) { error(node, "id '\(id)' is not kebab-case (lowercase letters, digits and single hyphens)") }
    }

    /// Lowercase ASCII letters, digits and single hyphens, starting with a letter and not ending
    /// with a hyphen; read byte by byte when the id is ASCII, by `Character` otherwise.
    static func isKebabCase(_ id: String) -> Bool {
        let utf8 = id.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let first = utf8.first, first >= 0x61 && first <= 0x7A, utf8.last != 0x2D else { return false }
            var previous: UInt8 = 0
            for b in utf8 {
                guard (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { return false }
                if b == 0x2D && previous == 0x2D { return false }
                previous = b
            }
            return true
        }
        return isKebabCaseByCharacter(id)
    }

    /// The definition `isKebabCase` reads faster for ASCII ids.
    static func isKebabCaseByCharacter(_ id: String) -> Bool {
        id.first?.isLetter == true && id.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
            && !id.hasSuffix("-") && !id.contains("--")
    }

    mutating func requiredString<M: KeyedNodes>(_ m: M, _ key: String, in parent: Node) -> String? {
        guard let n = m.value(key) else {
            error(parent, "missing key '\(key)'")
            return nil
        }
        guard let s = scalarString(n, "'\(key)' as a string") else { return nil }
        // a printable ASCII first character is not white space: nothing to trim to find out
        if !(s.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false), s.trimmingCharacters(in: .whitespaces).isEmpty {
            error(n, "'\(key)' is empty")
            return nil
        }
        return s
    }

    mutating func optionalString<M: KeyedNodes>(_ m: M, _ key: String) -> String? {
        m.value(key).flatMap { scalarString($0, "'\(key)' as a string") }
    }

    mutating func scalarString(_ node: Node, _ what: String) -> String? {
        if case .scalar(let s) = node { return s.string }
        error(node, "expected \(what)")
        return nil
    }

    mutating func enumValue<M: KeyedNodes, E: RawRepresentable & CaseIterable>(_ m: M, _ key: String, _: E.Type) -> E? where E.RawValue == String {
        guard let n = m.value(key) else { return nil }
        guard let s = scalarString(n, "'\(key)'") else { return nil }
        if let v = E(rawValue: s) { return v }
        error(n, "invalid \(key) '\(s)'; allowed: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }
}

/// Values looked up by key: a YAML mapping, or its pairs read once (`Fields`).
protocol KeyedNodes {
    /// The value of the first pair whose key is the scalar `key`, compared as written.
    func value(_ key: String) -> Node?
}

extension Node.Mapping: KeyedNodes {
    /// The value of `key`: the first pair whose key is that scalar, compared as written. (Yams'
    /// subscript compares nodes, resolving every key's tag with regular expressions; for the
    /// keys of a rule file, all words, the two agree.)
    func value(_ key: String) -> Node? {
        for (k, v) in self {
            if case .scalar(let scalar) = k, scalar.string == key { return v }
        }
        return nil
    }
}

/// A mapping's pairs with scalar keys, read once: a rule asks its mapping for a dozen keys, and
/// each walk of a `Node.Mapping` copies every pair it passes (their nodes retained and released).
struct Fields: KeyedNodes {
    private var keys: [String] = []
    private var values: [Node] = []

    init(_ mapping: Node.Mapping) {
        keys.reserveCapacity(mapping.count)
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            if case .scalar(let scalar) = key {
                keys.append(scalar.string)
                values.append(value)
            }
        }
    }

    func value(_ key: String) -> Node? {
        keys.firstIndex(of: key).map { values[$0] }
    }
}

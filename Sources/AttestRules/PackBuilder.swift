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
    static let ruleKeys = ["id", "title", "commitment", "source", "severity", "tags", "scope", "match", "examples"]
    static let expressionKeys = ["phrase", "any", "all", "not", "near", "citation"]

    mutating func pack(_ root: Node) -> RulePack? {
        guard let top = mapping(root, "a rule pack (a mapping with 'pack' and 'rules')") else { return nil }
        checkKeys(top, allowed: ["pack", "rules"])
        guard let header = top["pack"] else {
            error(root, "missing key 'pack'")
            return nil
        }
        let meta = mapping(header, "the pack's header (id, title, version)")
        let id = meta.flatMap { requiredString($0, "id", in: header) } ?? ""
        if let meta {
            checkKeys(meta, allowed: Self.packKeys)
            if !id.isEmpty { checkID(id, at: meta["id"]!) }
        }
        let title = meta.flatMap { requiredString($0, "title", in: header) } ?? ""
        let version = meta.flatMap { requiredString($0, "version", in: header) } ?? ""
        let pack = RulePack(id: id, title: title, description: meta.flatMap { optionalString($0, "description") },
                            source: meta.flatMap { optionalString($0, "source") }, version: version, path: path, rules: [])
        guard let rulesNode = top["rules"] else {
            error(root, "missing key 'rules'")
            return pack
        }
        guard case .sequence(let list) = rulesNode else {
            error(rulesNode, "'rules' must be a list of rules")
            return pack
        }
        var result = pack
        for item in list {
            if let rule = rule(item, pack: id) { result.rules.append(rule) }
        }
        if list.isEmpty { error(rulesNode, "'rules' is empty") }
        return result
    }

    mutating func rule(_ node: Node, pack: String) -> Rule? {
        guard let m = mapping(node, "a rule (a mapping with id, title and match)") else { return nil }
        checkKeys(m, allowed: Self.ruleKeys)
        let errorsBefore = diagnostics.count
        let id = requiredString(m, "id", in: node) ?? ""
        if let idNode = m["id"], !id.isEmpty { checkID(id, at: idNode) }
        let title = requiredString(m, "title", in: node) ?? ""
        let severity = enumValue(m, "severity", Rule.Severity.self) ?? .warning
        let scope = enumValue(m, "scope", Rule.Scope.self) ?? .sentence
        var tags: [String] = []
        if let t = m["tags"] {
            if case .sequence(let s) = t { tags = s.compactMap { scalarString($0, "a tag") } } else { error(t, "'tags' must be a list of strings") }
        }
        var expression: MatchExpression?
        if let matchNode = m["match"] { expression = self.expression(matchNode, depth: 0) } else { error(node, "rule '\(id)' has no 'match'") }
        let examples = self.examples(m["examples"])
        guard diagnostics.count == errorsBefore, let expression else { return nil }
        return Rule(id: id, title: title, commitment: optionalString(m, "commitment"), source: optionalString(m, "source"),
                    severity: severity, tags: tags, scope: scope, match: expression, examples: examples,
                    location: location(node), pack: pack)
    }

    mutating func examples(_ node: Node?) -> Rule.Examples {
        guard let node else { return Rule.Examples() }
        guard let m = mapping(node, "examples (a mapping with 'match' and 'no_match' lists)") else { return Rule.Examples() }
        checkKeys(m, allowed: ["match", "no_match"])
        func list(_ key: String) -> [Rule.Example] {
            guard let n = m[key] else { return [] }
            guard case .sequence(let s) = n else {
                error(n, "'\(key)' must be a list of texts")
                return []
            }
            return s.compactMap { item in scalarString(item, "an example text").map { Rule.Example(text: $0, location: location(item)) } }
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
            case "any", "all":
                guard case .sequence(let items) = value, !items.isEmpty else {
                    error(value, "'\(key)' takes a non-empty list of expressions")
                    return nil
                }
                let subs = items.compactMap { expression($0, depth: depth + 1) }
                guard subs.count == items.count else { return nil }
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
        guard let aNode = m["a"], let bNode = m["b"] else {
            error(value, "'near' needs both 'a' and 'b'")
            return nil
        }
        let a = expression(aNode, depth: depth + 1)
        let b = expression(bNode, depth: depth + 1)
        var within = 5
        if let w = m["within"] {
            if let n = w.int, (1...50).contains(n) { within = n } else { error(w, "'within' must be a whole number of words from 1 to 50") }
        }
        var ordered = false
        if let o = m["ordered"] {
            if let b = o.bool { ordered = b } else { error(o, "'ordered' must be true or false") }
        }
        guard let a, let b else { return nil }
        return .near(a, b, within: within, ordered: ordered, loc)
    }

    mutating func citation(_ value: Node, loc: SourceLocation) -> MatchExpression? {
        guard let m = mapping(value, "'citation' (a mapping with 'resolution' and optional 'year')") else { return nil }
        checkKeys(m, allowed: ["resolution", "year"])
        guard let r = m["resolution"] else {
            error(value, "'citation' needs 'resolution'")
            return nil
        }
        guard let number = r.int, (1...99_999).contains(number) else {
            error(r, "'resolution' must be a resolution number such as 2482")
            return nil
        }
        var year: Int?
        if let y = m["year"] {
            guard let n = y.int, (1945...2200).contains(n) else {
                error(y, "'year' must be a year such as 2019")
                return nil
            }
            year = n
        }
        return .citation(resolution: number, year: year, loc)
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
                let hint = allowed.min { editDistance($0, k) < editDistance($1, k) }.flatMap { editDistance($0, k) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
                error(key, "unknown key '\(k)'\(hint); allowed: \(allowed.joined(separator: ", "))")
            }
        }
    }

    mutating func checkID(_ id: String, at node: Node) {
        let valid = id.first?.isLetter == true && id.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
            && !id.hasSuffix("-") && !id.contains("--")
        if !valid { error(node, "id '\(id)' is not kebab-case (lowercase letters, digits and single hyphens)") }
    }

    mutating func requiredString(_ m: Node.Mapping, _ key: String, in parent: Node) -> String? {
        guard let n = m[key] else {
            error(parent, "missing key '\(key)'")
            return nil
        }
        guard let s = scalarString(n, "'\(key)' as a string") else { return nil }
        if s.trimmingCharacters(in: .whitespaces).isEmpty {
            error(n, "'\(key)' is empty")
            return nil
        }
        return s
    }

    mutating func optionalString(_ m: Node.Mapping, _ key: String) -> String? {
        m[key].flatMap { scalarString($0, "'\(key)' as a string") }
    }

    mutating func scalarString(_ node: Node, _ what: String) -> String? {
        if case .scalar(let s) = node { return s.string }
        error(node, "expected \(what)")
        return nil
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ m: Node.Mapping, _ key: String, _: E.Type) -> E? where E.RawValue == String {
        guard let n = m[key] else { return nil }
        guard let s = scalarString(n, "'\(key)'") else { return nil }
        if let v = E(rawValue: s) { return v }
        error(n, "invalid \(key) '\(s)'; allowed: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1..<(y.count + 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }
}

import AttestModel
import Foundation
import Yams

/// Reading claim rules (`kind: claim`) and a pack's `objects:` into the pack.
extension PackBuilder {
    static let claimRuleKeys = ["id", "kind", "title", "predicate", "object", "patterns", "polarity", "subject", "unless", "examples"]
    static let claimExampleKeys = ["text", "speaker", "date", "record", "claim", "verdict", "reason", "object", "subject"]
    static let verdicts = ["consistent", "contradicted", "unverifiable"]

    /// True when a rule mapping says `kind: claim`.
    static func isClaimRule(_ node: Node) -> Bool {
        guard case .mapping(let m) = node, let kind = m.value("kind"), case .scalar(let s) = kind else { return false }
        return s.string == "claim"
    }

    mutating func claimRule(_ node: Node, pack: String) -> ClaimRule? {
        guard let m = mapping(node, "a claim rule") else { return nil }
        checkKeys(m, allowed: Self.claimRuleKeys)
        let before = diagnostics.count
        let id = requiredString(m, "id", in: node) ?? ""
        if let idNode = m.value("id"), !id.isEmpty { checkID(id, at: idNode) }
        let title = requiredString(m, "title", in: node) ?? ""
        var predicate: ClaimPredicate?
        if m.value("predicate") == nil { error(node, "claim rule '\(id)' has no 'predicate'") } else { predicate = enumValue(m, "predicate", ClaimPredicate.self) }
        var object: ClaimObjectKind?
        if m.value("object") == nil { error(node, "claim rule '\(id)' has no 'object'") } else { object = enumValue(m, "object", ClaimObjectKind.self) }
        let polarity = enumValue(m, "polarity", ClaimPolarity.self) ?? .positive
        let subject = enumValue(m, "subject", ClaimSubjectKind.self)
        let patterns = regexList(m, "patterns", required: true, id: id, node: node, needsObject: true)
        let unless = regexList(m, "unless", required: false, id: id, node: node, needsObject: false)
        let examples = claimExamples(m.value("examples"))
        guard diagnostics.count == before, let predicate, let object else { return nil }
        return ClaimRule(id: id, title: title, predicate: predicate, object: object, patterns: patterns, polarity: polarity,
                         subject: subject, unless: unless, examples: examples, location: location(node), pack: pack)
    }

    private mutating func regexList(_ m: Node.Mapping, _ key: String, required: Bool, id: String, node: Node, needsObject: Bool) -> [String] {
        guard let n = m.value(key) else {
            if required { error(node, "claim rule '\(id)' has no '\(key)'") }
            return []
        }
        guard case .sequence(let items) = n else {
            error(n, "'\(key)' must be a list of regular expressions")
            return []
        }
        if required && items.isEmpty { error(n, "'\(key)' is empty: the rule can never match") }
        var result: [String] = []
        for item in items {
            guard let s = scalarString(item, "a regular expression") else { continue }
            if needsObject && !s.contains("{object}") && !s.contains("{objects}") {
                error(item, "pattern has no {object} or {objects} slot")
                continue
            }
            do {
                _ = try NSRegularExpression(pattern: ClaimPattern.expand(s), options: [.caseInsensitive])
                result.append(s)
            } catch {
                self.error(item, "invalid regular expression: \(s)")
            }
        }
        return result
    }

    private mutating func claimExamples(_ node: Node?) -> [ClaimExample] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            error(node, "'examples' of a claim rule must be a list of mappings with 'text'")
            return []
        }
        var result: [ClaimExample] = []
        for item in items {
            guard let m = mapping(item, "an example (a mapping with text, speaker, date and verdict)") else { continue }
            checkKeys(m, allowed: Self.claimExampleKeys)
            guard let text = requiredString(m, "text", in: item) else { continue }
            var claim = true
            if let c = m.value("claim") {
                switch scalarString(c, "true or false") {
                case "true": claim = true
                case "false": claim = false
                default: error(c, "invalid claim; allowed: true, false")
                }
            }
            let verdict = optionalString(m, "verdict")
            if let v = verdict, !Self.verdicts.contains(v), let n = m.value("verdict") {
                error(n, "invalid verdict '\(v)'; allowed: \(Self.verdicts.joined(separator: ", "))")
            }
            if claim && verdict == nil { error(item, "an example with claim: true needs a 'verdict'") }
            let date = optionalString(m, "date")
            if let d = date, d.count != 10 || d.split(separator: "-").count != 3, let n = m.value("date") {
                error(n, "invalid date '\(d)'; expected YYYY-MM-DD")
            }
            result.append(ClaimExample(text: text, speaker: optionalString(m, "speaker"), date: date, record: optionalString(m, "record"),
                                       claim: claim, verdict: verdict, reason: optionalString(m, "reason"),
                                       objectID: optionalString(m, "object"), subject: optionalString(m, "subject"), location: location(item)))
        }
        return result
    }

    /// The pack's `objects:`: a mapping from object ids to `{kind, aliases}`.
    mutating func claimObjects(_ top: Node.Mapping) -> [ClaimObject] {
        guard let node = top.value("objects") else { return [] }
        guard let m = mapping(node, "'objects' (a mapping from object ids to kind and aliases)") else { return [] }
        var result: [ClaimObject] = []
        for (keyNode, value) in m {
            guard let id = scalarString(keyNode, "an object id") else { continue }
            checkID(id, at: keyNode)
            guard let om = mapping(value, "an object (kind and aliases)") else { continue }
            checkKeys(om, allowed: ["kind", "aliases"])
            let kind = enumValue(om, "kind", ClaimObjectKind.self) ?? .instrument
            var aliases: [String] = []
            if let a = om.value("aliases"), case .sequence(let items) = a {
                aliases = items.compactMap { scalarString($0, "an alias") }
            } else {
                error(value, "object '\(id)' needs 'aliases', a list of names")
            }
            result.append(ClaimObject(id: id, kind: kind, aliases: aliases, location: location(keyNode)))
        }
        return result
    }
}

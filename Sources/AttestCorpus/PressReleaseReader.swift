import AttestModel
import AttestText
import Foundation

/// Reads a UN Meetings Coverage press release (plain text, one paragraph per block) into statements.
///
/// Each paragraph is one statement. A paragraph that opens with an attribution ("Belgium’s
/// delegate said", "The representative of the United States said", "Selma Ennaifer, Secretary
/// for State of Tunisia, agreed") starts a speaker; a paragraph whose reporting clause is a
/// pronoun ("he continued", "Outlining recommendations in the report, she said") continues the
/// previous speaker; "Also speaking today were the representatives of A, B and C." records
/// delegations that spoke without a summary (one statement each, with empty text); everything
/// else is narrative and belongs to nobody.
public struct PressReleaseReader: DocumentReader {
    public let resolver: SpeakerResolver

    public init(resolver: SpeakerResolver = SpeakerResolver()) {
        self.resolver = resolver
    }

    public func read(_ source: SourceText) -> ReadResult {
        statements(from: source.paragraphs(), path: source.path)
    }

    /// How a press-release paragraph was attributed: the name or title the release gives the
    /// speaker, looked up in the gazetteer (certain when the name itself is the delegation's,
    /// inferred from a title such as "Secretary for State of Tunisia").
    static func basis(_ speaker: String?, _ a: Attribution) -> AttributionBasis {
        guard let speaker, let d = a.delegation, a.kind != .unknown else { return AttributionBasis(method: .none, certainty: .certain) }
        if a.kind == .presidency { return AttributionBasis(method: .presidencyEvidence, certainty: .certain, evidence: speaker) }
        let named = WordTokenizer.key(speaker).contains(WordTokenizer.key(d))
        return AttributionBasis(method: .gazetteerEntry, certainty: named ? .certain : .inferred, evidence: speaker)
    }

    /// Attributes already-extracted paragraphs (the HTML reader uses this too).
    public func statements(from paragraphs: [Paragraph], path: String) -> ReadResult {
        var result = ReadResult()
        var current: (speaker: String, attribution: Attribution)?
        for p in paragraphs where !Self.isPageFurniture(p.text) {
            func add(_ speaker: String?, _ a: Attribution, text: String) {
                result.statements.append(Statement(
                    document: path, index: result.statements.count, speaker: speaker, delegation: a.delegation, kind: a.kind,
                    iso3: a.iso3, capacity: a.capacity, onBehalfOf: a.onBehalfOf, group: a.group,
                    attribution: a.basis ?? Self.basis(speaker, a), text: text, start: p.start, end: p.end, line: p.line))
            }
            if let names = alsoSpeaking(p.text) {
                for (written, attribution) in resolveList(names) {
                    if attribution.kind == .unknown {
                        result.warnings.append(CorpusWarning(path: path, line: p.line, message: "unrecognised delegation '\(written)' in an 'also speaking' list"))
                    }
                    add("representative of \(written)", attribution, text: "")
                }
                current = nil
                continue
            }
            switch classify(p.text) {
            case .speaker(let speaker, let attribution):
                if attribution.kind == .unknown {
                    result.warnings.append(CorpusWarning(path: path, line: p.line, message: "unrecognised speaker '\(speaker)'"))
                }
                current = (speaker, attribution)
                add(speaker, attribution, text: p.text)
            case .continuation where current != nil:
                add(current!.speaker, current!.attribution, text: p.text)
            case .continuation, .narrative:
                current = nil
                add(nil, .narrative, text: p.text)
            }
        }
        return result
    }

    /// Lines of the web page that are not part of the release: the skip link and the disclaimer.
    static func isPageFurniture(_ text: String) -> Bool {
        ["Skip to main content", "For information media. Not an official record.", "For information media — not an official record."].contains(text)
    }

    enum Opening: Equatable {
        case speaker(String, Attribution)
        case continuation
        case narrative
    }

    /// How a paragraph opens.
    func classify(_ text: String) -> Opening {
        if let s = possessiveSpeaker(text) { return s }
        if let s = representativeOf(text) { return s }
        if let s = namedSpeaker(text) { return s }
        if isContinuation(text) { return .continuation }
        return .narrative
    }

    static let speakerNouns = ["delegate", "representative", "Permanent Representative", "Ambassador", "speaker",
                               "Foreign Minister", "Minister for Foreign Affairs", "Minister", "envoy", "Deputy Minister",
                               "Deputy Permanent Representative", "Vice-Minister", "President", "Prime Minister"]

    /// "Belgium’s delegate said", "France’s representative", "The United States’ representative".
    func possessiveSpeaker(_ text: String) -> Opening? {
        let head = String(text.prefix(120))
        for apostrophe in ["’s ", "'s ", "’ ", "' "] {
            guard let r = head.range(of: apostrophe) else { continue }
            let owner = String(head[..<r.lowerBound])
            let after = head[r.upperBound...]
            guard let noun = Self.speakerNouns.first(where: { after.hasPrefix($0 + " ") || after.hasPrefix($0 + ",") }) else { continue }
            guard let target = resolver.gazetteer.lookup(owner), case .entry(let d) = target else { continue }
            return .speaker(owner + apostrophe + noun, Attribution(d))
        }
        return nil
    }

    /// "The representative of the United States said", "The delegate of Saint Vincent and the Grenadines".
    func representativeOf(_ text: String) -> Opening? {
        for noun in ["representative", "delegate", "Permanent Representative", "Ambassador", "speaker", "Minister for Foreign Affairs", "Foreign Minister"] {
            for lead in ["The \(noun) of ", "The \(noun) for "] where text.hasPrefix(lead) {
                let rest = String(text.dropFirst(lead.count).prefix(160))
                guard let m = resolver.gazetteer.prefixMatch(rest), case .entry(let d) = m.target else { continue }
                let written = String(decoding: Array(rest.utf8)[0..<m.end], as: UTF8.self)
                return .speaker(lead + written, Attribution(d))
            }
        }
        return nil
    }

    /// "Name, Title[, Title][, speaking in her national capacity], said ...".
    func namedSpeaker(_ text: String) -> Opening? {
        let firstSentence = SentenceSplitter.sentences(text).first.map { r -> String in
            let u = Array(text.utf8)
            return String(decoding: u[r], as: UTF8.self)
        } ?? text
        let parts = firstSentence.components(separatedBy: ", ")
        guard parts.count >= 3, Self.looksLikePersonName(parts[0]) else { return nil }
        var titleParts: [String] = []
        var national = false
        var i = 1
        while i < parts.count - 1 {
            let part = parts[i]
            if part.hasPrefix("speaking in ") || part.hasPrefix("speaking as ") || part.hasPrefix("speaking on ") {
                if part.contains("national capacity") { national = true }
                i += 1
                continue
            }
            guard let first = part.first, first.isUppercase || first == "(" else { break }
            titleParts.append(part)
            i += 1
        }
        guard !titleParts.isEmpty, i < parts.count, let verbStart = parts[i].first, verbStart.isLowercase else { return nil }
        let title = titleParts.joined(separator: ", ")
        let speaker = parts[0]
        var attribution = resolver.resolveTitle(title) ?? .unknown
        let lowerTitle = title.lowercased()
        if lowerTitle.contains("council president") || lowerTitle.contains("president of the security council") {
            if !national && attribution.kind == .state {
                attribution = Attribution(delegation: nil, kind: .presidency, capacity: .presidency)
            }
        }
        if attribution.kind == .state, let behalf = resolver.onBehalfOf(in: text, speaker: attribution.delegation) {
            attribution.capacity = .onBehalfOf
            attribution.onBehalfOf = behalf.members
            attribution.group = behalf.group
        }
        return .speaker(speaker, attribution)
    }

    /// Two to seven words, each capitalised or an initial or a name particle; no digits.
    static func looksLikePersonName(_ s: String) -> Bool {
        guard s.count <= 60 else { return false }
        let words = s.split(separator: " ")
        guard (2...7).contains(words.count) else { return false }
        let particles: Set<String> = ["de", "da", "del", "della", "di", "do", "dos", "das", "du", "van", "von", "der", "den",
                                      "bin", "binti", "ibn", "al", "el", "la", "le", "y", "e"]
        guard let first = words.first, first.first?.isUppercase == true, !["The", "In", "At", "On", "For", "As", "Also", "While", "With", "Many", "Some"].contains(String(first)) else { return false }
        return words.allSatisfy { w in
            particles.contains(String(w)) || (w.first?.isUppercase == true && !w.contains(where: \.isNumber))
        }
    }


    static let reportingVerbs: Set<String> = [
        "said", "says", "continued", "added", "noted", "stressed", "emphasized", "emphasised", "underlined", "underscored",
        "concluded", "urged", "highlighted", "pointed", "warned", "recalled", "expressed", "welcomed", "observed", "asserted",
        "argued", "maintained", "explained", "reiterated", "cautioned", "went", "affirmed", "agreed", "declared", "insisted",
        "called", "acknowledged", "suggested", "proposed", "reported", "told", "described", "outlined", "voiced",
        "spotlighted", "drew",
    ]
    static let pronouns: Set<String> = ["he", "she", "they"]
    static let speakerNounsAfterThe: Set<String> = ["speaker", "delegate", "representative", "minister"]
    static let adverbs: Set<String> = ["also", "further", "then", "later", "therefore"]

    /// True when the paragraph's reporting clause has a pronoun or "the speaker" as its subject
    /// ("he continued", "Outlining recommendations in the report, she said", "the delegate added").
    /// Only the opening and the end of the paragraph are looked at, where press releases put the
    /// reporting clause, so a very long paragraph costs no more than a short one.
    func isContinuation(_ text: String) -> Bool {
        let head = String(text.prefix(600)), tail = text.count > 1000 ? String(text.suffix(400)) : ""
        for part in [head, tail] where !part.isEmpty {
            let words = WordTokenizer.tokens(part).map(\.folded)
            for (i, w) in words.enumerated() {
                var next = i + 1
                if Self.pronouns.contains(w) {
                    // "he said"
                } else if w == "the", next < words.count, Self.speakerNounsAfterThe.contains(words[next]) {
                    next += 1 // "the delegate added"
                } else {
                    continue
                }
                if next < words.count, Self.adverbs.contains(words[next]) { next += 1 }
                if next < words.count, Self.reportingVerbs.contains(words[next]) { return true }
            }
        }
        return false
    }

    /// The list of names in "Also speaking today were the representatives of A, B and C."
    func alsoSpeaking(_ text: String) -> String? {
        guard text.hasPrefix("Also speaking") || text.hasPrefix("Also taking the floor") || text.hasPrefix("Speaking also") else { return nil }
        for marker in ["representatives of ", "delegates of ", "representative of ", "delegations of "] {
            if let r = text.range(of: marker) {
                var list = String(text[r.upperBound...])
                while let last = list.last, last == "." || last.isWhitespace { list.removeLast() }
                return list
            }
        }
        return nil
    }

    /// Splits "Germany, Russian Federation and the United Kingdom" into resolved delegations,
    /// keeping any part that is not a known name as `unknown`.
    func resolveList(_ list: String) -> [(String, Attribution)] {
        var result: [(String, Attribution)] = []
        let mentions = resolver.gazetteer.mentions(in: list)
        let bytes = Array(list.utf8)
        var cursor = 0
        func leftover(_ upTo: Int) {
            guard cursor < upTo else { return }
            let gap = String(decoding: bytes[cursor..<upTo], as: UTF8.self)
            for piece in gap.components(separatedBy: CharacterSet(charactersIn: ",;")).flatMap({ $0.components(separatedBy: " and ") }) {
                var name = piece.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
                if name.hasPrefix("and ") { name.removeFirst(4) }
                if name.hasPrefix("the ") { name.removeFirst(4) }
                if !name.isEmpty, name != "and", name != "the" { result.append((name, .unknown)) }
            }
        }
        for m in mentions {
            leftover(m.start)
            let written = String(decoding: bytes[m.start..<m.end], as: UTF8.self)
            switch m.target {
            case .entry(let d): result.append((written, Attribution(d)))
            case .group(let g): result.append((written, Attribution(delegation: g.name, kind: .unknown, capacity: nil)))
            }
            cursor = m.end
        }
        leftover(bytes.count)
        return result
    }
}

import AttestModel
import AttestText
import Foundation

/// Reads a Security Council verbatim record (S/PV) with one speech per paragraph, each opening
/// with a speaker header: `Mr. X (Country):`, `Mrs. X (Country) (spoke in French):`,
/// `The President:`, `The Secretary-General:`, or a briefer's name with no country.
///
/// - A country in parentheses is looked up in the gazetteer, tolerating small OCR errors
///   ("C6te d'Ivoire").
/// - The President speaks for a State only when the speech says so ("in my capacity as the
///   representative of Viet Nam"); otherwise the turn is procedural (kind `presidency`).
/// - A briefer named only by surname is identified from the President's invitations in the same
///   record ("I invite Mr. Mark Lowcock, Under-Secretary-General for Humanitarian Affairs and
///   Emergency Relief Coordinator, to participate") and is never taken for a State.
/// - "On behalf of" a group or of other States in the opening of a speech is recorded, with the
///   named members.
/// - OCR that moved words of the speech into the header (`The President (spoke I thank
///   Mr. Voronkov for his briefing. in French):`) is repaired: the words go back to the text.
public struct VerbatimRecordReader: DocumentReader {
    public let resolver: SpeakerResolver
    /// Meeting dates and monthly presidencies, when available.
    public let facts: AttributionFacts

    public init(resolver: SpeakerResolver = SpeakerResolver(), facts: AttributionFacts = AttributionFacts()) {
        self.resolver = resolver
        self.facts = facts
    }

    /// A parsed speaker header.
    struct Header: Equatable {
        var speaker: String
        var country: String?
        var language: String?
        /// Words of the speech that OCR moved into the header.
        var displaced: String?
        /// UTF-8 length of the header including its colon.
        var length: Int
    }

    static let languages = ["English", "French", "Russian", "Arabic", "Chinese", "Spanish"]

    static func isPresident(_ speaker: String) -> Bool {
        speaker.hasSuffix("President") && (speaker.hasPrefix("The ") || speaker.hasPrefix("Mr. ") || speaker.hasPrefix("Madam ") || speaker.hasPrefix("The Acting"))
    }

    /// The date of the record: its cover date when the text has one, else the meetings table's row
    /// for the symbol (from the file name, else the text).
    func date(of source: SourceText) -> (date: String, basis: String)? {
        if let cover = DocumentDate.verbatimCover(source.text) { return (cover.date, "\(source.path):\(source.line(at: cover.at))") }
        guard let meetings = facts.meetings,
              let id = MeetingIdentity.fromFileName(source.path) ?? MeetingIdentity.fromText(source.text),
              let m = meetings.meeting(symbol: id.symbol, part: id.part) else { return nil }
        return (m.date, m.row.location)
    }

    public func read(_ source: SourceText) -> ReadResult {
        var result = ReadResult()
        let paragraphs = source.paragraphs()
        let parsed = paragraphs.map { p in (p, Self.header(p.text)) }
        let texts = parsed.map { p, h in h.map { Self.speechText(p.text, $0) } ?? p.text }
        // the President's turns, by their index in the record: their invitations, and the committees they name
        let presidentTurns = parsed.indices.filter { parsed[$0].1?.speaker.hasPrefix("The President") ?? false }
        var briefers = briefers(in: presidentTurns.map { texts[$0] })
        // a resumption's briefers were invited in the earlier parts of the meeting
        for (k, v) in earlierPartsBriefers(source.path) where briefers[k] == nil { briefers[k] = v }
        let dated = date(of: source)
        result.date = dated?.date
        let turns = parsed.enumerated().map { i, ph -> (isPresident: Bool, headerState: Delegation?, text: String) in
            let h = ph.1
            let state = h?.country.flatMap { c -> Delegation? in
                if case .entry(let d)? = resolver.gazetteer.lookupTolerant(c), d.kind == .state { return d }
                return nil
            }
            return (h.map { Self.isPresident($0.speaker) } ?? false, state, texts[i])
        }
        let (presidency, _) = PresidencyResolver(resolver: resolver).decide(turns: turns, date: dated?.date, presidencies: facts.presidencies)
        result.presidency = presidency

        for (i, (p, header)) in parsed.enumerated() {
            let text = texts[i]
            var attribution: Attribution
            var speaker: String?
            if let h = header {
                speaker = h.speaker
                attribution = attribute(h, text: text, briefers: briefers, presidency: presidency, record: texts,
                                        presidentTurns: presidentTurns)
                if attribution.kind == .unknown {
                    let what: String
                    if Self.isPresident(h.speaker) {
                        what = "statement \(i) ('\(h.speaker)') speaks in a national capacity but the presiding State is unknown: \(presidency.reason ?? "no evidence")"
                    } else {
                        what = h.country.map { "statement \(i): unrecognised delegation '\($0)' for '\(h.speaker)'" } ?? "statement \(i): cannot tell whom '\(h.speaker)' speaks for"
                    }
                    result.warnings.append(CorpusWarning(path: source.path, line: p.line, message: what))
                }
            } else {
                speaker = nil
                attribution = Attribution.unknown.with(.none, .certain)
                result.warnings.append(CorpusWarning(path: source.path, line: p.line, message: "statement \(i): paragraph has no speaker header"))
            }
            var basis = attribution.basis
            // offsets of an evidence sentence of the record, in the file
            if let b = basis, let k = b.evidenceStatement, k < paragraphs.count, let e = b.evidence,
               let r = paragraphs[k].text.range(of: e) {
                let para = paragraphs[k]
                let at = para.text.utf8.distance(from: para.text.startIndex, to: r.lowerBound)
                if !para.text.contains("\n") && para.end - para.start == para.text.utf8.count {
                    basis?.evidenceStart = para.start + at
                    basis?.evidenceEnd = para.start + at + e.utf8.count
                }
            }
            result.statements.append(Statement(
                document: source.path, index: i, speaker: speaker, delegation: attribution.delegation, kind: attribution.kind,
                iso3: attribution.iso3, capacity: attribution.capacity, onBehalfOf: attribution.onBehalfOf, group: attribution.group,
                language: header?.language, date: dated?.date, attribution: basis, text: text, start: p.start, end: p.end, line: p.line))
        }
        return result
    }

    func attribute(_ h: Header, text: String, briefers: [String: String], presidency: PresidencyDecision, record: [String],
                   presidentTurns: [Int]) -> Attribution {
        var attribution: Attribution
        // a sanctions-committee chair's briefing is the committee's, even from a delegate or the President
        if let (committee, sentence) = Self.chairedCommittee(text) {
            return Attribution(delegation: committee, kind: .unEntity, capacity: .official)
                .with(.speechText, .certain, evidence: sentence)
        }
        // the same briefing when the speech says only that it reports on "the work of the Committee"
        // and the President's turn names the committee the speaker chairs or speaks for
        if Self.reportsOnCommittee(text), let (committee, sentence, k) = Self.committeeNamedByPresident(for: h.speaker, in: record, turns: presidentTurns) {
            return Attribution(delegation: committee, kind: .unEntity, capacity: .official,
                               basis: AttributionBasis(method: .invitationList, certainty: .certain, evidence: sentence, evidenceStatement: k))
        }
        if let country = h.country {
            guard let target = resolver.gazetteer.lookupTolerant(country), case .entry(let d) = target else { return Attribution.unknown.with(.none, .certain) }
            attribution = Attribution(d).with(.headerCountry, .certain, evidence: country)
        } else if Self.isPresident(h.speaker) {
            let pr = PresidencyResolver(resolver: resolver)
            let own = pr.ownState(inPresidentTurn: text)
            let switches = PresidencyResolver.sentences(text).first { PresidencyResolver.isNationalSwitch($0.0) }
            if let (state, sentence, _) = own {
                // the turn names its State, but the record part's evidence conflicts (two States, or the month's row)
                guard presidency.state == state else {
                    return Attribution.unknown.with(.presidencyEvidence, .certain, evidence: sentence)
                }
                attribution = Attribution(state, basis: AttributionBasis(method: .presidencyEvidence, certainty: .certain, evidence: sentence,
                                                                         evidenceStatement: record.firstIndex(of: text)))
            } else if let (sentence, _) = switches {
                guard let state = presidency.state, var basis = presidency.basis else {
                    return Attribution.unknown.with(.none, .certain, evidence: sentence)
                }
                // the turn's own switch sentence, the State from the record's presidency evidence (or the month's row)
                if basis.method == .factsRow { basis.evidence = "\(basis.evidence ?? ""); \(sentence)" } else { basis.certainty = .inferred }
                attribution = Attribution(state, basis: basis)
            } else {
                return Attribution.presidency.with(.presidencyEvidence, .certain, evidence: String(text.prefix(120)))
            }
        } else if let target = resolver.gazetteer.lookup(h.speaker), case .entry(let d) = target {
            attribution = Attribution(d).with(.gazetteerEntry, .certain, evidence: h.speaker) // "The Secretary-General"
        } else if let title = briefer(h.speaker, in: briefers), let a = resolver.resolveTitle(title) {
            attribution = a.with(.invitationList, .inferred, evidence: title)
        } else if let body = speaksFor(text) {
            return body.with(.speechText, .inferred)
        } else if Self.headOfState(h.speaker) != nil, let d = stateOfHeadOfState(h.speaker, record: record) {
            attribution = Attribution(d).with(.speechText, .inferred, evidence: h.speaker)
        } else {
            return Attribution.unknown.with(.none, .certain)
        }
        if attribution.kind == .organization, let d = attribution.delegation, let members = speaksForMembers(text, organization: d) {
            attribution.capacity = .onBehalfOf
            attribution.onBehalfOf = [members]
            attribution.group = d
            return attribution
        }
        // a President speaks for a group only when the capacity sentence says so ("in my capacity as representative of South
        // Africa and on behalf of the African members"), not for a passage inside a national statement
        let presidentGroup = !Self.isPresident(h.speaker) || (attribution.basis?.evidence?.lowercased().contains("on behalf of") ?? false)
        if attribution.kind == .state, presidentGroup, let behalf = resolver.onBehalfOf(in: text, speaker: attribution.delegation) {
            attribution.capacity = .onBehalfOf
            attribution.onBehalfOf = behalf.members
            attribution.group = behalf.group
        } else if attribution.kind == .state, !Self.isPresident(h.speaker), let state = attribution.delegation,
                  let members = resolver.jointly(in: text, state: state) {
            attribution.capacity = .onBehalfOf
            attribution.onBehalfOf = members
        }
        return attribution
    }

    /// "I have the honour to speak on (the) behalf of the European Union (EU) and its member States":
    /// an organization speaking for its members, in the opening sentence; the value is the
    /// group's wording ("European Union and its member States"), since the speech names no member.
    func speaksForMembers(_ text: String, organization: String) -> String? {
        let opening = String(text.prefix(300))
        guard let r = opening.range(of: "behalf of ") else { return nil }
        let clause = String(opening[r.upperBound...])
        let sentence = clause.components(separatedBy: ". ").first ?? clause
        guard sentence.lowercased().contains("and its member states"),
              let m = resolver.gazetteer.prefixMatch(sentence), case .entry(let d) = m.target, d.name == organization else { return nil }
        return organization + " and its member States"
    }

    /// "I have the honour to brief the members of the Council in my capacity as Chair of the Security
    /// Council Committee established pursuant to resolution 2374 (2017) concerning Mali" in the
    /// opening of a speech: the committee's name as the record writes it ("established" restored
    /// and the comma before "concerning" dropped when the record leaves them out), and the sentence.
    static func chairedCommittee(_ text: String) -> (String, String)? {
        let opening = String(text.prefix(700))
        guard let r = opening.range(of: "in my capacity as Chair of the Security Council Committee ") else { return nil }
        var name = String(opening[opening.index(r.lowerBound, offsetBy: "in my capacity as Chair of the ".count)...])
        if let end = name.range(of: ". ") { name = String(name[..<end.lowerBound]) }
        guard let committee = committeeName(name) else { return nil }
        let start = opening[..<r.lowerBound].range(of: ". ", options: .backwards)?.upperBound ?? opening.startIndex
        var sentence = String(opening[start...])
        if let end = sentence.range(of: ". ") { sentence = String(sentence[..<end.upperBound]).trimmingCharacters(in: .whitespaces) }
        return (committee, sentence)
    }

    /// A committee's name as the record writes it, from the words after "Chair of the" up to the
    /// end of its clause: trimmed, "established" restored and the comma before "concerning"
    /// dropped when the record leaves them out; nil unless it names the resolution it was
    /// established by (and is short enough to be a name).
    static func committeeName(_ words: String) -> String? {
        let name = words.trimmingCharacters(in: CharacterSet(charactersIn: ".: "))
        guard name.contains("pursuant to resolution"), name.count < 160 else { return nil }
        return name.replacingOccurrences(of: "Committee pursuant to", with: "Committee established pursuant to")
            .replacingOccurrences(of: "), concerning ", with: ") concerning ")
    }

    /// "I have the honour to report to the Security Council on the work of the Committee established
    /// pursuant to …" in the opening sentence of a speech: a chair's report on a Council committee,
    /// whose name the speech may leave to the President ("the same resolution").
    static func reportsOnCommittee(_ text: String) -> Bool {
        let opening = text.prefix(400)
        let first = opening.range(of: ". ").map { opening[..<$0.lowerBound] } ?? opening
        return first.contains("to the Security Council on the work of the Committee ")
            || first.contains("to the Security Council on the work of the Security Council Committee ")
    }

    /// The Council committee that a President's turn says `speaker` chairs or speaks for ("I give
    /// the floor to Mr. Mathias Licharz, speaking on behalf of the Chair of the Security Council
    /// Committee established pursuant to resolution 1970 (2011), concerning Libya"; "…, in her
    /// capacity as Chair of the Security Council Committee established pursuant to resolution 2140
    /// (2014)"): its name (`committeeName`), the President's sentence, and the turn's
    /// index in the record. The sentence must name the speaker's surname as a word ("King", not
    /// "United Kingdom"); the first such turn of the record decides.
    static func committeeNamedByPresident(for speaker: String, in record: [String], turns: [Int]) -> (String, String, Int)? {
        guard let surname = WordTokenizer.tokens(strippingHonorific(speaker)).last?.folded, surname.count > 1 else { return nil }
        for k in turns where k < record.count {
            let text = record[k]
            guard text.contains("Chair of the Security Council Committee ") else { continue }
            for (sentence, _) in PresidencyResolver.sentences(text) where WordTokenizer.tokens(sentence).contains(where: { $0.folded == surname }) {
                guard let r = sentence.range(of: "Chair of the Security Council Committee ") else { continue }
                var name = String(sentence[sentence.index(r.lowerBound, offsetBy: "Chair of the ".count)...])
                // "…, for his briefing", "… and Mr. X, …": the name ends at the sentence's end or before another clause
                for stop in [", for ", " for his ", " for her ", " for their ", "; ", " and Mr. ", " and Ms. ", " and Mrs. "] {
                    if let e = name.range(of: stop) { name = String(name[..<e.lowerBound]) }
                }
                guard let committee = committeeName(name) else { continue }
                return (committee, sentence.trimmingCharacters(in: .whitespaces), k)
            }
        }
        return nil
    }

    /// The invitations of the earlier parts of a resumed meeting, read from the files beside this
    /// one (`S-PV-8699.txt` and `S-PV-8699-Resumption-1.txt` for `S-PV-8699-Resumption-2.txt`).
    func earlierPartsBriefers(_ path: String) -> [String: String] {
        guard let id = MeetingIdentity.fromFileName(path), id.part.hasPrefix("Resumption "), let k = Int(id.part.dropFirst("Resumption ".count)) else { return [:] }
        let dir = (path as NSString).deletingLastPathComponent
        let base = "S-PV-" + id.symbol.dropFirst("S/PV.".count)
        let names = [base + ".txt"] + (1..<max(1, k)).map { "\(base)-Resumption-\($0).txt" }
        var result: [String: String] = [:]
        for name in names {
            guard let earlier = try? SourceText.load(path: (dir as NSString).appendingPathComponent(name)) else { continue }
            let turns = earlier.paragraphs().compactMap { p -> String? in
                guard let h = Self.header(p.text), h.speaker.hasPrefix("The President") else { return nil }
                return Self.speechText(p.text, h)
            }
            for (key, title) in briefers(in: turns) where result[key] == nil { result[key] = title }
        }
        return result
    }

    /// The organization or UN entity a briefer says they speak for ("I am honoured to brief this
    /// meeting on behalf of the European Union"), for records without an invitation.
    func speaksFor(_ text: String) -> Attribution? {
        guard let behalf = resolver.onBehalfOf(in: text, speaker: nil), behalf.members.count == 1,
              let target = resolver.gazetteer.lookup(behalf.members[0]), case .entry(let d) = target, d.kind != .state else { return nil }
        return Attribution(d)
    }

    /// The State of a head of State ("President Abbas", "King Philippe"): the first State named in a
    /// sentence of the record that names them ("His Majesty King Philippe, King of the Belgians, who
    /// will make a statement on behalf of the Kingdom of Belgium").
    func stateOfHeadOfState(_ speaker: String, record: [String]) -> Delegation? {
        guard let surname = WordTokenizer.tokens(speaker).last?.folded else { return nil }
        for text in record {
            let words = WordTokenizer.tokens(text)
            guard words.contains(where: { $0.folded == surname }) else { continue }
            let bytes = Array(text.utf8)
            for r in SentenceSplitter.sentences(text) {
                let sentence = String(decoding: bytes[r], as: UTF8.self)
                guard WordTokenizer.tokens(sentence).contains(where: { $0.folded == surname }) else { continue }
                for m in resolver.gazetteer.mentions(in: sentence) {
                    if case .entry(let d) = m.target, d.kind == .state { return d }
                }
            }
        }
        return nil
    }

    static func headOfState(_ speaker: String) -> String? {
        ["President ", "King ", "Queen ", "Prime Minister ", "Emir ", "Sheikh "].first { speaker.hasPrefix($0) }
    }

    /// The title the invitations give for a speaker header such as "Mr. Ruiz Massieu".
    func briefer(_ speaker: String, in briefers: [String: String]) -> String? {
        let name = Self.strippingHonorific(speaker)
        let key = WordTokenizer.key(name)
        guard !key.isEmpty else { return nil }
        // the invitation gives the full name ("James Swan, Special Representative … and Head of the United Nations
        // Assistance Mission in Somalia"); a later thanks by surname may give a shorter title, so the full name wins
        let matches = briefers.filter { $0.key.hasSuffix(" " + key) }
        if matches.count == 1 { return matches.first!.value }
        return briefers[key]
    }

    static let honorifics = ["Mr.", "Ms.", "Mrs.", "Miss", "Dr.", "Monsignor", "Archbishop", "Bishop", "Sir", "Dame",
                             "His Excellency", "Her Excellency", "Professor", "Prof.", "Judge", "General", "Lieutenant General"]

    static func strippingHonorific(_ s: String) -> String {
        var name = s.trimmingCharacters(in: .whitespaces)
        var changed = true
        while changed {
            changed = false
            for h in honorifics where name.hasPrefix(h + " ") {
                name = String(name.dropFirst(h.count + 1))
                changed = true
            }
        }
        return name
    }

    /// Full names → titles, from the President's invitations ("I invite Mr. Mark Lowcock,
    /// Under-Secretary-General for ..., to participate").
    func briefers(in presidentTexts: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for text in presidentTexts {
            let lower = text.lowercased()
            guard lower.contains("invite") || lower.contains("welcome") || lower.contains("give the floor") || lower.contains("brief") else { continue }
            // each honorific starts a candidate "Name, title" segment
            for piece in Self.personSegments(text) {
                guard let comma = piece.range(of: ", ") else { continue }
                let name = String(piece[..<comma.lowerBound])
                guard PressReleaseReader.looksLikePersonName(name) || name.split(separator: " ").count == 1 else { continue }
                var title = String(piece[comma.upperBound...])
                for stop in [", to participate", " to participate", ", to brief", " to brief", ";", ". ", ", and ", " and Mr.", " and Ms.", " and Mrs.",
                             " Mr. ", " Ms. ", " Mrs. ", " Dr. "] {
                    if let r = title.range(of: stop) { title = String(title[..<r.lowerBound]) }
                }
                title = title.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".,")))
                // "… Research Institute Mr. Madeira is joining": the next person's honorific is not the title's
                for h in [" Mr", " Ms", " Mrs", " Dr"] where title.hasSuffix(h) { title = String(title.dropLast(h.count)) }
                guard let first = title.first, first.isUppercase || first == "(", title.count > 3,
                      !["Mr.", "Ms.", "Mrs.", "Miss ", "His ", "Her "].contains(where: { title.hasPrefix($0) }) else { continue }
                let key = WordTokenizer.key(name)
                if result[key] == nil { result[key] = title }
            }
        }
        return result
    }

    /// The text after each honorific ("Mr.", "Her Excellency Ms.", "Dato") in an invitation.
    static func personSegments(_ text: String) -> [String] {
        var segments: [String] = []
        let markers = ["Mr. ", "Ms. ", "Mrs. ", "Miss ", "Dr. ", "Monsignor ", "Dato ", "Datuk ", "Sir ", "Dame ", "Judge ", "Professor ", "General "]
        // a marker can start only at a character that begins one ("M", "D", …): elsewhere none is asked
        let initials = Set(markers.compactMap(\.first))
        var i = text.startIndex
        while i < text.endIndex {
            if initials.contains(text[i]), let m = markers.first(where: { text[i...].hasPrefix($0) }),
               i == text.startIndex || !text[text.index(before: i)].isLetter {
                let start = text.index(i, offsetBy: m.hasPrefix("Dato") || m.hasPrefix("Datuk") ? 0 : m.count)
                segments.append(String(text[start...].prefix(400)))
                i = text.index(i, offsetBy: m.count)
            } else {
                i = text.index(after: i)
            }
        }
        return segments
    }

    /// Parses the header at the start of a paragraph, or nil when there is none.
    static func header(_ text: String) -> Header? {
        guard let colon = text.prefix(260).firstIndex(of: ":") else { return nil }
        var head = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let length = text.utf8.distance(from: text.utf8.startIndex, to: colon.samePosition(in: text.utf8) ?? text.utf8.startIndex) + 1
        var country: String?
        var language: String?
        var displaced: String?
        // peel parenthesised groups off the end, respecting nesting ("Venezuela (Bolivarian Republic of)")
        while head.hasSuffix(")") {
            var depth = 0
            var open: String.Index?
            var k = head.index(before: head.endIndex)
            while true {
                if head[k] == ")" { depth += 1 } else if head[k] == "(" {
                    depth -= 1
                    if depth == 0 { open = k; break }
                }
                if k == head.startIndex { break }
                k = head.index(before: k)
            }
            guard let o = open else { break }
            let inner = String(head[head.index(after: o)..<head.index(before: head.endIndex)]).trimmingCharacters(in: .whitespaces)
            head = String(head[..<o]).trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("spoke") {
                // "spoke in French", or OCR's "spoke I thank Mr. X for his briefing. in French"
                if let l = languages.first(where: { inner.hasSuffix(" in \($0)") || inner.hasSuffix(" in \($0.lowercased())") }) {
                    language = l
                    let middle = inner.dropFirst("spoke".count).dropLast(" in \(l)".count).trimmingCharacters(in: .whitespaces)
                    if !middle.isEmpty && middle != "in" { displaced = middle }
                } else {
                    language = inner.components(separatedBy: " ").last
                }
            } else if country == nil {
                country = inner
            }
        }
        guard !head.isEmpty, head.count <= 80, head.first?.isUppercase == true else { return nil }
        // a header is a name, not a sentence
        let words = head.split(separator: " ")
        guard words.count <= 8, !head.contains(". ") || isTitledName(head) else { return nil }
        return Header(speaker: head, country: country, language: language, displaced: displaced, length: length)
    }

    static func isTitledName(_ s: String) -> Bool {
        ["Mr. ", "Ms. ", "Mrs. ", "Dr. ", "St. "].contains { s.hasPrefix($0) } && s.components(separatedBy: ". ").count == 2
    }

    /// The speech without its header, with any displaced words put back in front.
    static func speechText(_ paragraph: String, _ h: Header) -> String {
        let utf8 = paragraph.utf8
        let rest = trimmingWhitespaces(Array(utf8)[min(h.length, utf8.count)...])
        guard let d = h.displaced else { return rest }
        return d + " " + rest
    }

    /// The bytes as a String without the whitespace at its ends, as `trimmingCharacters(in:
    /// .whitespaces)` gives it. Spaces and tabs are taken off as bytes; when what remains starts
    /// and ends with another ASCII character, that is where Foundation's trimming stops too
    /// (it takes off Unicode scalars of its set, and no other ASCII character is in it), so
    /// Foundation is asked only when an end is not ASCII (a no-break space, say).
    static func trimmingWhitespaces(_ bytes: ArraySlice<UInt8>) -> String {
        var b = bytes
        while let f = b.first, f == 0x20 || f == 0x09 { b.removeFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
        guard let f = b.first, let l = b.last else { return "" }
        if f < 0x80 && l < 0x80 { return String(decoding: b, as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}

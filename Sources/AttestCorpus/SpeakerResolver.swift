import AttestFormats
import AttestModel
import AttestText
import Foundation

/// Who a speaker stands for, as worked out from a name, a title or the speech itself.
public struct Attribution: Sendable, Equatable {
    public var delegation: String?
    public var kind: SpeakerKind
    public var iso3: String?
    public var capacity: Capacity?
    public var onBehalfOf: [String] = []
    public var group: String?
    /// How it was decided.
    public var basis: AttributionBasis?

    public init(delegation: String?, kind: SpeakerKind, iso3: String? = nil, capacity: Capacity?,
                onBehalfOf: [String] = [], group: String? = nil, basis: AttributionBasis? = nil) {
        self.delegation = delegation
        self.kind = kind
        self.iso3 = iso3
        self.capacity = capacity
        self.onBehalfOf = onBehalfOf
        self.group = group
        self.basis = basis
    }

    /// The same attribution with its basis.
    public func with(_ method: AttributionBasis.Method, _ certainty: AttributionBasis.Certainty, evidence: String? = nil) -> Attribution {
        var a = self
        a.basis = AttributionBasis(method: method, certainty: certainty, evidence: evidence)
        return a
    }

    public static let narrative = Attribution(delegation: nil, kind: .narrative, capacity: nil)
    public static let presidency = Attribution(delegation: nil, kind: .presidency, capacity: .presidency)
    public static let unknown = Attribution(delegation: nil, kind: .unknown, capacity: nil)

    /// A delegation of the gazetteer speaking for itself (States) or as an official (others).
    public init(_ d: Delegation, basis: AttributionBasis? = nil) {
        self.init(delegation: d.name, kind: d.kind.speakerKind, iso3: d.iso3,
                  capacity: d.kind == .state ? .national : .official, basis: basis)
    }
}

/// The attribution logic shared by the readers: titles, "on behalf of" clauses and the
/// President's national capacity.
public struct SpeakerResolver: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .standard) {
        self.gazetteer = gazetteer
    }

    /// The delegation a person's title names: "Minister for Foreign Affairs of Indonesia" → Indonesia,
    /// "Executive Director of the United Nations Office on Drugs and Crime (UNODC)" → UNODC,
    /// "Secretary-General of the Association of Southeast Asian Nations" → ASEAN.
    ///
    /// A title of a State office (Minister, Ambassador, Permanent Representative, Secretary for
    /// State, Head of State) names the State; otherwise the most specific organization or UN
    /// entity named wins (the last one named, and the generic "Secretary-General" only when
    /// nothing else is named); a UN title that names no known entity gives "United Nations
    /// Secretariat"; any other title with "of ORGANIZATION" gives a civil-society organization.
    public func resolveTitle(_ title: String) -> Attribution? {
        // "Permanent Representative of Brazil …, in his capacity as Chair of the Guinea-Bissau configuration of the
        // Peacebuilding Commission": the capacity the speaker is invited in, when it names a body
        for marker in ["in his capacity as ", "in her capacity as ", "in their capacity as ", "on behalf of the Chair of "] {
            if let r = title.range(of: marker) {
                let capacity = String(title[r.upperBound...])
                if let a = resolveTitle(marker.hasPrefix("on behalf") ? "Chair of " + capacity : capacity), a.kind != .state,
                   a.kind != .civilSociety { return a }
            }
        }
        let mentions = gazetteer.mentions(in: title).compactMap { m -> Delegation? in
            if case .entry(let d) = m.target { return d } else { return nil }
        }
        let lower = title.lowercased()
        if let state = stateOfOffice(title) { return Attribution(state) }
        var bodies = mentions.filter { $0.kind != .state }
        if bodies.isEmpty { bodies = despacedBodies(title) }
        let generic = "Secretary-General of the United Nations"
        if let specific = bodies.last(where: { $0.name != generic }) { return Attribution(specific) }
        if let sg = bodies.first { return Attribution(sg) }
        if lower.contains("united nations") || lower.contains("secretary-general") || lower.contains("secretary general") {
            return Attribution(delegation: "United Nations Secretariat", kind: .unEntity, capacity: .official)
        }
        if let org = organization(inTitle: title) {
            // a treaty's review conference is a conference of its States parties, not civil society
            let conference = org.contains("Conference of the Parties") || org.contains("Review Conference")
            return Attribution(delegation: org, kind: conference ? .organization : .civilSociety, capacity: .official)
        }
        return nil
    }

    static let stateOffices = ["minister", "ambassador", "permanent representative", "secretary for state", "secretary of state",
                               "president", "king", "queen", "emir", "prime minister", "chargé d'affaires", "charge d'affaires",
                               "head of state", "deputy representative", "delegate", "representative", "vice-president"]

    /// The State of a State office: "Minister for Foreign Affairs of Indonesia and Council President",
    /// "Secretary for State of Tunisia", "Permanent Representative of Chile to the United Nations" —
    /// the office's first "of" must be followed directly by the State, so that "President of the
    /// Commission ... of Colombia" is not Colombia.
    func stateOfOffice(_ title: String) -> Delegation? {
        guard let of = title.range(of: " of ") else { return nil }
        let office = title[..<of.lowerBound].lowercased()
        guard Self.stateOffices.contains(where: { office.contains($0) }), !office.contains("secretary-general") else { return nil }
        guard let m = gazetteer.prefixMatch(String(title[of.upperBound...])), case .entry(let d) = m.target, d.kind == .state else { return nil }
        return d
    }

    /// Organizations and UN entities whose names appear in the title with their spaces lost to OCR
    /// ("International Committeeof the Red Cross").
    func despacedBodies(_ title: String) -> [Delegation] {
        let squeezed = WordTokenizer.tokens(title).map(\.folded).joined()
        guard squeezed.count >= 12 else { return [] }
        return gazetteer.entries.filter { d in
            guard d.kind != .state else { return false }
            let name = WordTokenizer.tokens(d.name).map(\.folded).joined()
            return name.count >= 12 && squeezed.contains(name)
        }.sorted { $0.name.count > $1.name.count }.prefix(1).map { $0 }
    }

    /// The organization a non-UN title names, told apart from the title by structure: the object
    /// of the role's first "of"/"at" ("Director of the Stockholm International Peace Research
    /// Institute"), past a body's sub-unit ("Chair of the Advisory Board of Watchlist on Children
    /// and Armed Conflict" → "Watchlist on Children and Armed Conflict"), without a second role
    /// ("Member of the Municipal Association of Women and defender of …") or a trailing place
    /// ("Foundation for Human Rights in South Africa" → "Foundation for Human Rights"). When that
    /// object is a single word naming a function ("Deputy Director of Operations, Conflict
    /// Armament Research"), the organization is the next comma-separated part.
    func organization(inTitle title: String) -> String? {
        let parts = title.components(separatedBy: ", ")
        var role = parts.first ?? title
        // a second role joined by "and" ("… and defender of …")
        if let r = role.range(of: #" and [a-z][a-z-]+ (of|at) "#, options: .regularExpression) { role = String(role[..<r.lowerBound]) }
        var best: Substring?
        var earliest = role.endIndex
        for marker in [" of the ", " of ", " at the ", " at "] {
            guard let r = role.range(of: marker), r.lowerBound < earliest else { continue }
            let rest = role[r.upperBound...]
            if let first = rest.first, first.isUppercase || first.isNumber {
                best = rest
                earliest = r.lowerBound
            }
        }
        guard var org = best.map({ String($0).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }) else { return nil }
        for unit in ["Advisory Board of ", "Board of Directors of ", "Board of Trustees of ", "Executive Board of ", "Steering Committee of "] {
            if org.hasPrefix(unit) { org = String(org.dropFirst(unit.count)).replacingOccurrences(of: "the ", with: "", options: .anchored) }
        }
        if !org.contains(" "), parts.count > 1 {
            let next = parts[1].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            let titleWords = ["Director", "Chair", "Trustee", "President", "Head", "Member", "Founder", "Adviser", "Advisor", "Coordinator",
                              "Executive", "Secretary", "Representative", "Envoy", "Commissioner", "Professor", "Deputy", "Chief", "Senior", "Vice"]
            if let w = next.split(separator: " ").first, w.first?.isUppercase == true, !titleWords.contains(String(w)) { org = next }
        }
        for place in [" in ", " of "] {
            if let r = org.range(of: place, options: .backwards),
               let m = gazetteer.prefixMatch(String(org[r.upperBound...])), case .entry(let d) = m.target, d.kind == .state,
               m.end == org[r.upperBound...].utf8.count {
                org = String(org[..<r.lowerBound])
            }
        }
        return org.isEmpty ? nil : org
    }

    /// The clause of an "on behalf of" statement in the opening of a speech, with the States and
    /// groups it names. Only the first 600 characters are searched and only a clause that says the
    /// statement is delivered for others ("I have the honour to speak on behalf of", "I make this
    /// statement on behalf of"), not "I thank you on behalf of my Government".
    /// - Parameters:
    ///   - text: the speech.
    ///   - speaker: the speaker's own delegation; a clause naming only it is not "on behalf of".
    /// True when the opening of the text (its first 600 characters, where "on behalf of" is
    /// looked for) can contain "behalf" in any case. When its first 1,200 bytes are ASCII, the
    /// opening lies within them (a character is one byte, or two for CR LF) and only they are
    /// searched; otherwise the whole text is, and a "behalf" found is counted only when its last
    /// letter lies in the opening (its byte offset below 600, which no text of more than 600
    /// bytes before it can have, or below the byte offset of the 600th character, counted only
    /// then). "behalf" is looked for by `ASCIISearch` (its "h" and "f" sixteen places at a time).
    ///
    /// Exact for what `onBehalfOfUnfiltered` can find: it searches the lowercased opening for
    /// "on behalf of", all ASCII, which only ASCII letters lowercase to, so the opening's own
    /// bytes hold "behalf" in some case.
    /// `text.lowercased()`, with ASCII lowercased byte by byte: the standard library maps every
    /// scalar of a text that is not all ASCII through its Unicode properties (in UN texts, with a
    /// no-break space in most sentences, that is nearly every text), about 360,000 instructions
    /// for an opening of 600 characters. Each other scalar is mapped as it maps it
    /// (`lowercaseMapping`, scalar by scalar, no context), so the result is the same String.
    static func lowercased(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            if u.isASCII {
                let c = UInt8(truncatingIfNeeded: u.value)
                out.append(c &- 0x41 < 26 ? c | 0x20 : c)
            } else {
                out.append(contentsOf: u.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func mentionsBehalf(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { whole in
            let head = min(whole.count, 1_200)
            let ascii = JSONBytes.isASCII(UnsafeBufferPointer(rebasing: whole[0..<head]))
            let b = ascii ? UnsafeBufferPointer(rebasing: whole[0..<head]) : whole
            // bytes of the opening when the text is not ASCII (computed at most once, when needed)
            var openingEnd: Int? = nil
            func inOpening(_ last: Int) -> Bool {
                if ascii || last < 600 { return true }
                if openingEnd == nil {
                    let end = text.index(text.startIndex, offsetBy: 600, limitedBy: text.endIndex) ?? text.endIndex
                    openingEnd = text.utf8.distance(from: text.startIndex, to: end)
                }
                return last < openingEnd!
            }
            // the first "behalf" in any case ends in the opening, or none does
            guard let at = ASCIISearch.first("behalf", in: b, comparing: 2, 5) else { return false }
            return inOpening(at + 5)
        }
    }

    public func onBehalfOf(in text: String, speaker: String?) -> (members: [String], group: String?)? {
        // most statements never say "behalf" near their start: a byte scan decides before any String work
        guard Self.mentionsBehalf(text) else { return nil }
        return onBehalfOfUnfiltered(in: text, speaker: speaker)
    }

    /// "The United Kingdom, together with Belgium, Estonia, France, Germany and the United States of
    /// America, would like to raise an objection …": a speech whose opening sentence starts with the
    /// speaker's own State and adds others "together with" it speaks for them all. The members in
    /// the sentence's order (the speaker's State first); nil unless every name of the list is a
    /// State and there is at least one besides the speaker's. ("We, together with our partners" or
    /// a list that names anything but States is not such a statement.)
    public func jointly(in text: String, state: String) -> [String]? {
        // a byte scan first (every statement of `attest match` asks): the clause follows the State's
        // name that opens the text, at most "The " and 52 letters ("United Kingdom of Great Britain
        // and Northern Ireland"), so it starts in the first 160 bytes and its 16 end by byte 176
        // (searched across the whole text, the screen cost 1.6 % of `attest match`'s CPU time
        // with 100 rules; `testEveryStatesNameOpensAJointStatement` holds every name to it)
        var copy = text
        let screened = copy.withUTF8 { whole in
            ASCIISearch.first(", together with ", in: UnsafeBufferPointer(rebasing: whole[0..<min(whole.count, 176)]), comparing: 4, 11) != nil
        }
        guard screened else { return nil }
        let opening = String(text.prefix(600))
        let first = PresidencyResolver.sentences(opening).first?.0 ?? opening
        // the sentence opens with the State's name, and the clause follows it (after the closing
        // parenthesis or full stop of a name such as "Iran (Islamic Republic of)" or "U.K.")
        guard let r = first.range(of: ", together with "),
              let own = gazetteer.prefixMatch(first), case .entry(let d) = own.target, d.kind == .state, d.name == state else { return nil }
        let clause = first.utf8.distance(from: first.startIndex, to: r.lowerBound)
        guard clause >= own.end, first.utf8.dropFirst(own.end).prefix(clause - own.end).allSatisfy({ $0 == 0x29 || $0 == 0x2E }) else { return nil }
        // the list: names separated by ", " and " and ", up to the first piece that is not a State's name
        var members = [state]
        var pieces = first[r.upperBound...].components(separatedBy: ", ")
        guard pieces.count >= 2 else { return nil }
        pieces.removeLast()  // what follows the list's closing comma: the main clause
        for piece in pieces {
            for name in piece.components(separatedBy: " and ") {
                let name = name.hasPrefix("and ") ? String(name.dropFirst(4)) : name
                guard let t = gazetteer.lookup(name), case .entry(let m) = t, m.kind == .state else { return nil }
                if !members.contains(m.name) { members.append(m.name) }
            }
        }
        return members.count >= 2 ? members : nil
    }

    /// `onBehalfOf` without the byte scan (what the scan must never change).
    func onBehalfOfUnfiltered(in text: String, speaker: String?) -> (members: [String], group: String?)? {
        let opening = String(text.prefix(600))
        let lower = Self.lowercased(opening)
        var searchStart = lower.startIndex
        while let r = lower.asciiRange(of: "on behalf of", from: searchStart) {
            searchStart = r.upperBound
            let before = lower[lower.index(r.lowerBound, offsetBy: -min(90, lower.distance(from: lower.startIndex, to: r.lowerBound)))..<r.lowerBound]
            // the whole sentence before the clause: "the statements to be delivered by the representatives of the
            // Sudan, on behalf of …, and Azerbaijan, on behalf of …" is someone else's group statement
            let head = lower[..<r.lowerBound]
            let sentenceStart = head.asciiRange(of: ". ", backwards: true)?.upperBound ?? head.startIndex
            let sentence = head[sentenceStart...].suffix(400)
            let thanks = ["thank", "grateful", "gratitude", "condolences", "welcome", "congratulat", "align", "associat",
                          "delivered by", "made by", "to be delivered", "will be delivered", "by the representative", "support for the statement",
                          "raised by", "presented by", "proposal"].contains { sentence.asciiRange(of: $0) != nil }
            // the delivering verb may stand earlier in the sentence ("I have the honour to deliver this statement at this
            // quarterly open debate on …, on behalf of the Movement"); a sentence that opens with "On behalf of" delivers
            // for a group only when it names two States or more
            let verbs = ["speak", "statement", "deliver", "make", "read", "honour", "honor", "pleased", "privilege",
                         "remarks", "intervention", "brief", "present", "address"]
            let opensSentence = Self.isWhitespace(sentence)
            let delivers = verbs.contains { before.asciiRange(of: $0) != nil || sentence.asciiRange(of: $0) != nil } || opensSentence
            guard delivers, !thanks else { continue }
            // what follows must be a group of States or an organization, not a person, a Government or a people
            // ("on behalf of His Excellency Mr. Javad Zarif", "on behalf of the Chair of the … Committee", "on behalf of some members")
            let after = lower[r.upperBound...].drop(while: { $0 == " " }).prefix(40)
            let notGroup = ["his excellency", "her excellency", "mr.", "ms.", "mrs.", "the president", "president ", "my ", "our ", "the people",
                            "the government", "the minister", "minister ", "the chair", "the secretary", "some ", "all ", "the region",
                            "the proverbial", "the international community", "his ", "her ", "their "].contains { after.hasPrefix($0) }
            guard !notGroup else { continue }
            let clauseStart = opening.index(opening.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.upperBound))
            var clause = String(opening[clauseStart...])
            if let end = Self.firstSemicolon(clause) { clause = String(clause[..<end]) }
            // the group ends where a new phrase starts: "the Niger, South Africa and Tunisia - on this very important item
            // on the agenda, the situation in Mali"
            // and where the main clause starts: "On behalf of South Africa, Tunisia and the Niger, I welcome the adoption …"
            for stop in [" on this ", " on the agenda", " on the situation", ", the situation", " regarding ", " with regard to ",
                         ", I ", ", we ", ", We ", ", let me ", ", allow me ", ", my delegation "] {
                if let r = clause.asciiRange(of: stop) { clause = String(clause[..<r.lowerBound]) }
            }
            if let stop = SentenceSplitter.sentences(clause).first {
                let u = clause.utf8
                clause = String(decoding: u[u.index(u.startIndex, offsetBy: stop.lowerBound)..<u.index(u.startIndex, offsetBy: stop.upperBound)], as: UTF8.self)
            }
            let found = gazetteer.mentions(in: clause)
            var members: [String] = []
            var group: String?
            for m in found {
                switch m.target {
                case .entry(let d) where d.kind == .state:
                    if !members.contains(d.name) { members.append(d.name) }
                case .entry(let d):
                    if group == nil { group = d.name }
                case .group(let g):
                    if group == nil { group = g.name }
                }
            }
            if members.isEmpty, let g = group { return ([g], g) }
            if members.isEmpty || members == [speaker].compactMap({ $0 }) { continue }
            if opensSentence && members.count < 2 { continue }
            return (members, group)
        }
        return nil
    }

    /// `text.trimmingCharacters(in: .whitespaces).isEmpty`, without Foundation making an
    /// NSString of the text (about 130,000 instructions an opening): true when every scalar is
    /// one of the set's (trimming both ends leaves nothing exactly then; a test compares them).
    static func isWhitespace<S: StringProtocol>(_ text: S) -> Bool {
        let spaces = CharacterSet.whitespaces
        return text.unicodeScalars.allSatisfy { spaces.contains($0) }
    }

    /// `text.firstIndex(of: ";")`, found from the bytes rather than by breaking the whole text into
    /// characters (about 120,000 instructions a clause). A character equal to ";" is U+003B or
    /// U+037E (Greek question mark, canonically equivalent to it) alone in its grapheme cluster:
    /// each place of either, in text order, is taken when a character starts there and equals ";".
    static func firstSemicolon(_ text: String) -> String.Index? {
        var copy = text
        let places: [Int] = copy.withUTF8 { b in
            var found: [Int] = []
            for k in b.indices where b[k] == 0x3B || (b[k] == 0xCD && k + 1 < b.count && b[k + 1] == 0xBE) { found.append(k) }
            return found
        }
        let u = text.utf8
        for k in places {
            if let c = String.Index(u.index(u.startIndex, offsetBy: k), within: text), text[c] == ";" { return c }
        }
        return nil
    }

    /// The State a President speaks for: "in my capacity as the representative of Viet Nam",
    /// "in my capacity as Minister for Foreign Affairs of Belgium", "in my national capacity as
    /// representative of Russia". The words between "capacity as" and the State must name a State
    /// office (representative, minister, ambassador) and stay within one clause, so that "in my
    /// capacity as President of the Security Council, in response to ... the representative of
    /// France" names no State; someone else's capacity ("your capacity as") is not the speaker's.
    public func nationalCapacity(in text: String) -> Delegation? {
        let lower = text.lowercased()
        var searchStart = lower.startIndex
        while let r = lower.range(of: "capacity as", range: searchStart..<lower.endIndex) {
            searchStart = r.upperBound
            let before = lower[..<r.lowerBound].suffix(14)
            if ["your", "his ", "her ", "their", "its "].contains(where: { before.contains($0) }) { continue }
            var window = String(text[r.upperBound...].prefix(160))
            for stop in [",", ";", ". ", " - ", " but "] {
                if let cut = window.range(of: stop) { window = String(window[..<cut.lowerBound]) }
            }
            var offset = window.startIndex
            while let of = window.range(of: " of ", range: offset..<window.endIndex) {
                offset = of.upperBound
                let office = window[..<of.lowerBound].lowercased()
                guard ["representative", "minister", "ambassador", "secretary of state", "head of state", "head of government", "chargé", "charge d"]
                    .contains(where: { office.contains($0) }), !office.contains("president"), !office.contains("chair") else { continue }
                if let m = gazetteer.prefixMatch(String(window[of.upperBound...])), case .entry(let d) = m.target, d.kind == .state {
                    return d
                }
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// `range(of: needle)` as Foundation answers it (no options, or `.backwards`; searched from
    /// `start`, a character boundary, on), for an ASCII needle, found from the UTF-8 bytes.
    /// Foundation's search (canonical equivalence, case-sensitive) only matches where the
    /// needle's bytes are: no other character is canonically equivalent to ASCII letters, spaces
    /// or punctuation. Each place of them counts unless a character that extends the needle's
    /// last one follows (Foundation does not find "speak" in "speak\u{0301}"). Foundation's
    /// search took about 60,000 instructions a call (it bridges to NSString): 4.2 M of the 12.2 M
    /// that 34 openings with "on behalf of" cost in 3,000 statements. It still decides the rare
    /// place followed by a non-ASCII character.
    func asciiRange(of needle: String, backwards: Bool = false, from start: Index? = nil) -> Range<Index>? {
        let from = utf8.distance(from: utf8.startIndex, to: start ?? startIndex)
        // the bytes in place when they are contiguous (a String), else a copy's (a Substring's
        // view gives none): the same offsets from the start
        let bytes = utf8.withContiguousStorageIfAvailable { Self.asciiRange(of: needle, in: $0, backwards: backwards, from: from) }
            ?? { var copy = String(self); return copy.withUTF8 { Self.asciiRange(of: needle, in: $0, backwards: backwards, from: from) } }()
        guard let bytes else { return nil }
        return utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
    }

    /// `asciiRange(of:backwards:from:)` in the bytes `hay`, as byte offsets.
    static func asciiRange(of needle: String, in hay: UnsafeBufferPointer<UInt8>, backwards: Bool, from: Int) -> Range<Int>? {
        var bytesOfNeedle = needle
        return bytesOfNeedle.withUTF8 { n -> Range<Int>? in
            guard n.count > 0, hay.count - from >= n.count, let h = hay.baseAddress, let p = n.baseAddress else { return nil }
            // Foundation's answer for the needle's bytes at `i`: found, unless what follows
            // extends their last character ("speak" is not in "speak\u{0301}"; it is before a
            // spacing mark or a joiner, and Foundation's tables are not the standard library's:
            // its own search decides on the text from `i` to the next ASCII byte, at most 64
            // bytes on, else to the end); whatever comes before does not matter to it
            func found(_ i: Int) -> Bool {
                guard memcmp(h + i, p, n.count) == 0 else { return false }
                let end = i + n.count
                if end == hay.count || h[end] < 0x80 { return true }
                // the spaces, dashes and quotes of typeset text extend nothing, in any table
                if WordTokenizer.isTypographicSeparator(WordTokenizer.decode(hay, end).0.value) { return true }
                var stop = end
                while stop < hay.count, h[stop] >= 0x80, stop - end < 64 { stop += 1 }
                if stop < hay.count, h[stop] >= 0x80 { stop = hay.count }
                let window = String(decoding: UnsafeBufferPointer(start: h + i, count: stop - i), as: UTF8.self)
                return window.range(of: needle)?.lowerBound == window.startIndex
            }
            if backwards {
                var i = hay.count - n.count
                while i >= from {
                    if h[i] == p[0], found(i) { return i..<(i + n.count) }
                    i -= 1
                }
                return nil
            }
            let last = hay.count - n.count
            var at = from
            while at <= last, let q = memchr(h + at, Int32(p[0]), last - at + 1) {
                let i = UnsafeRawPointer(q) - UnsafeRawPointer(h)
                if found(i) { return i..<(i + n.count) }
                at = i + 1
            }
            return nil
        }
    }
}

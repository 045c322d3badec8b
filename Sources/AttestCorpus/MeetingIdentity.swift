import AttestFacts
import Foundation

/// Which meeting (symbol and part) a document records, and on what day.
public struct MeetingIdentity: Sendable, Equatable {
    /// `S/PV.8764`.
    public var symbol: String
    /// `main`, `Resumption 1`, …
    public var part: String

    /// From a file name as the corpus names records: `S-PV-8764.txt` → S/PV.8764 main,
    /// `S-PV-8699-Resumption-1.txt` → S/PV.8699 Resumption 1 (also `S_PV_8764`, `spv8764`).
    public static func fromFileName(_ path: String) -> MeetingIdentity? {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let parts = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }).map(String.init)
        guard parts.count >= 3, parts[0].uppercased() == "S", parts[1].uppercased() == "PV",
              let number = Int(parts[2]), number > 0 else { return nil }
        var part = "main"
        if parts.count >= 5, parts[3].lowercased() == "resumption", let k = Int(parts[4]) { part = "Resumption \(k)" }
        return MeetingIdentity(symbol: "S/PV.\(number)", part: part)
    }

    /// From the text: the first "S/PV.NNNN" of a page running head ("06/02/2020 S/PV.8715").
    public static func fromText(_ text: String) -> MeetingIdentity? {
        guard let r = text.range(of: #"S/PV\.[0-9]{3,5}"#, options: .regularExpression) else { return nil }
        let part = text.range(of: #"S/PV\.[0-9]{3,5} \(Resumption [0-9]+\)"#, options: .regularExpression)
            .flatMap { m -> String? in
                let s = String(text[m]); guard let o = s.firstIndex(of: "(") else { return nil }
                return String(s[s.index(after: o)..<s.index(before: s.endIndex)])
            }
        _ = part
        return MeetingIdentity(symbol: String(text[r]), part: "main")
    }
}

/// Dates a document states about itself.
public enum DocumentDate {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// `YYYY-MM-DD` for a day, a month name and a year, or nil.
    static func iso(day: Int, month: String, year: Int) -> String? {
        guard let m = months.firstIndex(of: month.lowercased()), (1...31).contains(day), (1900...2100).contains(year) else { return nil }
        return String(format: "%04d-%02d-%02d", year, m + 1, day)
    }

    /// The cover date of an S/PV record: "Thursday, 6 August 2020, 10 a.m." (the cover page), or
    /// the running head "06/02/2020 S/PV.8715" (day/month/year, then the symbol) that PDF
    /// conversions leave in the text. Returns the date and the UTF-8 offset where it was read.
    public static func verbatimCover(_ text: String) -> (date: String, at: Int)? {
        let weekday = #"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4}), [0-9]{1,2}(\.[0-9]{2})? [ap]\.m\."#
        if let r = text.range(of: weekday, options: .regularExpression) {
            let fields = text[r].split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
            if fields.count >= 4, let day = Int(fields[1]), let year = Int(fields[3]), let d = iso(day: day, month: fields[2], year: year) {
                return (d, text.utf8.distance(from: text.startIndex, to: r.lowerBound))
            }
        }
        let head = #"([0-9]{2})/([0-9]{2})/([0-9]{4}) S/PV\.[0-9]+"#
        if let r = text.range(of: head, options: .regularExpression) {
            let s = text[r]
            let nums = s.prefix(10).split(separator: "/").compactMap { Int($0) }
            if nums.count == 3, (1...31).contains(nums[0]), (1...12).contains(nums[1]) {
                return (String(format: "%04d-%02d-%02d", nums[2], nums[1], nums[0]), text.utf8.distance(from: text.startIndex, to: r.lowerBound))
            }
        }
        return nil
    }

    /// The date a corpus file name starts with: `2020-08-06-security-council-….txt`.
    public static func fileNameDate(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard name.count >= 11 else { return nil }
        let head = String(name.prefix(10))
        let p = head.split(separator: "-")
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d), name.dropFirst(10).first == "-" else { return nil }
        return head
    }

    /// The dateline of a press release: "6 August 2020" near the top, or "NEW YORK, 6 August —".
    public static func pressReleaseDateline(_ text: String) -> String? {
        let opening = String(text.prefix(1_500))
        let full = #"\b([0-9]{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) ([0-9]{4})\b"#
        if let r = opening.range(of: full, options: .regularExpression) {
            let f = opening[r].split(separator: " ")
            if f.count == 3, let day = Int(f[0]), let year = Int(f[2]) { return iso(day: day, month: String(f[1]), year: year) }
        }
        return nil
    }
}

/// The facts a reader may use to date a record and to find the month's presidency.
public struct AttributionFacts: Sendable {
    public var meetings: MeetingsTable?
    public var presidencies: PresidencyTable?

    public init(meetings: MeetingsTable? = nil, presidencies: PresidencyTable? = nil) {
        self.meetings = meetings
        self.presidencies = presidencies
    }

    /// The shipped `Facts/` folder's meetings and presidencies, or empty when it cannot be found or read.
    public static func shipped() -> AttributionFacts {
        guard let folder = CouncilFacts.shippedFolder(), let facts = try? CouncilFacts(folder: folder) else { return AttributionFacts() }
        return AttributionFacts(meetings: facts.meetings, presidencies: facts.presidencies)
    }
}

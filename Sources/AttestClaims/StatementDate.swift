import AttestFacts
import AttestModel
import Foundation

/// The day a statement was made, or the days it may have been made.
public struct StatementDate: Sendable, Equatable {
    public var date: String?
    public var earliest: String?
    public var latest: String?

    public init(date: String?, earliest: String? = nil, latest: String? = nil) {
        self.date = date
        self.earliest = date ?? earliest
        self.latest = date ?? latest
    }

    /// The statement's own `date`; else the meeting's date in `meetings.csv` by the record symbol
    /// of its file name (`S-PV-8713.txt` → `S/PV.8713`, part main or Resumption N); else a
    /// `YYYY-MM-DD` prefix of the file name (press releases); else the bounds given by the nearest
    /// dated meetings before and after it. The one place to swap in another meeting-date source.
    public static func of(_ statement: Statement, meetings: ClaimsMeetingDates) -> StatementDate {
        if let d = statement.date, !d.isEmpty { return StatementDate(date: d) }
        if let d = meetings.date(ofDocument: statement.document) { return StatementDate(date: d) }
        let name = (statement.document as NSString).lastPathComponent
        if name.count >= 10, let d = FactDate(String(name.prefix(10))), d.day != nil { return StatementDate(date: d.earliest) }
        let b = meetings.bounds(ofDocument: statement.document)
        return StatementDate(date: nil, earliest: b.earliest, latest: b.latest)
    }
}

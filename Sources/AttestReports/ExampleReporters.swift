import AttestFormats
import AttestModel
import Foundation

/// `attest test` as text: one line per rule, then each failed example with its place and what happened.
public struct ExampleTextReporter {
    public init() {}

    public func render(_ reports: [ExampleReport]) -> String {
        var out = ""
        for r in reports {
            let total = r.outcomes.count
            let failed = r.failures.count
            out += "\(r.passed ? "PASS" : "FAIL") \(r.ruleID) (\(total - failed)/\(total) examples)\n"
            for f in r.failures {
                let expected = f.expectation == .match ? "should match" : "should not match"
                out += "  \(f.location): \(expected): \"\(f.text)\"\n    \(f.detail)\n"
            }
        }
        let examples = reports.reduce(0) { $0 + $1.outcomes.count }
        let failedExamples = reports.reduce(0) { $0 + $1.failures.count }
        let failedRules = reports.filter { !$0.passed }.count
        out += "\(reports.count) rules, \(examples) examples: \(examples - failedExamples) passed, \(failedExamples) failed"
        out += failedRules > 0 ? " (in \(failedRules) rule\(failedRules == 1 ? "" : "s"))\n" : "\n"
        return out
    }
}

/// `attest test --format junit`: one test case per rule, failing with the list of its failed examples.
public struct JUnitExampleReporter {
    public init() {}

    public func render(_ reports: [ExampleReport]) -> String {
        let failures = reports.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"attest test\" tests=\"\(reports.count)\" failures=\"\(failures)\">\n"
        var byPack: [(String, [ExampleReport])] = []
        for r in reports {
            if let i = byPack.firstIndex(where: { $0.0 == r.pack }) { byPack[i].1.append(r) } else { byPack.append((r.pack, [r])) }
        }
        for (pack, rs) in byPack {
            out += "  <testsuite name=\"\(Escaping.xml(pack))\" tests=\"\(rs.count)\" failures=\"\(rs.filter { !$0.passed }.count)\">\n"
            for r in rs {
                out += "    <testcase classname=\"\(Escaping.xml(pack))\" name=\"\(Escaping.xml(r.ruleID))\" file=\"\(Escaping.xml(r.location.path))\" line=\"\(r.location.line)\""
                if r.passed {
                    out += "/>\n"
                    continue
                }
                out += ">\n      <failure message=\"\(r.failures.count) of \(r.outcomes.count) examples failed\">"
                out += Escaping.xml(r.failures.map { f in
                    "\(f.location): \(f.expectation == .match ? "should match" : "should not match"): \"\(f.text)\" — \(f.detail)"
                }.joined(separator: "\n"))
                out += "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }
}

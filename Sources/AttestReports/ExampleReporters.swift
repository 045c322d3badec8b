import AttestMatching
import Foundation

/// `attest test` as text: one line per rule, then each failed example with its place and what happened.
public struct ExampleTextReporter {
    public init() {}

    public func render(_ reports: [ExampleRunner.RuleReport]) -> String {
        var out = ""
        for r in reports {
            let total = r.outcomes.count
            let failed = r.failures.count
            out += "\(r.passed ? "PASS" : "FAIL") \(r.rule.id) (\(total - failed)/\(total) examples)\n"
            for f in r.failures {
                let expected = f.expectation == .match ? "should match" : "should not match"
                out += "  \(f.example.location): \(expected): \"\(f.example.text)\"\n    \(f.detail)\n"
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

    public func render(_ reports: [ExampleRunner.RuleReport]) -> String {
        let failures = reports.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"attest test\" tests=\"\(reports.count)\" failures=\"\(failures)\">\n"
        var byPack: [(String, [ExampleRunner.RuleReport])] = []
        for r in reports {
            if let i = byPack.firstIndex(where: { $0.0 == r.rule.pack }) { byPack[i].1.append(r) } else { byPack.append((r.rule.pack, [r])) }
        }
        for (pack, rs) in byPack {
            out += "  <testsuite name=\"\(XML.escape(pack))\" tests=\"\(rs.count)\" failures=\"\(rs.filter { !$0.passed }.count)\">\n"
            for r in rs {
                out += "    <testcase classname=\"\(XML.escape(pack))\" name=\"\(XML.escape(r.rule.id))\" file=\"\(XML.escape(r.rule.location.path))\" line=\"\(r.rule.location.line)\""
                if r.passed {
                    out += "/>\n"
                    continue
                }
                out += ">\n      <failure message=\"\(r.failures.count) of \(r.outcomes.count) examples failed\">"
                out += XML.escape(r.failures.map { f in
                    "\(f.example.location): \(f.expectation == .match ? "should match" : "should not match"): \"\(f.example.text)\" — \(f.detail)"
                }.joined(separator: "\n"))
                out += "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }
}

/// Escaping for XML text and attributes; control characters XML 1.0 cannot hold are dropped.
enum XML {
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

import AttestEvaluation
import Foundation
import FuzzSupport

/// Bytes → every gold reader (CSV per delegation, JSON Lines and YAML per statement) and the
/// `attest.yaml` project file reader: never crash or hang; every failure names the file with a
/// line and a column ≥ 1, and so does every cell of a gold that reads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for (path, parse) in [("gold.csv", GoldStandard.parseCSV), ("gold.jsonl", GoldStandard.parseJSONLines),
                          ("gold.yaml", GoldStandard.parseYAML)] as [(String, (String, String) throws(GoldStandard.Failure) -> GoldStandard)] {
        do {
            let gold = try parse(text, path)
            for c in gold.cells where c.line < 1 || c.column < 1 { fatalError("\(path): a cell without a place: \(c)") }
        } catch {
            check(error, path)
        }
    }
    do { _ = try ProjectConfig.parse(text, path: "attest.yaml") } catch { check(error, "attest.yaml") }
    return 0
}

func check(_ d: GoldStandard.Failure, _ path: String) {
    if d.path != path || d.line < 1 || d.column < 1 { fatalError("diagnostic without a place in \(path): \(d)") }
}

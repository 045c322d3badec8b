import AttestCorpus
import Foundation
import FuzzSupport

/// Bytes → `SourceText.decode` → `JSONLinesReader`: never crash or hang; every statement's offsets
/// lie inside the decoded text and its line exists, and every warning names an existing line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard let source = try? SourceText.decode(path: "fuzz.jsonl", data: bytes) else { return 0 }
    let result = JSONLinesReader().read(source)
    Invariants.checkStatements(result, source: source, reader: "jsonl")
    let lines = source.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for w in result.warnings where !(1...lines).contains(w.line) {
        fatalError("jsonl warning on line \(w.line), not in 1...\(lines): \(w)")
    }
    return 0
}

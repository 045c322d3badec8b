import AttestCorpus
import Foundation
import FuzzSupport

/// Bytes → `SourceText.decode` → `VerbatimRecordReader`: never crash or hang; every statement's
/// offsets lie inside the decoded text and its line exists.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard let source = try? SourceText.decode(path: "fuzz.txt", data: bytes) else { return 0 }
    Invariants.checkStatements(VerbatimRecordReader().read(source), source: source, reader: "verbatim")
    return 0
}

import AttestFormats
import AttestStreaming
import Foundation
import FuzzSupport

/// Bytes → `LineReader` (what `attest merge` reads with) and `MatchPipeline` (what `attest match`
/// reads with), both with small limits so that long lines are exercised: never crash or hang;
/// LineReader gives exactly the lines of the input (LF or CR LF ends), a line longer than the
/// limit as `.tooLong`; the pipeline writes only JSON objects, with line numbers that ascend, and
/// the same bytes whatever its piece size.
let inputPath = NSTemporaryDirectory() + "fuzz-lines-\(getpid())"
let stream = MatchStream(rules: FuzzRules.rules, document: "fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard FileManager.default.createFile(atPath: inputPath, contents: Data(bytes)) else { fatalError("cannot write \(inputPath)") }
    let limit = 40
    // LineReader against a plain split
    var expected = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
        line.last == 0x0D ? Array(line.dropLast()) : Array(line)
    }
    if bytes.last == 0x0A || bytes.isEmpty { expected.removeLast() }
    let fd = open(inputPath, O_RDONLY)
    var reader = LineReader(fileDescriptor: fd, maxLineLength: limit)
    var got: [LineReader.Item] = []
    do { while let item = try reader.next() { got.append(item) } } catch { fatalError("read error \(error)") }
    close(fd)
    if got.count != expected.count { fatalError("LineReader gave \(got.count) lines, the input has \(expected.count)") }
    for (item, line) in zip(got, expected) {
        switch item {
        case .line(let b): if Array(b) != line { fatalError("LineReader line differs") }
        case .tooLong: if line.count <= limit { fatalError("a line of \(line.count) bytes reported too long") }
        }
        if case .line = item, line.count > limit { fatalError("a line of \(line.count) bytes not reported too long") }
    }
    // the pipeline, with two piece sizes
    let small = run(pieceSize: 16, limit: 200), large = run(pieceSize: 1 << 16, limit: 200)
    if small != large { fatalError("match output depends on the piece size") }
    var last = 0
    for line in small.split(separator: 0x0A) {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any], let type = o["type"] as? String,
              let n = o["line"] as? Int else { fatalError("not a record: \(String(decoding: line, as: UTF8.self))") }
        if n < last { fatalError("line numbers go back: \(n) after \(last) (\(type))") }
        last = n
    }
    return 0
}

func run(pieceSize: Int, limit: Int) -> [UInt8] {
    let input = open(inputPath, O_RDONLY)
    let outPath = inputPath + ".out"
    let output = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var pipeline = MatchPipeline(stream: stream, workers: 2)
    pipeline.pieceSize = pieceSize
    pipeline.maxLineLength = limit
    do { try pipeline.run(input: input, output: output) } catch { fatalError("pipeline failed: \(error)") }
    close(input)
    close(output)
    return Array(FileManager.default.contents(atPath: outPath) ?? Data())
}

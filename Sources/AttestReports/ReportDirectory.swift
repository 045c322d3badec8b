import AttestFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `--out` directory of an audit: every report is written atomically (a temporary file in
/// the same directory, then a rename), only under this directory, and never over an input file.
public struct ReportDirectory {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notADirectory(String)
        case cannotCreate(String)
        case invalidName(String)
        case wouldOverwriteInput(String)
        case cannotWrite(String)

        public var description: String {
            switch self {
            case .notADirectory(let p): "\(p): exists and is not a directory"
            case .cannotCreate(let p): "\(p): cannot create the output directory"
            case .invalidName(let n): "\(n): not a plain file name"
            case .wouldOverwriteInput(let p): "\(p): is an input file; refusing to overwrite it"
            case .cannotWrite(let p): "\(p): cannot be written"
            }
        }
    }

    /// Temporary files being written right now, removed by `removeTemporaryFiles` when the run is
    /// interrupted, so that Ctrl-C or SIGTERM leaves no half-written file behind.
    nonisolated(unsafe) private static var pending: Set<String> = []
    private static let lock = NSLock()

    /// Removes every temporary file still being written (called on SIGINT and SIGTERM).
    public static func removeTemporaryFiles() {
        lock.lock()
        defer { lock.unlock() }
        for p in pending { unlink(p) }
        pending.removeAll()
    }

    public let path: String
    /// The input files, which are never written: by identity, so that a symbolic or hard link to
    /// an input under a report's name is refused as the input's own path is.
    private let inputs: Set<FileIdentity>

    /// Creates the directory (and its parents) when needed.
    public init(path: String, inputs: [String]) throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path) }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path)
            }
        }
        self.path = path
        self.inputs = Set(inputs.compactMap { FileIdentity(path: $0) })
    }

    /// The path `name` would be written to, or why it may not be.
    func target(_ name: String) throws(Failure) -> String {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", !name.hasPrefix(".") else { throw .invalidName(name) }
        let target = (path as NSString).appendingPathComponent(name)
        if let existing = FileIdentity(path: target), inputs.contains(existing) { throw .wouldOverwriteInput(target) }
        return target
    }

    /// Checks that every name may be written (plain names, none an input), before any is.
    public func checkWritable(_ names: [String]) throws(Failure) {
        for n in names { _ = try target(n) }
    }

    /// Writes `data` to `name` inside the directory, atomically.
    /// - Parameter name: a plain file name: no directory part, not `.` or `..`.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws(Failure) -> String {
        let target = try target(name)
        let temporary = (path as NSString).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        Self.lock.lock()
        Self.pending.insert(temporary)
        Self.lock.unlock()
        defer {
            Self.lock.lock()
            Self.pending.remove(temporary)
            Self.lock.unlock()
        }
        // written here (open, write, fsync, close) rather than by Foundation, whose own temporary
        // file (`.dat.nosync…`) has a name this process does not know and would survive a signal
        guard Self.writeFile(temporary, data) else {
            unlink(temporary)
            throw .cannotWrite(target)
        }
        Self.holdForTests(temporary)
        // rename(2) replaces the target in one step: a reader sees the old file or the new one, never half of one
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw .cannotWrite(target)
        }
        return target
    }

    /// Creates `path` (never following a link planted at its name), writes all of `data`, and
    /// flushes it to disk. False on any failure.
    static func writeFile(_ path: String, _ data: Data) -> Bool {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        var ok = data.withUnsafeBytes { FileIO.writeAll(fd, $0) == nil }
        if ok && fsync(fd) != 0 { ok = false }
        if close(fd) != 0 { ok = false }
        return ok
    }

    /// A deterministic point for the interruption test: with `ATTEST_TEST_HOLD_WRITE` set to a path,
    /// the first report's temporary file is written, that path is created, and the process waits
    /// there for a signal. Unset (always, outside the tests) it does nothing.
    private static func holdForTests(_ temporary: String) {
        guard let marker = ProcessInfo.processInfo.environment["ATTEST_TEST_HOLD_WRITE"], !marker.isEmpty else { return }
        FileManager.default.createFile(atPath: marker, contents: Data(temporary.utf8))
        while true { sleep(60) }
    }

    public func write(_ name: String, _ text: String) throws(Failure) {
        try write(name, Data(text.utf8))
    }
}

import Foundation

/// Runs programs for the tests: the built `attest` binary as a user would, and the helper tools
/// (Python checkers, LibreOffice). One runner for every test.
///
/// Output goes to temporary files, never pipes, so that a full pipe can never block the child; a
/// run that passes its timeout is terminated, then killed five seconds later.
public enum ProcessRunner {
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        /// Standard output then standard error, for failure messages.
        public var output: String { stdout + stderr }
    }

    /// The package root (the folder of Package.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `attest` executable built beside the test bundle.
    public static var attestBinary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent("attest") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `attest` with `arguments` in `directory` (the package root by default).
    public static func attest(_ arguments: [String], in directory: URL = root, stdin: URL? = nil,
                              timeout: TimeInterval = 600) throws -> Run {
        try run(attestBinary, arguments, in: directory, stdin: stdin, timeout: timeout)
    }

    /// Runs `executable`; `started` is called with the running process (to signal it, for example).
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL = root, stdin: URL? = nil,
                           environment: [String: String]? = nil, timeout: TimeInterval = 600,
                           started: ((Process) -> Void)? = nil) throws -> Run {
        let temporary = FileManager.default.temporaryDirectory
        let outURL = temporary.appendingPathComponent("attest-test-out-\(UUID().uuidString)")
        let errURL = temporary.appendingPathComponent("attest-test-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory
        if let environment { p.environment = environment }
        p.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        p.standardOutput = out
        p.standardError = err
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        started?(p)
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            p.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut {
                kill(p.processIdentifier, SIGKILL)
                done.wait()
            }
        }
        try out.close()
        try err.close()
        return Run(status: p.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), timedOut: timedOut)
    }

    /// The first of `names` found on PATH (or as given, when absolute).
    public static func which(_ names: String...) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return URL(fileURLWithPath: name) }; continue }
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
            }
        }
        return nil
    }
}

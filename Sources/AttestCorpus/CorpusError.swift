import AttestFormats

/// Why a document could not be read. Every message names the file; the ones about a place in
/// the file name its 1-based line and column (columns count Unicode scalars).
public enum CorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String)
    case empty(path: String)
    case notUTF8(path: String, line: Int, column: Int, byte: Int)
    case noStatements(path: String)

    public var path: String {
        switch self {
        case .fileNotFound(let p), .isDirectory(let p), .unreadable(let p), .empty(let p), .noStatements(let p): p
        case .notUTF8(let p, _, _, _): p
        }
    }

    /// One line for a person: control characters in the path are escaped (`Escaping.terminal`).
    public var description: String {
        switch self {
        case .fileNotFound(let p): "\(Escaping.terminal(p)): no such file"
        case .isDirectory(let p): "\(Escaping.terminal(p)): is a directory, not a document"
        case .unreadable(let p): "\(Escaping.terminal(p)): cannot be read"
        case .empty(let p): "\(Escaping.terminal(p)): file is empty"
        case .notUTF8(let p, let line, let column, let byte): "\(Escaping.terminal(p)):\(line):\(column): not UTF-8 (invalid byte at offset \(byte))"
        case .noStatements(let p): "\(Escaping.terminal(p)): no statements recognised; skipped"
        }
    }
}

/// Something a reader noticed but could work around; the statement is kept.
public struct CorpusWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// One line for a person: control characters in the path and the message (a delegation name
    /// read from the file) are escaped.
    public var description: String { "\(Escaping.terminal(path)):\(line): warning: \(Escaping.terminal(message))" }
}

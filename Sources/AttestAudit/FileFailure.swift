/// Why an input file of an evaluation (a gold file, the project file `attest.yaml`) could not be
/// read, at the place it went wrong: `path:line:col: error: message`.
public struct FileFailure: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

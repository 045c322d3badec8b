import Foundation
import Yams

/// Loads rule packs from YAML and validates them, reporting every mistake at `path:line:col`.
///
/// A pack file holds a `pack:` mapping (id, title, version, optional description and source)
/// and a `rules:` list. Loading never stops at the first mistake in a file: every problem the
/// loader can find is reported, and a pack with any error is not used. Input is bounded before
/// it is parsed (size, aliases, nodes, depth), because Yams expands aliases without limit.
public struct RuleLoader: Sendable {
    /// Limits that keep hostile files from taking time or memory.
    public struct Limits: Sendable {
        public var maxBytes = 4 << 20
        public var maxAliases = 100
        public var maxNodes = 200_000
        public var maxDepth = 64
        public init() {}
    }

    public var limits = Limits()

    public init() {}

    /// What loading produced: the valid packs and every diagnostic.
    public struct Outcome: Sendable {
        public var packs: [RulePack] = []
        public var diagnostics: [Diagnostic] = []

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var rules: [Rule] { packs.flatMap(\.rules) }
    }

    /// Loads every `.yaml`/`.yml` file under `path` (a file or a directory, searched recursively
    /// in sorted order), then checks that rule ids are unique across all of them.
    public func load(path: String) -> Outcome {
        var outcome = Outcome()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            outcome.diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "no such file or directory"))
            return outcome
        }
        let files: [String]
        if isDirectory.boolValue {
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let item = enumerator?.nextObject() as? String {
                if item.hasSuffix(".yaml") || item.hasSuffix(".yml") { found.append((path as NSString).appendingPathComponent(item)) }
            }
            files = found.sorted()
            if files.isEmpty {
                outcome.diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "no rule files (*.yaml, *.yml) in directory"))
            }
        } else {
            files = [path]
        }
        for file in files {
            let (pack, diagnostics) = loadFile(file)
            outcome.diagnostics += diagnostics
            if let pack, !diagnostics.contains(where: { $0.severity == .error }) { outcome.packs.append(pack) }
        }
        checkUniqueIDs(&outcome)
        return outcome
    }

    /// Loads one pack file.
    public func loadFile(_ path: String) -> (RulePack?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(path: path, line: 1, column: 1, message: "cannot read file")])
        }
        return parse(data, path: path)
    }

    /// Parses and validates the text of one pack file.
    public func parse(_ data: Data, path: String) -> (RulePack?, [Diagnostic]) {
        if data.count > limits.maxBytes {
            return (nil, [Diagnostic(path: path, line: 1, column: 1, message: "file is \(data.count) bytes; the limit is \(limits.maxBytes)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = Self.firstInvalidUTF8Position(data)
            return (nil, [Diagnostic(path: path, line: line, column: column, message: "file is not UTF-8")])
        }
        if let tab = Self.indentationTab(text) {
            return (nil, [Diagnostic(path: path, line: tab.line, column: tab.column, message: "tab character in indentation; YAML indents with spaces")])
        }
        do {
            // an expression level is up to two YAML levels (a mapping and its list), under a few levels of pack structure
            try YAMLPreflight.check(text, maxNodes: limits.maxNodes, maxDepth: 2 * limits.maxDepth + 8, maxAliases: limits.maxAliases)
        } catch {
            return (nil, [Diagnostic(path: path, line: error.line, column: error.column, message: error.message)])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [Self.diagnostic(error, path: path)])
        } catch {
            return (nil, [Diagnostic(path: path, line: 1, column: 1, message: "\(error)")])
        }
        guard let root else {
            return (nil, [Diagnostic(path: path, line: 1, column: 1, message: "file is empty")])
        }
        var builder = PackBuilder(path: path, limits: limits)
        let pack = builder.pack(root)
        return (pack, builder.diagnostics)
    }

    func checkUniqueIDs(_ outcome: inout Outcome) {
        var seen: [String: SourceLocation] = [:]
        var duplicates: Set<String> = []
        for rule in outcome.rules {
            if let first = seen[rule.id] {
                outcome.diagnostics.append(Diagnostic(path: rule.location.path, line: rule.location.line, column: rule.location.column,
                                                      message: "duplicate rule id '\(rule.id)' (first defined at \(first))"))
                duplicates.insert(rule.id)
            } else {
                seen[rule.id] = rule.location
            }
        }
        if !duplicates.isEmpty {
            for i in outcome.packs.indices { outcome.packs[i].rules.removeAll { duplicates.contains($0.id) && seen[$0.id] != $0.location } }
        }
    }

    static func diagnostic(_ error: YamlError, path: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(path: path, line: context.mark.line, column: context.mark.column,
                              message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, line: 1, column: 1, message: "invalid YAML: \(problem)")
        default:
            return Diagnostic(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    static func indentationTab(_ text: String) -> (line: Int, column: Int)? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for c in line {
                if c == "\t" { return (i + 1, column) }
                if c != " " { break }
                column += 1
            }
        }
        return nil
    }

    static func firstInvalidUTF8Position(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let width = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            guard width > 0, i + width <= bytes.count,
                  String(bytes: bytes[i..<(i + width)], encoding: .utf8) != nil else { return (line, column) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += width
        }
        return (line, column)
    }
}

import AttestFormats
import AttestModel
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
        /// Expression nodes that references to vocabularies may add in all, over every pack loaded
        /// together: a vocabulary is expanded into each rule that refers to it, so 2,000
        /// references to 50,000 terms would make 100 million nodes from a 687 KB pack.
        public var maxExpandedTerms = 200_000
        public init() {}
    }

    public var limits = Limits()

    public init() {}

    /// What loading produced: the valid packs and every diagnostic.
    public struct Outcome: Sendable {
        public var packs: [RulePack] = []
        /// Packs left out because they have errors, with the rules that could still be built (for linting).
        public var invalidPacks: [RulePack] = []
        public var diagnostics: [Diagnostic] = []

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var rules: [Rule] { packs.flatMap(\.rules) }

        /// What `attest validate` reports: every diagnostic of loading and every lint warning,
        /// sorted by path, line and column (ties keep the order they were found in).
        public var validation: [Diagnostic] {
            (diagnostics + RuleLinter.warnings(packs + invalidPacks)).enumerated().sorted { a, b in
                (a.element.path, a.element.line, a.element.column, a.offset) < (b.element.path, b.element.line, b.element.column, b.offset)
            }.map(\.element)
        }
    }

    /// Loads every `.yaml`/`.yml` file under `path` (a file or a directory, searched recursively
    /// in sorted order), assembles packs that span several files, resolves vocabularies, and
    /// checks that rule ids are unique across all of them.
    public func load(path: String) -> Outcome {
        load(paths: [path])
    }

    /// Like `load(path:)` for several files or directories at once; ids must be unique across all.
    public func load(paths: [String]) -> Outcome {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            files += ruleFiles(path, diagnostics: &diagnostics)
        }
        var composed: [(path: String, root: Node)] = []
        for file in files {
            let data: Data
            switch read(file) {
            case .success(let d): data = d
            case .failure(let d):
                diagnostics.append(d)
                continue
            }
            switch compose(data, path: file) {
            case .success(let root): composed.append((file, root))
            case .failure(let d): diagnostics.append(d)
            }
        }
        var outcome = assemble(composed)
        // every problem of a file together, in the order of the file
        outcome.diagnostics = (diagnostics + outcome.diagnostics).enumerated().sorted { a, b in
            (a.element.path, a.element.line, a.element.column, a.offset) < (b.element.path, b.element.line, b.element.column, b.offset)
        }.map(\.element)
        return outcome
    }

    /// Parses and validates the text of one file that holds a whole pack.
    public func parse(_ data: Data, path: String) -> (RulePack?, [Diagnostic]) {
        switch compose(data, path: path) {
        case .failure(let d): return (nil, [d])
        case .success(let root):
            let outcome = assemble([(path, root)], dropInvalid: false)
            return (outcome.packs.first, outcome.diagnostics)
        }
    }

    /// Loads one pack file.
    public func loadFile(_ path: String) -> (RulePack?, [Diagnostic]) {
        switch read(path) {
        case .success(let data): return parse(data, path: path)
        case .failure(let d): return (nil, [d])
        }
    }

    /// The bytes of a rule file, read only when it is within `limits.maxBytes`: its size is asked
    /// first (a 2 GB file is refused without a byte read), and at most one byte more than the
    /// limit is read (for a file that grows, or a device that never ends, such as /dev/zero).
    func read(_ path: String) -> Result<Data, Diagnostic> {
        func refusal(_ message: String) -> Result<Data, Diagnostic> {
            .failure(Diagnostic(path: path, line: 1, column: 1, message: message))
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return refusal("cannot read file") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return refusal("cannot read file") }
        if (info.st_mode & S_IFMT) == S_IFDIR { return refusal("cannot read file (a directory)") }
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limits.maxBytes {
            return refusal("file is \(info.st_size) bytes; the limit is \(limits.maxBytes)")
        }
        // read up to the limit and one byte more: in chunks of the file's size (a device: 64 KiB)
        let chunk = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) + 1 : 1 << 16
        guard case .success(let bytes) = FileIO.readAll(fd, limit: limits.maxBytes, chunk: chunk) else { return refusal("cannot read file") }
        let count = bytes.count
        if count > limits.maxBytes { return refusal("file is more than \(limits.maxBytes) bytes; the limit is \(limits.maxBytes)") }
        return .success(Data(bytes))
    }

    /// The rule files under `path`, refusing any that resolves (through a symbolic link) outside it.
    func ruleFiles(_ path: String, diagnostics: inout [Diagnostic]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "no such file or directory"))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let item = enumerator?.nextObject() as? String {
            guard item.hasSuffix(".yaml") || item.hasSuffix(".yml") else { continue }
            let full = (path as NSString).appendingPathComponent(item)
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                diagnostics.append(Diagnostic(path: full, line: 1, column: 1, message: "links outside the rules directory (to \(resolved)); not loaded"))
                continue
            }
            found.append(full)
        }
        if found.isEmpty {
            diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "no rule files (*.yaml, *.yml) in directory"))
        }
        return found.sorted()
    }

    /// Checks the raw bytes and composes the YAML tree, or says why not.
    func compose(_ data: Data, path: String) -> Result<Node, Diagnostic> {
        if data.count > limits.maxBytes {
            return .failure(Diagnostic(path: path, line: 1, column: 1, message: "file is \(data.count) bytes; the limit is \(limits.maxBytes)"))
        }
        guard let text = UTF8Validation.string(data) else {
            let (line, column) = Self.firstInvalidUTF8Position(data)
            return .failure(Diagnostic(path: path, line: line, column: column, message: "file is not UTF-8"))
        }
        if let tab = Self.indentationTab(text) {
            return .failure(Diagnostic(path: path, line: tab.line, column: tab.column, message: "tab character in indentation; YAML indents with spaces"))
        }
        do {
            // an expression level is up to two YAML levels (a mapping and its list), under a few levels of pack structure
            try YAMLPreflight.check(text, maxNodes: limits.maxNodes, maxDepth: 2 * limits.maxDepth + 8, maxAliases: limits.maxAliases)
        } catch {
            return .failure(Diagnostic(path: path, line: error.line, column: error.column, message: error.message))
        }
        do {
            // every scalar as a string: the pack builder reads numbers and booleans itself, and Yams'
            // default resolver runs a regular expression per scalar (a third of loading 2,000 rules)
            guard let root = try Yams.compose(yaml: text, .basic) else {
                return .failure(Diagnostic(path: path, line: 1, column: 1, message: "file is empty"))
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(Self.diagnostic(error, path: path, text: text))
        } catch {
            return .failure(Diagnostic(path: path, line: 1, column: 1, message: "\(error)"))
        }
    }

    private struct Part {
        var path: String
        var root: Node
        var top: Node.Mapping
        var header: PackBuilder.Header
        var builder: PackBuilder
    }

    /// Groups files by pack id, merges each pack's vocabularies, builds its rules.
    /// - Parameter dropInvalid: leave out packs with errors (what an audit wants).
    func assemble(_ files: [(path: String, root: Node)], dropInvalid: Bool = true) -> Outcome {
        var outcome = Outcome()
        var parts: [Part] = []
        for (path, root) in files {
            var builder = PackBuilder(path: path, limits: limits)
            if let (top, header) = builder.header(root) {
                if let header {
                    parts.append(Part(path: path, root: root, top: top, header: header, builder: builder))
                    continue
                }
                // a broken header: the rest of the file is checked all the same
                builder.checkWithoutPack(top, root: root)
            }
            outcome.diagnostics += builder.diagnostics
        }
        var order: [String] = []
        var byPack: [String: [Int]] = [:]
        for (i, part) in parts.enumerated() {
            if byPack[part.header.id] == nil { order.append(part.header.id) }
            byPack[part.header.id, default: []].append(i)
        }
        var expanded = 0
        for id in order {
            let (pack, diagnostics) = assemblePack(id, members: byPack[id]!, parts: &parts, expanded: &expanded)
            outcome.diagnostics += diagnostics
            if !dropInvalid || !diagnostics.contains(where: { $0.severity == .error }) { outcome.packs.append(pack) } else { outcome.invalidPacks.append(pack) }
        }
        checkUniqueIDs(&outcome)
        return outcome
    }

    /// - Parameter expanded: the vocabulary terms expanded into rules so far, over every pack.
    private func assemblePack(_ id: String, members: [Int], parts: inout [Part], expanded: inout Int) -> (RulePack, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ l: SourceLocation, _ message: String) {
            diagnostics.append(Diagnostic(path: l.path, line: l.line, column: l.column, message: message))
        }
        // exactly one file carries the header
        let headers = members.filter { parts[$0].header.isHeader }
        if headers.isEmpty, members.count == 1 {
            report(parts[members[0]].header.location, "missing key 'title'")
            report(parts[members[0]].header.location, "missing key 'version'")
        } else if headers.isEmpty {
            report(parts[members[0]].header.location, "pack '\(id)' has no header: one of its files must give its title and version")
        }
        for extra in headers.dropFirst() {
            report(parts[extra].header.location, "pack '\(id)' already has a header at \(parts[headers[0]].header.location); other files give only its id")
        }
        // vocabularies of every file, visible to every rule of the pack
        var vocabularies: [String: Vocabulary] = [:]
        var vocabularyOrder: [Vocabulary] = []
        for i in members {
            for v in parts[i].builder.vocabularyList(parts[i].top) {
                if let first = vocabularies[v.name] {
                    report(v.location, "duplicate vocabulary '\(v.name)' (first defined at \(first.location))")
                } else {
                    vocabularies[v.name] = v
                    vocabularyOrder.append(v)
                }
            }
        }
        let refused = members.reduce(into: Set<String>()) { $0.formUnion(parts[$1].builder.refusedVocabularies) }
        var rules: [Rule] = []
        var claimRules: [ClaimRule] = []
        var claimObjects: [ClaimObject] = []
        for i in members {
            parts[i].builder.vocabularies = vocabularies
            parts[i].builder.refusedVocabularies = refused
            parts[i].builder.expandedTerms = expanded
            rules += parts[i].builder.rules(parts[i].top, root: parts[i].root, pack: id, required: members.count == 1)
            claimRules += parts[i].builder.claimRules
            claimObjects += parts[i].builder.claimObjects(parts[i].top)
            expanded = parts[i].builder.expandedTerms
            diagnostics += parts[i].builder.diagnostics
        }
        if members.count > 1 && rules.isEmpty && claimRules.isEmpty {
            report(parts[members[0]].header.location, "pack '\(id)' has no rules")
        }
        let main = headers.first ?? members[0]
        let header = parts[main].header
        var pack = RulePack(id: id, title: header.title ?? "", description: header.description, source: header.source,
                            version: header.version ?? "", path: parts[main].path, files: members.map { parts[$0].path }.sorted(),
                            vocabularies: vocabularyOrder, rules: rules)
        pack.claimRules = claimRules
        pack.claimObjects = claimObjects
        return (pack, diagnostics)
    }

    /// Rule ids must be unique across every loaded file, valid or not; a later duplicate is reported
    /// and dropped.
    func checkUniqueIDs(_ outcome: inout Outcome) {
        var seen: [String: SourceLocation] = [:]
        var rejected: Set<SourceLocation> = []
        for rule in (outcome.packs + outcome.invalidPacks).flatMap(\.rules).sorted(by: { ($0.location.path, $0.location.line) < ($1.location.path, $1.location.line) }) {
            if let first = seen[rule.id] {
                outcome.diagnostics.append(Diagnostic(path: rule.location.path, line: rule.location.line, column: rule.location.column,
                                                      message: "duplicate rule id '\(rule.id)' (first defined at \(first))"))
                rejected.insert(rule.location)
            } else {
                seen[rule.id] = rule.location
            }
        }
        if !rejected.isEmpty {
            for i in outcome.packs.indices { outcome.packs[i].rules.removeAll { rejected.contains($0.location) } }
        }
    }

    static func diagnostic(_ error: YamlError, path: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)" + RuleLinter.yamlEscapeHint(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // libyaml points at the first occurrence; point at the repeat, same key at the same column
            let lines = yamlLines(text)
            var line = context.mark.line, column = context.mark.column
            if let key = duplicates.first, context.mark.line <= lines.count {
                for n in context.mark.line..<lines.count {
                    let l = lines[n]
                    let indent = l.prefix { $0 == " " || $0 == "-" }.count
                    if indent + 1 == context.mark.column, l.dropFirst(indent).hasPrefix(key + ":") {
                        line = n + 1
                        column = indent + 1
                        break
                    }
                }
            }
            return Diagnostic(path: path, line: line, column: column,
                              message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) (first at \(context.mark.line):\(context.mark.column))")
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, line: 1, column: 1, message: "invalid YAML: \(problem)")
        default:
            return Diagnostic(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    /// The lines of a YAML text as libyaml counts them: LF, CRLF and a lone CR each end a line.
    /// (Splitting a Swift string on "\n" would miss CRLF, which is a single Character.)
    static func yamlLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var i = start
        let scalars = text.unicodeScalars
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "\n" || c == "\r" {
                lines.append(Substring(scalars[start..<i]))
                var next = scalars.index(after: i)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        return lines
    }

    static func indentationTab(_ text: String) -> (line: Int, column: Int)? {
        // a tab is the byte 09, which is never part of another character in UTF-8: without one
        // there is none to find (the lines are split and read only when there is)
        guard text.utf8.contains(0x09) else { return nil }
        for (i, line) in yamlLines(text).enumerated() {
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
        let bad = UTF8Validation.firstInvalidOffset(bytes) ?? bytes.count
        var line = 1, column = 1
        // columns count scalars: continuation bytes do not start one
        for b in bytes[..<bad] where b & 0xC0 != 0x80 {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

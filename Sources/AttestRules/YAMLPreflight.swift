import CYaml
import Foundation

/// Measures a YAML text with libyaml's event parser before anything builds a tree from it.
///
/// The event parser never expands aliases, so this pass is linear in the size of the text. It
/// computes the number of nodes the document would have once every alias is expanded — which is
/// what makes an alias bomb ("billion laughs") expensive, whether the aliases are values or keys —
/// and the nesting depth, and refuses the text before Yams sees it.
public enum YAMLPreflight {
    public struct Refusal: Error {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Throws when the expanded document would exceed `maxNodes` nodes, nest deeper than
    /// `maxDepth`, or use more than `maxAliases` aliases. Syntax errors are left for the composer to report.
    /// The limits of every YAML file Attest reads besides rule packs (gold, `attest.yaml`).
    public static func checkData(_ text: String) throws(Refusal) {
        try check(text, maxNodes: 1_000_000, maxDepth: 64, maxAliases: 10_000)
    }

    public static func check(_ text: String, maxNodes: Int, maxDepth: Int, maxAliases: Int) throws(Refusal) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(Refusal) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var anchors: [String: Int] = [:]
            // each open collection: its expanded size so far and its anchor
            var stack: [(size: Int, anchor: String?)] = []
            var total = 0
            var aliases = 0
            func add(_ size: Int, _ event: yaml_event_t) throws(Refusal) {
                total += size
                if total > maxNodes {
                    throw Refusal(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                  message: "document expands to more than \(maxNodes) YAML nodes (aliases included)")
                }
                if !stack.isEmpty { stack[stack.count - 1].size += size }
            }
            func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    if let a = string(event.data.scalar.anchor) { anchors[a] = 1 }
                    try add(1, event)
                case YAML_ALIAS_EVENT:
                    aliases += 1
                    if aliases > maxAliases {
                        throw Refusal(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                      message: "more than \(maxAliases) YAML aliases")
                    }
                    let size = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                    try add(size, event)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                    stack.append((1, anchor))
                    total += 1
                    if stack.count > maxDepth {
                        throw Refusal(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                      message: "YAML nested more than \(maxDepth) levels deep")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = stack.popLast() else { continue }
                    if let a = closed.anchor { anchors[a] = closed.size }
                    // the collection's own node was counted when it opened
                    if !stack.isEmpty { stack[stack.count - 1].size += closed.size }
                default:
                    continue
                }
            }
        }
    }
}

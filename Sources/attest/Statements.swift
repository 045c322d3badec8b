import ArgumentParser
import AttestCorpus
import AttestFormats
import AttestModel
import Foundation

struct Statements: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the attributed statements of each document, one per line.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, table }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: jsonl or table.")
    var format: Format = .jsonl

    func run() throws {
        let (statements, readable) = input.load()
        switch format {
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var out = ""
            for s in statements {
                out += String(decoding: try encoder.encode(StatementRecord(s)), as: UTF8.self) + "\n"
            }
            Console.out(out)
        case .table:
            Console.out(table(statements))
        }
        if readable == 0 { throw ExitStatus.failure }
    }

    func table(_ statements: [Statement]) -> String {
        var out = "document\tindex\tdate\tspeaker\tdelegation\tkind\tiso3\tcapacity\ton_behalf_of\tattribution\ttext\n"
        for s in statements {
            let text = s.text.count > 80 ? String(s.text.prefix(77)) + "..." : s.text
            let how = s.attribution.map { "\($0.method.rawValue) (\($0.certainty.rawValue))" } ?? ""
            out += [s.document, String(s.index), s.date ?? "", s.speaker ?? "", s.delegation ?? "", s.kind.rawValue, s.iso3 ?? "",
                    s.capacity?.rawValue ?? "", s.onBehalfOf.joined(separator: ";"), how, text]
                .map { Escaping.terminal($0.replacingOccurrences(of: "\t", with: " ")) }.joined(separator: "\t") + "\n"
        }
        return out
    }
}

/// A statement as printed by `attest statements`: every field present, null when absent.
struct StatementRecord: Encodable {
    let s: Statement
    init(_ s: Statement) { self.s = s }

    enum Key: String, CodingKey {
        case document, index, id, speaker, delegation, kind, iso3, capacity, on_behalf_of, group, language, date, attribution, text, start, end, line
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(s.document, forKey: .document)
        try c.encode(s.index, forKey: .index)
        try c.encode(s.id, forKey: .id)
        try c.encode(s.speaker, forKey: .speaker)
        try c.encode(s.delegation, forKey: .delegation)
        try c.encode(s.kind.rawValue, forKey: .kind)
        try c.encode(s.iso3, forKey: .iso3)
        try c.encode(s.capacity?.rawValue, forKey: .capacity)
        try c.encode(s.onBehalfOf, forKey: .on_behalf_of)
        try c.encode(s.group, forKey: .group)
        try c.encode(s.language, forKey: .language)
        try c.encode(s.date, forKey: .date)
        try c.encode(s.attribution, forKey: .attribution)
        try c.encode(s.text, forKey: .text)
        try c.encode(s.start, forKey: .start)
        try c.encode(s.end, forKey: .end)
        try c.encode(s.line, forKey: .line)
    }
}

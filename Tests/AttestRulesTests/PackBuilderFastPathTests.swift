import AttestTestSupport
import XCTest
import Yams
@testable import AttestRules

/// The shortcuts that make loading a large pack fast give the answers of what they stand for.
final class PackBuilderFastPathTests: XCTestCase {
    func testKebabCaseByBytesIsTheCharacterDefinition() {
        let alphabet: [String] = ["a", "z", "m", "0", "9", "-", "--", "A", "Z", "_", " ", "é", "e\u{0301}", "١", "ⅻ", "Ⅻ", "ß", "ı",
                                  "\r\n", ".", "ａ", "\u{00A0}", "\u{2011}"]
        var rng = SplitMix64(state: 2482)
        var valid = 0
        for _ in 0..<20_000 {
            let id = (0..<Int.random(in: 0...7, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(PackBuilder.isKebabCase(id), PackBuilder.isKebabCaseByCharacter(id), id.debugDescription)
            if PackBuilder.isKebabCase(id) { valid += 1 }
        }
        XCTAssertGreaterThan(valid, 100)  // both answers occur
    }

    func testFieldsFindWhatTheMappingFinds() throws {
        // quoted and plain spellings, keys that are not scalars, empty values (Yams refuses
        // duplicate keys)
        let yaml = """
        - {id: a, title: T, 'match': x, ? [id]: y, 1: one, ~: null, "": empty, ? {a: b}: c}
        - id: c
          title: "  "
          tags: [a, b]
          examples: {match: [m], no_match: [n]}
        - {}
        """
        guard case .sequence(let items) = try XCTUnwrap(Yams.compose(yaml: yaml)) else { return XCTFail("not a sequence") }
        for item in items {
            guard case .mapping(let mapping) = item else { return XCTFail("not a mapping") }
            let fields = Fields(mapping)
            for key in ["id", "title", "match", "tags", "examples", "1", "~", "null", "", "ID", "[id]", "missing"] {
                XCTAssertEqual(fields.value(key), mapping.value(key), key)
            }
        }
    }
}

import AttestRules
import Foundation

/// A small fixed pack for the targets that need rules (merge, match): a phrase, a citation and
/// a `near`, so that compact records with labels can be read back.
public enum FuzzRules {
    public static let yaml = """
        pack:
          id: fuzz
          title: Fuzz
          version: "1"
        rules:
          - id: cites-2482
            title: Cites resolution 2482
            match:
              citation: {resolution: 2482}
          - id: sharing
            title: Information sharing
            match:
              any:
                - terms: ["information sharing"]
                - near:
                    a: {terms: [share]}
                    b: {terms: [information]}
                    within: 5
        """

    public static let rules: [Rule] = {
        let (pack, diagnostics) = RuleLoader().parse(Data(yaml.utf8), path: "fuzz.yaml")
        guard let pack, !diagnostics.contains(where: { $0.severity == .error }), !pack.rules.isEmpty else {
            fatalError("the fixed fuzz pack does not load: \(diagnostics)")
        }
        return pack.rules
    }()
}

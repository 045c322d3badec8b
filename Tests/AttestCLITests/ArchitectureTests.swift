import AttestTestSupport
import Foundation
import XCTest

/// The layers of docs/architecture.md, checked on the sources: a module imports only what
/// Package.swift declares for it, and declares only what its layer allows.
final class ArchitectureTests: XCTestCase {
    /// What each module may import (Attest modules and packages), from docs/architecture.md.
    static let allowed: [String: Set<String>] = [
        "AttestModel": [],
        "AttestFormats": ["CZlib"],
        "AttestText": ["AttestModel", "CAttestBytes"],
        "AttestCorpus": ["AttestModel", "AttestFormats", "AttestText", "AttestFacts"],
        "AttestRules": ["AttestModel", "AttestFormats", "CAttestRegex", "Yams", "CYaml"],
        "AttestMatching": ["AttestModel", "AttestFormats", "AttestText", "AttestRules", "CAttestBytes"],
        "AttestFacts": ["AttestModel", "AttestFormats"],
        "AttestClaims": ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestFacts"],
        "AttestAudit": ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestMatching", "AttestFacts", "AttestClaims"],
        "AttestEvaluation": ["AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestAudit", "Yams"],
        "AttestStreaming": ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit", "AttestClaims"],
        "AttestReports": ["AttestModel", "AttestFormats", "AttestText", "AttestAudit", "AttestEvaluation", "AttestFacts", "AttestClaims"],
    ]

    /// Modules that come with the toolchain and need no declaration.
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "XCTest", "Testing", "_FoundationICU", "FoundationEssentials"]

    /// Each target's declared dependencies, read from Package.swift.
    static func declared() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: ProcessRunner.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"(\w+)"(?:,\s*dependencies:\s*\[(.*?)\])?"#,
                                             options: [.dotMatchesLineSeparators])
        let name = try NSRegularExpression(pattern: #"(?:^|[\[,(\s])"(\w+)"|\.product\(name:\s*"(\w+)""#)
        var out: [String: Set<String>] = [:]
        let ns = manifest as NSString
        for m in target.matches(in: manifest, range: NSRange(location: 0, length: ns.length)) {
            let module = ns.substring(with: m.range(at: 1))
            var deps: Set<String> = []
            if m.range(at: 2).location != NSNotFound {
                let list = ns.substring(with: m.range(at: 2))
                let ls = list as NSString
                for d in name.matches(in: list, range: NSRange(location: 0, length: ls.length)) {
                    let r = d.range(at: 1).location != NSNotFound ? d.range(at: 1) : d.range(at: 2)
                    deps.insert(ls.substring(with: r))
                }
            }
            out[module] = deps
        }
        return out
    }

    /// The modules each source folder imports.
    static func imports(of module: String) throws -> Set<String> {
        let dir = ProcessRunner.root.appendingPathComponent("Sources/\(module)")
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                if let i = words.firstIndex(of: "import"), i + 1 < words.count, words[..<i].allSatisfy({ $0.hasPrefix("@") || $0 == "public" }) {
                    found.insert(String(words[i + 1]))
                }
            }
        }
        return found
    }

    func testEveryModuleImportsOnlyWhatPackageSwiftDeclares() throws {
        let declared = try Self.declared()
        for module in Self.allowed.keys.sorted() {
            let deps = try XCTUnwrap(declared[module], "\(module) is not a target of Package.swift")
            for i in try Self.imports(of: module).subtracting(Self.system).sorted() {
                // CYaml comes with the Yams product
                XCTAssertTrue(deps.contains(i) || (i == "CYaml" && deps.contains("Yams")), "\(module) imports \(i) but Package.swift does not declare it")
            }
        }
    }

    func testModulesDependOnlyDownwards() throws {
        let declared = try Self.declared()
        for (module, allowed) in Self.allowed {
            let deps = declared[module] ?? []
            XCTAssertTrue(deps.isSubset(of: allowed), "\(module) depends on \(deps.subtracting(allowed).sorted()), which its layer may not")
        }
        XCTAssertFalse(Self.allowed["AttestReports"]!.contains("AttestMatching"), "reporters never see the matcher")
        XCTAssertFalse(Self.allowed["AttestReports"]!.contains("AttestCorpus"), "reporters never see the readers")
    }
}

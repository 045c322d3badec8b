// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attest", targets: ["attest"]),
        .library(name: "AttestText", targets: ["AttestText"]),
        .library(name: "AttestCorpus", targets: ["AttestCorpus"]),
        .library(name: "AttestRules", targets: ["AttestRules"]),
        .library(name: "AttestMatching", targets: ["AttestMatching"]),
        .library(name: "AttestAudit", targets: ["AttestAudit"]),
        .library(name: "AttestReports", targets: ["AttestReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // words and sentences with offsets into the original text; depends on nothing
        .target(name: "AttestText"),
        // documents → statements
        .target(name: "AttestCorpus", dependencies: ["AttestText"], resources: [.copy("Resources/gazetteer.json")]),
        // RE2, the linear-time regex engine, from the system (Debian/Ubuntu: libre2-dev; headers and
        // library on the default paths), and a small C interface to it (RE2's own API is C++)
        .systemLibrary(name: "CRE2"),
        .target(name: "CAttestRegex", dependencies: ["CRE2"], linkerSettings: [.linkedLibrary("re2")]),
        // rule packs and their diagnostics; knows nothing of documents
        .target(name: "AttestRules", dependencies: ["CAttestRegex", .product(name: "Yams", package: "Yams")],
                cSettings: [.define("YAML_DECLARE_STATIC")], swiftSettings: [.define("YAML_DECLARE_STATIC")]),
        // text folding, phrase and citation matching, compiled rules; knows nothing of speakers
        .target(name: "AttestMatching", dependencies: ["AttestText", "AttestRules"]),
        // running packs over statements: findings and the coverage matrix
        .target(name: "AttestAudit", dependencies: ["AttestText", "AttestCorpus", "AttestRules", "AttestMatching", .product(name: "Yams", package: "Yams")]),
        // formats; see only findings and matrices
        .target(name: "AttestReports", dependencies: ["AttestAudit", "AttestMatching", "AttestText"]),
        .executableTarget(name: "attest", dependencies: [
            "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit", "AttestReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AttestTextTests", dependencies: ["AttestText"]),
        .testTarget(name: "AttestCorpusTests", dependencies: ["AttestCorpus"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AttestRulesTests", dependencies: ["AttestRules"]),
        .testTarget(name: "AttestMatchingTests", dependencies: ["AttestMatching", "AttestRules"]),
        .testTarget(name: "AttestAuditTests", dependencies: ["AttestAudit", "AttestCorpus", "AttestRules", "AttestMatching"]),
        .testTarget(name: "AttestReportsTests", dependencies: ["AttestReports", "AttestAudit"]),
        .testTarget(name: "AttestCLITests", dependencies: ["attest"]),
    ]
)

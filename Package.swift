// swift-tools-version:6.0
import PackageDescription

// The layers point one way (see docs/architecture.md):
//   AttestModel, AttestFormats            plain types and byte formats; depend on nothing (but the system zlib)
//   AttestText                            words and sentences with offsets
//   AttestFacts                           reference facts (Facts/*.csv) with the source of every row
//   AttestCorpus                          documents → statements
//   AttestRules                           rule packs and their diagnostics
//   AttestMatching                        compiled rules over text; knows nothing of speakers
//   AttestFacts, AttestClaims             reference facts; claims found and judged as of the statement date
//   AttestAudit                           statements × rules → findings, matrix, evidence
//   AttestEvaluation, AttestStreaming     scores against gold; match/merge for partitions
//   AttestReports                         one reporter per format; sees findings, never readers or the matcher
//   attest                                the CLI: flags to options, options to library calls
let package = Package(
    name: "Attest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attest", targets: ["attest"]),
        .library(name: "AttestModel", targets: ["AttestModel"]),
        .library(name: "AttestFormats", targets: ["AttestFormats"]),
        .library(name: "AttestText", targets: ["AttestText"]),
        .library(name: "AttestFacts", targets: ["AttestFacts"]),
        .library(name: "AttestCorpus", targets: ["AttestCorpus"]),
        .library(name: "AttestRules", targets: ["AttestRules"]),
        .library(name: "AttestMatching", targets: ["AttestMatching"]),
        .library(name: "AttestAudit", targets: ["AttestAudit"]),
        .library(name: "AttestEvaluation", targets: ["AttestEvaluation"]),
        .library(name: "AttestStreaming", targets: ["AttestStreaming"]),
        .library(name: "AttestReports", targets: ["AttestReports"]),
        .library(name: "AttestClaims", targets: ["AttestClaims"]),
    ],
    dependencies: [
        // exact: AttestRules imports Yams' internal module CYaml (the YAML preflight reads libyaml events)
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "AttestModel"),
        // the system zlib (apt: zlib1g-dev), for the deflated parts of the workbook
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "AttestFormats", dependencies: ["CZlib"]),
        .target(name: "AttestText", dependencies: ["AttestModel", "CAttestBytes"]),
        .target(name: "AttestFacts", dependencies: ["AttestModel", "AttestFormats"]),
        .target(name: "AttestCorpus", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestFacts"],
                resources: [.copy("Resources/gazetteer.json")]),
        // RE2, the linear-time regex engine, from the system (Debian/Ubuntu: libre2-dev; headers and
        // library on the default paths), and a small C interface to it (RE2's own API is C++)
        .systemLibrary(name: "CRE2"),
        .target(name: "CAttestRegex", dependencies: ["CRE2"], linkerSettings: [.linkedLibrary("re2")]),
        .target(name: "AttestRules", dependencies: ["AttestModel", "AttestFormats", "CAttestRegex", .product(name: "Yams", package: "Yams")],
                cSettings: [.define("YAML_DECLARE_STATIC")], swiftSettings: [.define("YAML_DECLARE_STATIC")]),
        // byte masks of the vector unit for the word scan (a header of static inline functions)
        .target(name: "CAttestBytes"),
        .target(name: "AttestMatching", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestRules", "CAttestBytes"]),
        .target(name: "AttestAudit", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestMatching",
                                                    "AttestFacts", "AttestClaims"]),
        .target(name: "AttestEvaluation", dependencies: ["AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestAudit",
                                                         .product(name: "Yams", package: "Yams")]),
        .target(name: "AttestStreaming", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit", "AttestClaims"]),
        .target(name: "AttestClaims", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestFacts"]),
        .target(name: "AttestReports", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestAudit", "AttestEvaluation", "AttestFacts", "AttestClaims"]),
        .executableTarget(name: "attest", dependencies: [
            "AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit", "AttestEvaluation",
            "AttestStreaming", "AttestReports", "AttestFacts", "AttestClaims",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "AttestTestSupport", dependencies: ["AttestModel", "AttestFormats", "AttestRules"], path: "Tests/AttestTestSupport"),
        .testTarget(name: "AttestModelTests", dependencies: ["AttestModel"]),
        .testTarget(name: "AttestFormatsTests", dependencies: ["AttestFormats", "AttestTestSupport"]),
        .testTarget(name: "AttestTextTests", dependencies: ["AttestText", "AttestModel", "AttestTestSupport", "CAttestBytes"]),
        .testTarget(name: "AttestFactsTests", dependencies: ["AttestFacts", "AttestFormats"]),
        .testTarget(name: "AttestCorpusTests", dependencies: ["AttestCorpus", "AttestFacts", "AttestModel", "AttestFormats", "AttestText", "AttestTestSupport"],
                    resources: [.copy("Fixtures")]),
        // BrokenPacks/ is read from the source tree by path (BrokenPacksTests), not built
        .testTarget(name: "AttestRulesTests", dependencies: ["AttestRules", "AttestModel", "AttestTestSupport",
                                                              .product(name: "Yams", package: "Yams")],
                    exclude: ["BrokenPacks"]),
        .testTarget(name: "AttestMatchingTests", dependencies: ["AttestMatching", "AttestRules", "AttestModel", "AttestFormats", "AttestText", "CAttestBytes",
                                                                "AttestTestSupport"]),
        .testTarget(name: "AttestAuditTests", dependencies: ["AttestAudit", "AttestEvaluation", "AttestStreaming", "AttestCorpus",
                                                             "AttestRules", "AttestMatching", "AttestModel", "AttestFormats", "AttestReports",
                                                             "AttestTestSupport"]),
        .testTarget(name: "AttestStreamingTests", dependencies: ["AttestStreaming", "AttestAudit", "AttestCorpus", "AttestMatching", "AttestRules",
                                                                 "AttestModel", "AttestFormats", "AttestTestSupport"]),
        .testTarget(name: "AttestReportsTests", dependencies: ["AttestReports", "AttestAudit", "AttestEvaluation", "AttestModel",
                                                               "AttestFormats", "AttestFacts", "AttestClaims", "AttestTestSupport"]),
        .testTarget(name: "AttestClaimsTests", dependencies: ["AttestClaims", "AttestFacts", "AttestRules", "AttestCorpus", "AttestModel",
                                                              "AttestReports", "AttestAudit", "AttestTestSupport"]),
        .testTarget(name: "AttestCLITests", dependencies: ["attest", "AttestTestSupport"]),
    ]
)

// swift-tools-version:6.0
import PackageDescription

// The layers point one way (see docs/architecture.md):
//   AttestModel, AttestFormats            plain types and byte formats; depend on nothing
//   AttestText                            words and sentences with offsets
//   AttestCorpus                          documents → statements
//   AttestRules                           rule packs and their diagnostics
//   AttestMatching                        compiled rules over text; knows nothing of speakers
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
        .library(name: "AttestCorpus", targets: ["AttestCorpus"]),
        .library(name: "AttestRules", targets: ["AttestRules"]),
        .library(name: "AttestMatching", targets: ["AttestMatching"]),
        .library(name: "AttestAudit", targets: ["AttestAudit"]),
        .library(name: "AttestEvaluation", targets: ["AttestEvaluation"]),
        .library(name: "AttestStreaming", targets: ["AttestStreaming"]),
        .library(name: "AttestReports", targets: ["AttestReports"]),
    ],
    dependencies: [
        // exact: AttestRules imports Yams' internal module CYaml (the YAML preflight reads libyaml events)
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "AttestModel"),
        .target(name: "AttestFormats"),
        .target(name: "AttestText", dependencies: ["AttestModel"]),
        .target(name: "AttestCorpus", dependencies: ["AttestModel", "AttestFormats", "AttestText"],
                resources: [.copy("Resources/gazetteer.json")]),
        .target(name: "AttestRules", dependencies: ["AttestModel", "AttestFormats", .product(name: "Yams", package: "Yams")],
                cSettings: [.define("YAML_DECLARE_STATIC")], swiftSettings: [.define("YAML_DECLARE_STATIC")]),
        .target(name: "AttestMatching", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestRules"]),
        .target(name: "AttestAudit", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestCorpus", "AttestRules", "AttestMatching"]),
        .target(name: "AttestEvaluation", dependencies: ["AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestAudit",
                                                         .product(name: "Yams", package: "Yams")]),
        .target(name: "AttestStreaming", dependencies: ["AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit"]),
        .target(name: "AttestReports", dependencies: ["AttestModel", "AttestFormats", "AttestText", "AttestAudit", "AttestEvaluation"]),
        .executableTarget(name: "attest", dependencies: [
            "AttestModel", "AttestFormats", "AttestCorpus", "AttestRules", "AttestMatching", "AttestAudit", "AttestEvaluation",
            "AttestStreaming", "AttestReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "AttestTestSupport", dependencies: ["AttestModel", "AttestRules"], path: "Tests/AttestTestSupport"),
        .testTarget(name: "AttestModelTests", dependencies: ["AttestModel"]),
        .testTarget(name: "AttestFormatsTests", dependencies: ["AttestFormats", "AttestTestSupport"]),
        .testTarget(name: "AttestTextTests", dependencies: ["AttestText", "AttestModel", "AttestTestSupport"]),
        .testTarget(name: "AttestCorpusTests", dependencies: ["AttestCorpus", "AttestModel", "AttestFormats", "AttestTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AttestRulesTests", dependencies: ["AttestRules", "AttestModel", "AttestTestSupport"]),
        .testTarget(name: "AttestMatchingTests", dependencies: ["AttestMatching", "AttestRules", "AttestModel", "AttestFormats", "AttestText",
                                                                "AttestTestSupport"]),
        .testTarget(name: "AttestAuditTests", dependencies: ["AttestAudit", "AttestEvaluation", "AttestStreaming", "AttestCorpus",
                                                             "AttestRules", "AttestMatching", "AttestModel", "AttestFormats", "AttestReports",
                                                             "AttestTestSupport"]),
        .testTarget(name: "AttestStreamingTests", dependencies: ["AttestStreaming", "AttestCorpus", "AttestMatching", "AttestRules",
                                                                 "AttestModel", "AttestFormats", "AttestTestSupport"]),
        .testTarget(name: "AttestReportsTests", dependencies: ["AttestReports", "AttestAudit", "AttestEvaluation", "AttestModel",
                                                               "AttestFormats", "AttestTestSupport"]),
        .testTarget(name: "AttestCLITests", dependencies: ["attest", "AttestTestSupport"]),
    ]
)

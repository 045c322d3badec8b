// swift-tools-version:6.0
// libFuzzer targets for Attest's parsers and matcher. Kept out of the main package so that the
// fuzzer build (`--sanitize fuzzer`) never touches its manifest or its build directory; see README.md.
import PackageDescription

let attest: [Target.Dependency] = [
    .product(name: "AttestModel", package: "main"),
    .product(name: "AttestText", package: "main"),
    .product(name: "AttestCorpus", package: "main"),
    .product(name: "AttestRules", package: "main"),
    .product(name: "AttestMatching", package: "main"),
]
let streaming: [Target.Dependency] = attest + [
    .product(name: "AttestFormats", package: "main"),
    .product(name: "AttestStreaming", package: "main"),
    .product(name: "AttestEvaluation", package: "main"),
]

let package = Package(
    name: "AttestFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // invariant checks shared by the targets; a violation is a fatalError, which libFuzzer reports as a crash
        .target(name: "FuzzSupport", dependencies: attest),
        .executableTarget(name: "FuzzRuleLoader", dependencies: attest + ["FuzzSupport"]),
        .executableTarget(name: "FuzzPressRelease", dependencies: attest + ["FuzzSupport"]),
        .executableTarget(name: "FuzzVerbatimRecord", dependencies: attest + ["FuzzSupport"]),
        .executableTarget(name: "FuzzJSONLines", dependencies: attest + ["FuzzSupport"]),
        .executableTarget(name: "FuzzMatcher", dependencies: attest + ["FuzzSupport"]),
        .executableTarget(name: "FuzzMerge", dependencies: streaming + ["FuzzSupport"]),
        .executableTarget(name: "FuzzGoldConfig", dependencies: streaming + ["FuzzSupport"]),
        .executableTarget(name: "FuzzLineSplitter", dependencies: streaming + ["FuzzSupport"]),
    ]
)

// swift-tools-version:6.2
import PackageDescription

// The libFuzzer target for Parley's MIME parser. It compiles the parser's own sources through symlinks
// (Sources/ParleyMail), so fuzz builds need no package dependencies and no network: the parser is pure
// Foundation. Build with -sanitize=fuzzer,address (see README.md).
let package = Package(
    name: "ParleyFuzz",
    targets: [
        .target(name: "ParleyMail"),
        .executableTarget(name: "ParleyMailFuzz", dependencies: ["ParleyMail"]),
    ]
)

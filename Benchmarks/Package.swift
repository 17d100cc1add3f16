// swift-tools-version:6.2
import PackageDescription

// Benchmarks live in their own package so their build never slows the product's. The MIME parser is
// pure Foundation, so it is compiled here from the same sources as Fuzz/ (symlinks), without fetching.
let package = Package(
    name: "ParleyBenchmarks",
    targets: [
        .target(name: "ParleyMail"),
        .executableTarget(name: "MailParseBench", dependencies: ["ParleyMail"]),
    ]
)

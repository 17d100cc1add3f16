// swift-tools-version:6.2
import PackageDescription

// Benchmarks live in their own package so their build never slows the product's. The MIME parser and
// the assistant's retrieval are pure Foundation, so they are compiled here from the product's sources
// (symlinks), without fetching.
let package = Package(
    name: "ParleyBenchmarks",
    targets: [
        .target(name: "ParleyMail"),
        .executableTarget(name: "MailParseBench", dependencies: ["ParleyMail"]),
        // The assistant's retrieval (ParleyCore/Retrieval and the locale fallback it uses), by symlinks.
        .target(name: "ParleyRetrieval"),
        .executableTarget(name: "RetrievalBench", dependencies: ["ParleyRetrieval"]),
    ]
)

// swift-tools-version:6.2
import PackageDescription

// The limits of the chat and webhook benchmarks: a bare WebSocket echo server and a bare HTTP
// endpoint on Parley's own stack (Hummingbird and HummingbirdWebSocket at the versions Parley asks
// for). A package of its own, so neither Parley's build nor the Foundation-only benchmarks beside it
// fetch or compile these dependencies.
let package = Package(
    name: "ParleyChatBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .executableTarget(
            name: "EchoServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .treatAllWarnings(as: .error),
            ]
        ),
        // The webhook benchmark's limit: a bare endpoint answering 200 on the same stack.
        .executableTarget(
            name: "BareEndpoint",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .treatAllWarnings(as: .error),
            ]
        ),
    ]
)

import Hummingbird
import HummingbirdWebSocket
import Logging

/// A WebSocket server that writes back every text frame it receives on `/echo`, configured like
/// Parley's widget socket (64 KiB frames, a ping every 30 s), so that the chat benchmark can put
/// Parley beside the least any server on this stack can do.
///
///     swift run -c release EchoServer 8099
@main
struct EchoServer {
    static func main() async throws {
        let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8099
        var logger = Logger(label: "echo")
        logger.logLevel = .warning
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("echo") { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 64 * 1024) {
                guard case .text(let text) = message else { continue }
                try await outbound.write(.text(text))
            }
        }
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(ws: .init(maxFrameSize: 64 * 1024, autoPing: .enabled(timePeriod: .seconds(30))))),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Echo"),
            logger: logger)
        try await app.runService()
    }
}

import Hummingbird
import Logging

/// An HTTP server that reads each POST's body and answers 200 with a small JSON object, on Parley's
/// own stack: the webhook benchmark's limit, what any endpoint on this stack costs before it does
/// anything with a webhook.
///
///     swift run -c release BareEndpoint 8098
@main
struct BareEndpoint {
    static func main() async throws {
        let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8098
        var logger = Logger(label: "bare")
        logger.logLevel = .warning
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.post("**") { request, _ -> Response in
            // Parley's webhook route reads the whole body before it checks the signature; so does this.
            _ = try await request.body.collect(upTo: 5 << 20)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"result":"ok"}"#)))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Bare"), logger: logger)
        try await app.runService()
    }
}

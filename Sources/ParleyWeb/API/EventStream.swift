import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParleyCore
import ParleyServices
import ServiceLifecycle

/// A Server-Sent Events response of bus events, for the API's `/api/v1/events` and the agent
/// application's `/app/events`.
///
/// Each event is `event: <type>` with the bus's small JSON `data`. A comment every `keepAlive` finds
/// dead connections and keeps proxies from closing idle ones; the stream ends when the server shuts
/// down, and `EventSource` reconnects after `retry`.
enum EventStream {
    /// The events on `topic` from the moment this is called. `alive` runs when the stream opens and
    /// at every keep-alive while it lasts.
    static func response(
        _ topic: String, on bus: any EventBus, keepAlive: Duration, alive: (@Sendable () async -> Void)? = nil
    ) -> Response {
        // One stream for events and keep-alives (nil), filled by the publisher itself: the writer
        // wakes once per event.
        let (events, continuation) = AsyncStream.makeStream(of: BusEvent?.self, bufferingPolicy: .bufferingNewest(256))
        bus.subscribe(topic: topic, into: continuation) { $0 }
        let body = ResponseBody { writer in
            let ticks = Task {
                await alive?()
                while (try? await Task.sleep(for: keepAlive)) != nil {
                    continuation.yield(nil)
                    await alive?()
                }
            }
            defer {
                ticks.cancel()
                continuation.finish()
            }
            try await withGracefulShutdownHandler {
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                for await event in events { try await writer.write(ByteBuffer(string: event.map(Self.frame) ?? ": keep-alive\n\n")) }
            } onGracefulShutdown: {
                continuation.finish()
            }
            try await writer.finish(nil)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        // nginx buffers responses unless told not to, which would hold events back.
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: body)
    }

    private static let decoder = SnakeCaseKeys.decoder()

    private static func frame(_ event: BusEvent) -> String {
        let type = (try? decoder.decode(InboxEvents.Payload.self, from: Data(event.payload.utf8)))?.type.rawValue ?? "message"
        return "event: \(type)\ndata: \(event.payload)\n\n"
    }
}

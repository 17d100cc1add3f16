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
    /// `alive` runs when the stream opens and at every keep-alive while it lasts.
    static func response(
        _ events: AsyncStream<BusEvent>, keepAlive: Duration, alive: (@Sendable () async -> Void)? = nil
    ) -> Response {
        let body = ResponseBody { writer in
            let (frames, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(256))
            let pump = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in events { continuation.yield(Self.frame(event)) }
                    }
                    group.addTask {
                        await alive?()
                        while (try? await Task.sleep(for: keepAlive)) != nil {
                            continuation.yield(": keep-alive\n\n")
                            await alive?()
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
                continuation.finish()
            }
            defer { pump.cancel() }
            try await withGracefulShutdownHandler {
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                for await frame in frames { try await writer.write(ByteBuffer(string: frame)) }
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

    private static func frame(_ event: BusEvent) -> String {
        let type = (try? JSONDecoder().decode(InboxEvents.Payload.self, from: Data(event.payload.utf8)))?.type.rawValue ?? "message"
        return "event: \(type)\ndata: \(event.payload)\n\n"
    }
}

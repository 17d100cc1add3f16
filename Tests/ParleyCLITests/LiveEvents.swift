import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// An agent's screen listening to `GET /api/v1/events` on a running server: it keeps every
/// Server-Sent Event it receives, as `event` and JSON `data`.
final class LiveEvents: Sendable {
    private let received = Mutex<[(event: String, data: [String: String])]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Connects; once the response has begun the server has subscribed, so nothing published afterwards is missed.
    static func listen(base: String, key: String) async throws -> LiveEvents {
        let live = LiveEvents()
        var request = HTTPClientRequest(url: base + "/api/v1/events")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response = try await HTTPClient.shared.execute(request, deadline: .distantFuture)
        guard response.status == .ok, response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true else {
            throw HTTPClientError.invalidHeaderFieldValues([response.headers.description])
        }
        let body = response.body
        live.task.withLock {
            $0 = Task {
                var pending = ""
                do {
                    for try await chunk in body {
                        pending += String(buffer: chunk)
                        while let end = pending.range(of: "\n\n") {
                            live.keep(String(pending[..<end.lowerBound]))
                            pending = String(pending[end.upperBound...])
                        }
                    }
                } catch {
                    // Stopped by the test or by the server shutting down: the events so far stay.
                }
            }
        }
        return live
    }

    /// Events received so far, oldest first.
    var events: [(event: String, data: [String: String])] { received.withLock { $0 } }

    func stop() {
        task.withLock { $0?.cancel() }
    }

    private func keep(_ frame: String) {
        var event = ""
        var data = ""
        for line in frame.split(separator: "\n") {
            if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data += line.dropFirst(6) }
        }
        guard !event.isEmpty, let json = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: String] else { return }
        received.withLock { $0.append((event, json)) }
    }
}

import Foundation
import Logging
import ParleyCore
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// The `EventBus` across nodes: `NOTIFY` on publish, one `LISTEN` connection per node delivering to
/// this node's subscribers. A node receives its own notifications too, so each event is delivered once.
public final class PostgresEventBus: EventBus, Service {
    /// PostgreSQL's limit on a notification payload is 8000 bytes; larger events are refused, not cut.
    public static let maximumPayloadBytes = 7900
    static let channel = "parley_events"

    private let database: ParleyDatabase
    private let local = LocalEventBus()
    private let logger: Logger
    private let listening = AsyncStream.makeStream(of: Void.self)

    public init(database: ParleyDatabase, logger: Logger) {
        precondition(database.backend == .postgres, "PostgresEventBus needs a PostgreSQL database")
        self.database = database
        self.logger = logger
    }

    public func publish(_ event: BusEvent) async throws {
        let payload = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        guard payload.utf8.count <= Self.maximumPayloadBytes else { throw EventBusError.payloadTooLarge(payload.utf8.count) }
        try await database.withConnection { session in
            let sql = session.sql
            try await sql.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: payload))").run()
        }
    }

    public func subscribe<Element: Sendable>(
        topic: String, into continuation: AsyncStream<Element>.Continuation, _ transform: @escaping @Sendable (BusEvent) -> Element?
    ) {
        local.subscribe(topic: topic, into: continuation, transform)
    }

    /// Returns once this node is listening, so that a caller can publish knowing it will hear back.
    public func waitUntilListening() async {
        for await _ in listening.stream { return }
    }

    /// Listens until shut down, reconnecting after a lost connection.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var delay = Duration.milliseconds(100)
            while !Task.isCancelled {
                do {
                    _ = try await self.database.withPostgresConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            self.listening.continuation.yield()
                            for try await notification in notifications {
                                self.deliver(notification.payload)
                            }
                        }
                    }
                    delay = .milliseconds(100)
                } catch {
                    if Task.isCancelled { return }
                    self.logger.warning("event bus lost its LISTEN connection", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    private func deliver(_ payload: String) {
        do {
            local.deliver(try JSONDecoder().decode(BusEvent.self, from: Data(payload.utf8)))
        } catch {
            logger.warning("ignored a malformed event notification", metadata: ["error": "\(error)"])
        }
    }
}

/// Why an event was not published.
public enum EventBusError: Error, Equatable {
    case payloadTooLarge(Int)
}

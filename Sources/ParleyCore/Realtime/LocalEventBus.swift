import Foundation
import Synchronization

/// The in-process `EventBus`: fans an event out to this process's subscribers.
///
/// On its own it serves a single node; a PostgreSQL-backed bus uses it to deliver what arrives by NOTIFY.
public final class LocalEventBus: EventBus {
    private struct Subscribers {
        var nextID = 0
        var byTopic: [String: [Int: @Sendable (BusEvent) -> Void]] = [:]
    }

    private let subscribers = Mutex(Subscribers())

    public init() {}

    public func publish(_ event: BusEvent) async throws {
        deliver(event)
    }

    /// Hands `event` to the subscribers in this process.
    public func deliver(_ event: BusEvent) {
        let targets = subscribers.withLock { Array(($0.byTopic[event.topic] ?? [:]).values) }
        for deliver in targets {
            deliver(event)
        }
    }

    public func subscribe<Element: Sendable>(
        topic: String, into continuation: AsyncStream<Element>.Continuation, _ transform: @escaping @Sendable (BusEvent) -> Element?
    ) {
        let id = subscribers.withLock { state in
            state.nextID += 1
            state.byTopic[topic, default: [:]][state.nextID] = { event in
                if let element = transform(event) { continuation.yield(element) }
            }
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { state in
                state.byTopic[topic]?[id] = nil
                if state.byTopic[topic]?.isEmpty == true { state.byTopic[topic] = nil }
            }
        }
    }
}

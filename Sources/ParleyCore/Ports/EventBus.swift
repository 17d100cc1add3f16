/// Something that happened, for whoever is listening live (agent screens, chat widgets).
public struct BusEvent: Sendable, Equatable, Codable {
    /// Who it is for, scoped to a shop: `shop:12:conversations`.
    public var topic: String
    /// A small JSON document; the store behind the bus holds the real data.
    public var payload: String

    public init(topic: String, payload: String) {
        self.topic = topic
        self.payload = payload
    }
}

/// Publish/subscribe for realtime updates. Delivery is best effort and live only: what must not be
/// lost goes through the job queue, and a listener that reconnects reloads from the store.
public protocol EventBus: Sendable {
    /// Delivers `event` to every current subscriber of its topic, on every node.
    func publish(_ event: BusEvent) async throws
    /// Yields each event on `topic` from now on into `continuation`, as `transform` makes it (nil
    /// skips it), until the continuation's stream ends.
    ///
    /// The event goes straight into the subscriber's own stream, on the publisher's task: a screen or
    /// a widget waiting for it wakes once, with no task in between to pass it on.
    func subscribe<Element: Sendable>(
        topic: String, into continuation: AsyncStream<Element>.Continuation, _ transform: @escaping @Sendable (BusEvent) -> Element?)
}

extension EventBus {
    /// Events on `topic` from now on, until the stream is dropped. A slow reader loses the oldest.
    public func subscribe(topic: String) -> AsyncStream<BusEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: BusEvent.self, bufferingPolicy: .bufferingNewest(256))
        subscribe(topic: topic, into: continuation) { $0 }
        return stream
    }
}

import Foundation
import ParleyCore
import ParleyStore
import Synchronization

/// The counts beside every inbox page, kept per agent until the shop's inbox changes.
///
/// Counting a view reads every open conversation of the shop; at a hundred thousand that was most of
/// a page's time, paid again for each page an agent opens although nothing changed. Any change the
/// shop's inbox announces on the bus (from this node or, on PostgreSQL, another) forgets the shop's
/// counts; presence does not, being no change. Counts are kept at most `lifetime`, because SLA
/// deadlines come due with time alone, and changes made outside the app (the API) announce nothing.
public final class InboxCountsCache: Sendable {
    public static let lifetime: TimeInterval = 15

    private struct Key: Hashable {
        let shop: ShopID
        let agent: Int64
    }

    private struct Entry {
        let counts: InboxCounts
        let generation: Int
        let at: Date
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Bumped by each change announced for the shop.
        var generations: [ShopID: Int] = [:]
        var watchers: [ShopID: Task<Void, Never>] = [:]
        var shops: [String: ShopID] = [:]
    }

    private let read: ReadInbox
    private let bus: any EventBus
    private let clock: any WallClock
    private let state = Mutex(State())

    public init(read: ReadInbox, bus: any EventBus, clock: any WallClock) {
        self.read = read
        self.bus = bus
        self.clock = clock
    }

    deinit {
        for watcher in state.withLock({ Array($0.watchers.values) }) { watcher.cancel() }
    }

    /// The counts of `agentID`'s views, as stored now or as kept since the shop's last change.
    public func counts(shop: ShopID, agentID: Int64) async throws -> InboxCounts {
        let key = Key(shop: shop, agent: agentID)
        let now = clock.now()
        let (kept, generation) = state.withLock { state -> (InboxCounts?, Int) in
            if state.watchers[shop] == nil {
                state.watchers[shop] = watch(shop)
                state.shops[InboxEvents.topic(shop: shop)] = shop
            }
            let generation = state.generations[shop, default: 0]
            guard let entry = state.entries[key], entry.generation == generation, now.timeIntervalSince(entry.at) < Self.lifetime
            else { return (nil, generation) }
            return (entry.counts, generation)
        }
        if let kept { return kept }
        let counts = try await read.counts(shop: shop, agentID: agentID)
        state.withLock { state in
            // A change announced while counting may be missing from them: keep them only if none was.
            if state.generations[shop, default: 0] == generation {
                state.entries[key] = Entry(counts: counts, generation: generation, at: now)
            }
        }
        return counts
    }

    /// The agent read `conversation`, which was unread: a change only they see, and one less unread
    /// when the counts hold it (open, not merged away).
    public func read(shop: ShopID, agentID: Int64, _ conversation: Conversation) {
        state.withLock { state in
            let key = Key(shop: shop, agent: agentID)
            guard let entry = state.entries[key] else { return }
            guard conversation.status == .open, conversation.mergedIntoID == nil else { return }
            let was = entry.counts
            state.entries[key] = Entry(
                counts: InboxCounts(
                    mine: was.mine, unassigned: was.unassigned, all: was.all, dueSoon: was.dueSoon, breached: was.breached,
                    unread: max(0, was.unread - 1)),
                generation: entry.generation, at: entry.at)
        }
    }

    /// Subscribes before returning, so no change announced from now on is missed.
    private func watch(_ shop: ShopID) -> Task<Void, Never> {
        let events = bus.subscribe(topic: InboxEvents.topic(shop: shop))
        return Task { [weak self] in
            for await event in events {
                guard let self else { return }
                self.noteChange(event)
            }
        }
    }

    private func noteChange(_ event: BusEvent) {
        let payload = try? SnakeCaseKeys.decoder().decode(InboxEvents.Payload.self, from: Data(event.payload.utf8))
        guard payload?.type != .presence else { return }
        state.withLock { state in
            guard let shop = state.shops[event.topic] else { return }
            state.generations[shop, default: 0] += 1
            state.entries = state.entries.filter { $0.key.shop != shop }
        }
    }

    /// `bus`, forgetting a shop's counts the moment this node announces a change to its inbox: the
    /// page an agent is sent to after acting must not show counts from before, and the announcement
    /// comes back through the bus only later (from PostgreSQL, after a round trip).
    public func announcing(on bus: any EventBus) -> any EventBus { Announcing(cache: self, bus: bus) }

    private struct Announcing: EventBus {
        let cache: InboxCountsCache
        let bus: any EventBus

        func publish(_ event: BusEvent) async throws {
            cache.noteChange(event)
            try await bus.publish(event)
        }

        func subscribe<Element: Sendable>(
            topic: String, into continuation: AsyncStream<Element>.Continuation, _ transform: @escaping @Sendable (BusEvent) -> Element?
        ) {
            bus.subscribe(topic: topic, into: continuation, transform)
        }
    }
}

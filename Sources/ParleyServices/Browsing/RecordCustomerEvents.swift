import Foundation
import ParleyCore
import ParleyStore

/// Records what a visitor who consented looked at on the shop's pages, sent by the widget.
///
/// The visitor is the chat's: the browser's one token says who they are in both, so what they
/// browsed shows for the customer they become when they chat. A browser without a working token
/// gets a new one, as the chat's `hello` would give it.
public struct RecordCustomerEvents: Sendable {
    /// Events one request may carry; the widget sends far fewer.
    public static let perRequest = 20
    /// Events kept per visitor, newest first: enough for "recently viewed" and automation, too few
    /// for a script to fill the database through one visitor.
    public static let keptPerVisitor = 500

    public struct Recorded: Sendable, Equatable {
        /// How many of the events were stored (unknown types and unusable ones are left out).
        public let count: Int
        /// A new visitor token for the browser to keep, when it had none that works.
        public let issuedToken: String?
    }

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Stores `events` for the visitor holding `token`; `consent` must be true, the page's word
    /// that the visitor agreed to it.
    public func callAsFunction(shop: Shop, token: String?, consent: Bool?, events: [CustomerEventInput]) async throws -> Recorded {
        guard consent == true else {
            throw InvalidInput(field: "consent", reason: "must be true: browsing is recorded only after the visitor agreed to it")
        }
        guard events.count <= Self.perRequest else {
            throw InvalidInput(field: "events", reason: "holds more than \(Self.perRequest) events; send them in smaller batches")
        }
        let now = clock.now()
        let cleaned = events.compactMap { $0.cleaned(now: now) }
        // Nothing usable gives no visitor either: junk must not fill the visitors' table.
        guard !cleaned.isEmpty else { return Recorded(count: 0, issuedToken: nil) }
        return try await database.transaction { sql in
            let chats = ChatRepository(sql)
            var issued: String?
            var visitor: ChatVisitor?
            if let token, !token.isEmpty { visitor = try await chats.visitor(shop: shop.id, tokenHash: SecretDigest.hex(token)) }
            if visitor == nil {
                let secret = OpaqueToken.make(prefix: "vt_", length: 32)
                visitor = try await chats.insertVisitor(
                    shop: shop.id, publicID: OpaqueToken.make(prefix: "vis_"), tokenHash: SecretDigest.hex(secret), locale: nil, now: now)
                issued = secret
            }
            guard let visitor else { throw StoreError.missingRow("chat visitor") }
            let stored = CustomerEventRepository(sql)
            try await stored.insert(shop: shop.id, visitorID: visitor.id, customerID: visitor.customerID, cleaned)
            try await stored.prune(shop: shop.id, visitorID: visitor.id, keep: Self.keptPerVisitor)
            if let customerID = visitor.customerID, let viewed = cleaned.first(where: { $0.kind == .product }) {
                try await FlowTriggers.viewed(shop: shop.id, customerID: customerID, at: viewed.occurredAt, on: sql, now: now)
            }
            return Recorded(count: cleaned.count, issuedToken: issued)
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Email addresses that bounced for good, which automatic mail (acknowledgements, order updates)
/// skips: listed for agents, and lifted by an agent when the customer has fixed their mailbox.
/// Agents' own replies still go out, and a new hard bounce suppresses again.
public struct Suppressions: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) {
        self.database = database
    }

    /// The shop's suppressed addresses, oldest first.
    public func list(shop: ShopID, since: Date? = nil, cursor: String?, limit: Int) async throws -> Page<EmailSuppression> {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.withConnection { sql in
                try await SuppressionRepository(sql).list(shop: shop, after: after, since: since, limit: count)
            }
        }
    }

    /// Automatic mail to `address` goes out again.
    public func lift(shop: ShopID, address: String) async throws {
        let lifted = try await database.withConnection { sql in
            try await SuppressionRepository(sql).remove(shop: shop, address: address)
        }
        guard lifted else { throw MessageError.addressNotSuppressed(address) }
    }
}

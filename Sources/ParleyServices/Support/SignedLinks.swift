import Foundation
import ParleyCore
import ParleyStore

/// Public links of one kind signed under the shop's link key (`ShopLinkSigner`), on the address
/// customers reach this installation at.
struct SignedLinks: Sendable {
    let database: ParleyDatabase
    let clock: any WallClock
    /// Where customers reach this installation (`https://help.shop.example`), without a final slash.
    let publicURL: String

    init(database: ParleyDatabase, clock: any WallClock, publicURL: String) {
        self.database = database
        self.clock = clock
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// `{publicURL}/{path}/{signature of message}`, within the caller's transaction (the key is made on first use).
    func link(_ path: String, signing message: String, shop: ShopID, on sql: DatabaseSession) async throws -> String {
        Self.link(publicURL: publicURL, path, signing: message, key: try await ShopLinkSigner.key(shop: shop, on: sql, now: clock.now()))
    }

    /// The same under a `key` already read, for a batch of messages.
    static func link(publicURL: String, _ path: String, signing message: String, key: String) -> String {
        "\(publicURL)/\(path)/\(ShopLinkSigner.signature(message, key: key))"
    }
}

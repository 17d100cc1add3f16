import Foundation
import ParleyCore
import ParleyStore

/// Signed links to an order's public tracking page: `/t/{shop}/{order}/{signature}`.
///
/// The signature is an HMAC of the shop and order ids under the shop's link key (`ShopLinkSigner`):
/// a link cannot be forged for another order, and rotating the key revokes every link.
public struct TrackingLinks: Sendable {
    private let links: SignedLinks

    /// `publicURL` is where customers reach this installation (`https://help.shop.example`).
    public init(database: ParleyDatabase, clock: any WallClock, publicURL: String) {
        links = SignedLinks(database: database, clock: clock, publicURL: publicURL)
    }

    /// The address of the tracking page of order `publicID` in `shop`.
    public func url(shop: Shop, order publicID: String) async throws -> String {
        try await links.database.transaction { sql in try await url(shop: shop, order: publicID, on: sql) }
    }

    /// The same address, within the caller's transaction `sql` (the key is made on first use).
    func url(shop: Shop, order publicID: String, on sql: DatabaseSession) async throws -> String {
        try await links.link("t/\(shop.slug)/\(publicID)", signing: Self.message(shop: shop, order: publicID), shop: shop.id, on: sql)
    }

    /// Whether `signature` is the one for order `publicID` in `shop`, compared in constant time.
    public func isValid(shop: Shop, order publicID: String, signature: String) async throws -> Bool {
        try await links.database.withConnection { sql in
            try await ShopLinkSigner.isValid(signature, for: Self.message(shop: shop, order: publicID), shop: shop.id, on: sql)
        }
    }

    private static func message(shop: Shop, order: String) -> String { "track:\(shop.slug):\(order)" }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}

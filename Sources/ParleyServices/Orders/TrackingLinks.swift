import Crypto
import Foundation
import ParleyCore
import ParleyStore
import SQLKit

/// Signed links to an order's public tracking page: `/t/{shop}/{order}/{signature}`.
///
/// The signature is an HMAC of the shop and order ids under a per-shop key that Parley makes on
/// first use and keeps in the shop's internal settings; it never leaves the database. A link cannot
/// be forged for another order, and rotating the key (removing the setting) revokes every link.
public struct TrackingLinks: Sendable {
    static let keySetting = "internal.tracking_key"
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let publicURL: String

    /// `publicURL` is where customers reach this installation (`https://help.shop.example`).
    public init(database: ParleyDatabase, clock: any WallClock, publicURL: String) {
        self.database = database
        self.clock = clock
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// The address of the tracking page of order `publicID` in `shop`.
    public func url(shop: Shop, order publicID: String) async throws -> String {
        let key = try await signingKey(shop: shop.id)
        return "\(publicURL)/t/\(shop.slug)/\(publicID)/\(Self.signature(shopSlug: shop.slug, order: publicID, key: key))"
    }

    /// Whether `signature` is the one for order `publicID` in `shop`, compared in constant time.
    public func isValid(shop: Shop, order publicID: String, signature: String) async throws -> Bool {
        guard
            let key = try await database.withConnection({ sql in
                try await ShopSettingsRepository(sql).value(shop: shop.id, key: Self.keySetting)
            })
        else { return false }
        // The encoded text is compared, not its decoding: base64's last character has spare bits, and
        // a second spelling of the same signature must not pass.
        let presented = Array(signature.utf8)
        let expected = Array(Self.signature(shopSlug: shop.slug, order: publicID, key: key).utf8)
        guard presented.count == expected.count else { return false }
        return zip(presented, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func signingKey(shop: ShopID) async throws -> String {
        try await database.transaction { sql in
            let settings = ShopSettingsRepository(sql)
            if let key = try await settings.value(shop: shop, key: Self.keySetting) { return key }
            let key = OpaqueToken.make(prefix: "", length: 43)
            try await settings.set(shop: shop, key: Self.keySetting, value: key, now: clock.now())
            return key
        }
    }

    static func signature(shopSlug: String, order: String, key: String) -> String {
        Data(mac(shopSlug: shopSlug, order: order, key: key).prefix(16)).base64URLEncoded
    }

    private static func mac(shopSlug: String, order: String, key: String) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: Data("track:\(shopSlug):\(order)".utf8), using: SymmetricKey(data: Data(key.utf8)))
    }
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

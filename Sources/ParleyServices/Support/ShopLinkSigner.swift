import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// Signs Parley's public links (tracking pages, address confirmations) with a per-shop key that
/// Parley makes on first use and keeps in the shop's internal settings; it never leaves the
/// database, and removing it revokes every link of the shop.
enum ShopLinkSigner {
    static let keySetting = "internal.tracking_key"

    /// The shop's key, made now when it has none.
    static func key(shop: ShopID, on sql: DatabaseSession, now: Date) async throws -> String {
        let settings = ShopSettingsRepository(sql)
        if let key = try await settings.value(shop: shop, key: keySetting) { return key }
        let key = OpaqueToken.make(prefix: "", length: 43)
        try await settings.set(shop: shop, key: keySetting, value: key, now: now)
        return key
    }

    /// The signature of `message` (which names what it is for: `track:…`, `confirm:…`) under `key`.
    static func signature(_ message: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(Data(mac).prefix(16)).base64URLEncoded
    }

    /// Whether `presented` is the signature of `message`, compared in constant time.
    ///
    /// The encoded text is compared, not its decoding: base64's last character has spare bits, and a
    /// second spelling of the same signature must not pass.
    static func isValid(_ presented: String, for message: String, shop: ShopID, on sql: DatabaseSession) async throws -> Bool {
        guard let key = try await ShopSettingsRepository(sql).value(shop: shop, key: keySetting) else { return false }
        let given = Array(presented.utf8)
        let expected = Array(signature(message, key: key).utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

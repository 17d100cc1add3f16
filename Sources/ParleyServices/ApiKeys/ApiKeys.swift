import Foundation
import ParleyCore
import ParleyStore

/// Creates API keys and finds the shop a presented key belongs to.
public struct ApiKeys: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Creates a key for `shop` and returns it; this is the only time the key exists outside the caller.
    ///
    /// Keys look like `prl_3kTq9aZx_…`: the prefix tells staff which key is which without revealing it.
    public func create(shop: ShopID, name: String) async throws -> String {
        let prefix = OpaqueToken.make(prefix: "", length: 8)
        let key = "prl_\(prefix)_" + OpaqueToken.make(prefix: "", length: 32)
        try await database.withConnection { sql in
            try await ApiKeyRepository(sql).insert(
                shop: shop, name: name, prefix: prefix, secretHash: SecretDigest.hex(key), now: clock.now())
        }
        return key
    }

    /// Revokes every key of `shop` named `name` (the demo replaces its key at each start).
    public func revoke(shop: ShopID, name: String) async throws {
        try await database.withConnection { sql in try await ApiKeyRepository(sql).revoke(shop: shop, name: name, now: clock.now()) }
    }

    /// The shop `key` belongs to, or nil for an unknown or revoked key.
    public func authenticate(_ key: String) async throws -> ShopID? {
        let now = clock.now()
        return try await database.withConnection { sql in
            let keys = ApiKeyRepository(sql)
            guard let found = try await keys.shop(secretHash: SecretDigest.hex(key)) else { return nil }
            try await keys.touch(keyID: found.keyID, now: now)
            return found.shop
        }
    }
}

import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// Makes a retried POST safe: the first request under an `Idempotency-Key` runs, later ones get its stored answer.
public struct IdempotentRequests: Sendable {
    /// Keys are remembered for a day, as payment providers do; a client retries within minutes.
    public static let retention: TimeInterval = 24 * 3600
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Claims `key` for this request; returns the earlier outcome when the key was seen before.
    public func begin(shop: ShopID, key: String, method: String, path: String, body: Data) async throws -> IdempotentReplay? {
        guard (1...255).contains(key.utf8.count) else {
            throw InvalidInput(field: "Idempotency-Key", reason: "must be 1 to 255 characters")
        }
        var hash = SHA256()
        hash.update(data: Data("\(method) \(path)\n".utf8))
        hash.update(data: body)
        let fingerprint = SecretDigest.hex(hash.finalize())
        let now = clock.now()
        return try await database.transaction { sql in
            let store = IdempotencyRepository(sql)
            try await store.deleteOlder(than: now.addingTimeInterval(-Self.retention))
            return try await store.begin(shop: shop, key: key, fingerprint: fingerprint, now: now)
        }
    }

    /// Stores the answer given to the request that holds `key`.
    public func complete(shop: ShopID, key: String, status: Int, contentType: String?, body: Data) async throws {
        try await database.withConnection { sql in
            try await IdempotencyRepository(sql).complete(shop: shop, key: key, status: status, contentType: contentType, body: body)
        }
    }

    /// Frees `key` after a request that failed, so it can be retried.
    public func release(shop: ShopID, key: String) async throws {
        try await database.withConnection { sql in try await IdempotencyRepository(sql).release(shop: shop, key: key) }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Creates, lists and revokes API keys, and finds the key a request presents.
public struct ApiKeys: Sendable {
    /// Names are for people telling keys apart, not for essays.
    static let nameLimit = 100

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Creates a key for `shop`; the result holds the only copy of the key there will ever be.
    ///
    /// Keys look like `prl_3kTq9aZx_…`: the prefix tells staff which key is which without revealing it.
    public func create(
        shop: ShopID, name: String, scope: ApiKey.Scope = .full, expiresAt: Date? = nil, by actor: AuditActor = .system
    ) async throws -> CreatedApiKey {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw InvalidInput(field: "name", reason: "must be one line of 1 to \(Self.nameLimit) characters") }
        try Validation.text(name, field: "name", limit: Self.nameLimit)
        let now = clock.now()
        if let expiresAt, expiresAt <= now { throw InvalidInput(field: "expires_at", reason: "must be in the future") }
        let prefix = OpaqueToken.make(prefix: "", length: 8)
        let key = "prl_\(prefix)_" + OpaqueToken.make(prefix: "", length: 32)
        let info = try await database.transaction { sql in
            let info = try await ApiKeyRepository(sql).insert(
                shop: shop, name: name, prefix: prefix, secretHash: SecretDigest.hex(key), scope: scope, expiresAt: expiresAt, now: now)
            var detail = ["name": name, "scope": scope.rawValue]
            detail["expires_at"] = expiresAt?.formatted(.iso8601)
            try await AuditLog.append(shop: shop, actor, "api_key.created", target: "prl_\(prefix)", detail: detail, on: sql, at: now)
            return info
        }
        return CreatedApiKey(key: key, info: info)
    }

    /// The shop's keys, oldest first, revoked and expired ones included.
    public func list(shop: ShopID, since: Date? = nil, cursor: String?, limit: Int) async throws -> Page<ApiKey> {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.withConnection { sql in
                try await ApiKeyRepository(sql).list(shop: shop, after: after, since: since, limit: count)
            }
        }
    }

    /// Revokes the key named by its prefix (`prl_3kTq9aZx` or `3kTq9aZx`); it stops working at once.
    public func revoke(shop: ShopID, prefix: String, by actor: AuditActor = .system) async throws -> ApiKey {
        let bare = prefix.hasPrefix("prl_") ? String(prefix.dropFirst(4).prefix(8)) : prefix
        let now = clock.now()
        return try await database.transaction { sql in
            let keys = ApiKeyRepository(sql)
            guard let key = try await keys.find(shop: shop, prefix: bare) else { throw ApiKeyError.keyNotFound("prl_\(bare)") }
            guard try await keys.revoke(shop: shop, prefix: bare, now: now) else {
                throw ApiKeyError.alreadyRevoked(key.label)
            }
            try await AuditLog.append(
                shop: shop, actor, "api_key.revoked", target: "prl_\(bare)", detail: ["name": key.name], on: sql, at: now)
            return try await keys.find(shop: shop, prefix: bare) ?? key
        }
    }

    /// Revokes every key of `shop` named `name` (the demo replaces its key at each start).
    public func revoke(shop: ShopID, name: String) async throws {
        try await database.withConnection { sql in try await ApiKeyRepository(sql).revoke(shop: shop, name: name, now: clock.now()) }
    }

    /// The live key `key` is, or why it opens nothing.
    public func authenticate(_ key: String) async throws -> ApiKey {
        let now = clock.now()
        // Every API request comes here: a read beside the writes, and a write only when the last use
        // on record is older than `touch` keeps it to (a minute), not one per request.
        let found = try await database.read { sql in try await ApiKeyRepository(sql).find(secretHash: SecretDigest.hex(key)) }
        guard let found else { throw ApiKeyRefusal.unknown }
        if found.revokedAt != nil { throw ApiKeyRefusal.revoked }
        guard found.isLive(at: now) else { throw ApiKeyRefusal.expired }
        if found.lastUsedAt.map({ now.timeIntervalSince($0) >= ApiKeyRepository.touchInterval }) ?? true {
            try await database.withConnection { sql in try await ApiKeyRepository(sql).touch(keyID: found.id, now: now) }
        }
        return found
    }
}

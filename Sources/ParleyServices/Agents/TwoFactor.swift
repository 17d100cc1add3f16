import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// Two-step sign-in with an authenticator app (RFC 6238 codes) and ten one-time recovery codes:
/// an agent sets it up and confirms it with a code, then every sign-in asks for a code after the
/// password. A code works once; a recovery code works once and is then gone. Owners may require it
/// for the shop (`security.require_two_factor`); the operator can reset it for an agent who lost
/// their phone (`parley user reset-two-factor`).
public struct TwoFactor: Sendable {
    static let recoveryCodeCount = 10
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Starts setting up: a new secret, not in force until `confirm` gets a code made from it.
    public func begin(shop: ShopID, agent: Agent, shopName: String) async throws -> TwoFactorSetup {
        var bytes = [UInt8](repeating: 0, count: 20)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        try await database.withConnection { sql in
            try await AgentRepository(sql).setTwoFactorSecret(shop: shop, agentID: agent.id, secret: Base32.encode(bytes))
        }
        return Self.setup(bytes, agent: agent, shopName: shopName)
    }

    /// The setup begun and not yet confirmed, to show again after a mistyped code.
    public func pendingSetup(shop: ShopID, agent: Agent, shopName: String) async throws -> TwoFactorSetup? {
        let state = try await database.withConnection { sql in try await AgentRepository(sql).twoFactor(shop: shop, agentID: agent.id) }
        guard let state, state.enabledAt == nil, let bytes = state.secret.flatMap(Base32.decode) else { return nil }
        return Self.setup(bytes, agent: agent, shopName: shopName)
    }

    private static func setup(_ bytes: [UInt8], agent: Agent, shopName: String) -> TwoFactorSetup {
        let secret = Base32.encode(bytes)
        let grouped = stride(from: 0, to: secret.count, by: 4).map { String(secret.dropFirst($0).prefix(4)) }.joined(separator: " ")
        return TwoFactorSetup(secret: grouped, uri: TOTP.provisioningURI(secret: bytes, account: agent.email, issuer: "Parley \(shopName)"))
    }

    /// Puts two-step sign-in in force once `code` comes from the new secret; returns the recovery
    /// codes, which exist in clear only in this answer.
    public func confirm(shop: ShopID, agent: Agent, code: String) async throws -> [String] {
        let now = clock.now()
        return try await database.transaction { sql in
            let agents = AgentRepository(sql)
            guard let state = try await agents.twoFactor(shop: shop, agentID: agent.id), let secret = state.secret.flatMap(Base32.decode)
            else { throw TwoFactorError.notSetUp }
            guard let step = TOTP(secret: secret).matchingStep(code, at: now) else { throw TwoFactorError.wrongCode }
            let codes = (0..<Self.recoveryCodeCount).map { _ in Self.recoveryCode() }
            try await agents.enableTwoFactor(
                shop: shop, agentID: agent.id, step: step, recoveryHashes: codes.map(Self.hash), now: now)
            try await AuditLog.append(
                shop: shop, AuditActor(.agent, name: agent.email), "two_factor.enabled", target: agent.email, on: sql, at: now)
            return codes
        }
    }

    /// Whether `code` is the agent's current code (not used before) or one of their recovery codes,
    /// spending it either way.
    public func verify(shop: ShopID, agentID: Int64, code: String) async throws -> Bool {
        let now = clock.now()
        return try await database.transaction { sql in
            let agents = AgentRepository(sql)
            guard let state = try await agents.twoFactor(shop: shop, agentID: agentID), state.enabledAt != nil,
                let secret = state.secret.flatMap(Base32.decode)
            else { return false }
            if let step = TOTP(secret: secret).matchingStep(code, at: now) {
                return try await agents.useStep(shop: shop, agentID: agentID, step: step)
            }
            let hashed = Self.hash(code)
            guard state.recoveryHashes.contains(hashed) else { return false }
            try await agents.setRecoveryHashes(shop: shop, agentID: agentID, state.recoveryHashes.filter { $0 != hashed })
            return true
        }
    }

    /// Turns two-step sign-in off with a current code, unless the shop requires it.
    public func disable(shop: ShopID, agent: Agent, code: String) async throws {
        guard try await !Self.required(shop: shop, database: database) else { throw TwoFactorError.required }
        guard try await verify(shop: shop, agentID: agent.id, code: code) else { throw TwoFactorError.wrongCode }
        let now = clock.now()
        try await database.transaction { sql in
            try await AgentRepository(sql).setTwoFactorSecret(shop: shop, agentID: agent.id, secret: nil)
            try await AuditLog.append(
                shop: shop, AuditActor(.agent, name: agent.email), "two_factor.disabled", target: agent.email, on: sql, at: now)
        }
    }

    /// Turns it off for an agent who lost their authenticator: the operator's command line only.
    public func reset(shop: ShopID, email: String) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let agents = AgentRepository(sql)
            guard let found = try await agents.find(shop: shop, email: email.lowercased()) else { throw AgentError.agentNotFound(email) }
            try await agents.setTwoFactorSecret(shop: shop, agentID: found.agent.id, secret: nil)
            try await AuditLog.append(shop: shop, .cli, "two_factor.reset", target: found.agent.email, on: sql, at: now)
        }
    }

    /// Whether the agent has two-step sign-in in force.
    public func isEnabled(shop: ShopID, agentID: Int64) async throws -> Bool {
        try await database.withConnection { sql in try await AgentRepository(sql).twoFactor(shop: shop, agentID: agentID)?.enabledAt != nil
        }
    }

    /// Whether the shop's owner requires two-step sign-in of every agent.
    public func isRequired(shop: ShopID) async throws -> Bool {
        try await Self.required(shop: shop, database: database)
    }

    static func required(shop: ShopID, database: ParleyDatabase) async throws -> Bool {
        try await database.withConnection { sql in
            try await ShopSettingsRepository(sql).value(shop: shop, key: "security.require_two_factor") == "on"
        }
    }

    /// `xxxxx-xxxxx` from an alphabet without look-alikes: 50 bits, typed once in an emergency.
    private static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let characters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(characters.prefix(5)) + "-" + String(characters.suffix(5))
    }

    private static func hash(_ code: String) -> String {
        SecretDigest.hex(code.lowercased().filter { !$0.isWhitespace })
    }
}

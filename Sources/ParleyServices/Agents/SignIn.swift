import Foundation
import HummingbirdBcrypt
import ParleyCore
import ParleyStore

/// Why a sign-in was refused. Deliberately vague to the caller: which part was wrong is not said.
public enum SignInError: Error, Equatable {
    case invalidCredentials
    case throttled(retryAfter: Date)
}

/// A new session: the token goes into the cookie; only its hash is stored.
public struct NewSession: Sendable {
    public let agent: Agent
    public let token: String
    public let csrfToken: String
    public let expiresAt: Date
}

/// Checks an agent's email and password and opens a session.
public struct SignIn: Sendable {
    public static let sessionLifetime: TimeInterval = 14 * 24 * 3600
    // Checked when no agent has the email, so the answer takes as long as a real check.
    private static let decoyHash = Bcrypt.hash("parley-decoy-password", cost: AddAgent.bcryptCost)

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let throttle: LoginThrottle

    public init(database: ParleyDatabase, clock: any WallClock, throttle: LoginThrottle) {
        self.database = database
        self.clock = clock
        self.throttle = throttle
    }

    /// `client` identifies where the attempt comes from (the remote address) for the throttle.
    public func callAsFunction(email rawEmail: String, password: String, client: String) async throws -> NewSession {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = clock.now()
        if let retryAfter = throttle.retryAfter(client: client, email: email, now: now) {
            throw SignInError.throttled(retryAfter: retryAfter)
        }
        let candidates = try await database.withConnection { sql in try await AgentRepository(sql).signInCandidates(email: email) }
        guard let match = candidates.first(where: { Bcrypt.verify(password, hash: $0.passwordHash) }) else {
            if candidates.isEmpty { _ = Bcrypt.verify(password, hash: Self.decoyHash) }
            throttle.recordFailure(client: client, email: email, now: now)
            throw SignInError.invalidCredentials
        }
        throttle.recordSuccess(client: client, email: email)
        let token = OpaqueToken.make(prefix: "", length: 43)
        let csrf = OpaqueToken.make(prefix: "", length: 32)
        let expiresAt = now.addingTimeInterval(Self.sessionLifetime)
        try await database.transaction { sql in
            let sessions = AgentSessionRepository(sql)
            try await sessions.deleteExpired(now: now)
            try await sessions.insert(
                shop: match.agent.shopID, agentID: match.agent.id, tokenHash: SecretDigest.hex(token), csrfToken: csrf,
                now: now, expiresAt: expiresAt)
        }
        return NewSession(agent: match.agent, token: token, csrfToken: csrf, expiresAt: expiresAt)
    }
}

/// Finds the agent behind a session cookie, and ends sessions.
public struct AgentSessions: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The live session for the cookie's `token`.
    public func resolve(token: String) async throws -> AgentSession? {
        let now = clock.now()
        return try await database.withConnection { sql in
            try await AgentSessionRepository(sql).find(tokenHash: SecretDigest.hex(token), now: now)
        }
    }

    /// Ends the session for `token` (sign out).
    public func end(token: String) async throws {
        try await database.withConnection { sql in try await AgentSessionRepository(sql).delete(tokenHash: SecretDigest.hex(token)) }
    }
}

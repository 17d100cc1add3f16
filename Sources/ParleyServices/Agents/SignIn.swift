import Foundation
import HummingbirdBcrypt
import ParleyCore
import ParleyStore

/// Why a sign-in was refused. Deliberately vague to the caller: which part was wrong is not said.
public enum SignInError: Error, Equatable {
    case invalidCredentials
    case throttled(retryAfter: Date)
}

/// Checks an agent's email and password and opens a session.
public struct SignIn: Sendable {
    public static let sessionLifetime: TimeInterval = 14 * 24 * 3600
    /// How long the code may take after the password.
    static let secondStepLifetime: TimeInterval = 5 * 60
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
        var match: AgentCredentials?
        for candidate in candidates where try await PasswordHash.matches(password, candidate.passwordHash) {
            match = candidate
            break
        }
        guard let match else {
            if candidates.isEmpty { _ = try await PasswordHash.matches(password, Self.decoyHash) }
            throttle.recordFailure(client: client, email: email, now: now)
            throw SignInError.invalidCredentials
        }
        throttle.recordSuccess(client: client, email: email)
        let stage: SessionStage =
            if match.twoFactorEnabled {
                .secondFactor
            } else if try await TwoFactor.required(shop: match.agent.shopID, database: database) {
                .enroll
            } else {
                .complete
            }
        return try await open(for: match.agent, stage: stage, now: now)
    }

    /// Completes a sign-in that waits for its two-step code: the waiting session ends and a full one
    /// begins (a new token, so the one seen before the code opens nothing). Wrong codes count
    /// towards the same throttle as wrong passwords.
    public func secondStep(token: String, code: String, client: String) async throws -> NewSession {
        let now = clock.now()
        let sessions = AgentSessions(database: database, clock: clock)
        guard let pending = try await sessions.resolve(token: token, stages: [.secondFactor]) else {
            throw SignInError.invalidCredentials
        }
        let email = pending.agent.email
        if let retryAfter = throttle.retryAfter(client: client, email: email, now: now) {
            throw SignInError.throttled(retryAfter: retryAfter)
        }
        guard
            try await TwoFactor(database: database, clock: clock).verify(shop: pending.agent.shopID, agentID: pending.agent.id, code: code)
        else {
            throttle.recordFailure(client: client, email: email, now: now)
            throw TwoFactorError.wrongCode
        }
        throttle.recordSuccess(client: client, email: email)
        try await sessions.end(token: token)
        return try await open(for: pending.agent, stage: .complete, now: now)
    }

    private func open(for agent: Agent, stage: SessionStage, now: Date) async throws -> NewSession {
        let token = OpaqueToken.make(prefix: "", length: 43)
        let csrf = OpaqueToken.make(prefix: "", length: 32)
        let expiresAt = now.addingTimeInterval(stage == .secondFactor ? Self.secondStepLifetime : Self.sessionLifetime)
        try await database.transaction { sql in
            let sessions = AgentSessionRepository(sql)
            try await sessions.deleteExpired(now: now)
            try await sessions.insert(
                shop: agent.shopID, agentID: agent.id, tokenHash: SecretDigest.hex(token), csrfToken: csrf, now: now,
                expiresAt: expiresAt, stage: stage)
        }
        return NewSession(agent: agent, token: token, csrfToken: csrf, expiresAt: expiresAt, stage: stage)
    }
}

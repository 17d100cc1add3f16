import Foundation
import HummingbirdBcrypt
import ParleyCore
import ParleyStore

/// Finds the agent behind a session cookie, and ends sessions.
public struct AgentSessions: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The live, complete session for the cookie's `token`: what every page but sign-in asks for.
    public func resolve(token: String) async throws -> AgentSession? {
        try await resolve(token: token, stages: [.complete])
    }

    /// The live session for `token` if it is at one of `stages`.
    public func resolve(token: String, stages: Set<SessionStage>) async throws -> AgentSession? {
        let now = clock.now()
        let found = try await database.withConnection { sql in
            try await AgentSessionRepository(sql).find(tokenHash: SecretDigest.hex(token), now: now)
        }
        return found.flatMap { stages.contains($0.stage) ? $0 : nil }
    }

    /// Lets a session that had to set up two-step sign-in in, now that it has.
    public func complete(token: String) async throws {
        try await database.withConnection { sql in
            try await AgentSessionRepository(sql).setStage(tokenHash: SecretDigest.hex(token), stage: .complete)
        }
    }

    /// Ends the session for `token` (sign out).
    public func end(token: String) async throws {
        try await database.withConnection { sql in try await AgentSessionRepository(sql).delete(tokenHash: SecretDigest.hex(token)) }
    }
}

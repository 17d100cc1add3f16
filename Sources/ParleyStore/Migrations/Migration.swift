import Foundation
import SQLKit

/// One forward-only step of the schema. Steps are never edited once released: a change is a new step.
///
/// Statements are shared by both databases; `$ID` stands for the dialect's BIGINT identity key and
/// `$BLOB` for its byte type. Timestamps are `TIMESTAMPTZ` (PostgreSQL) and stored by SQLite as the
/// REAL seconds since 1970 that its driver binds for a `Date`.
public struct Migration: Sendable {
    public let id: String
    public let statements: [String]
    /// Tables whose rows, once written, the database refuses to change or delete (the audit log).
    public let appendOnly: [String]
    /// Statements for one database only, run after the shared ones (full-text indexes).
    public let only: [ParleyDatabase.Backend: [String]]
    /// Work in Swift after the statements, in the same transaction: filling a new index with rows
    /// written before it existed.
    public let backfill: (@Sendable (any SQLDatabase) async throws -> Void)?

    public init(
        id: String, statements: [String], appendOnly: [String] = [], only: [ParleyDatabase.Backend: [String]] = [:],
        backfill: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) {
        self.id = id
        self.statements = statements
        self.appendOnly = appendOnly
        self.only = only
        self.backfill = backfill
    }

    /// Every step, in the order it is applied.
    public static let all: [Migration] = [
        .foundation, .orderUpdates, .messages, .inbox, .inboxLimits, .suppressions, .auditLog, .apiKeyScopes, .configurationWaits,
        .routingIdentifiers, .customerErasure, .twoFactor, .agentInbox, .search,
        .conversationSearch, .teams, .messageTemplates, .shopLogos, .articles, .liveChat, .orderPostcodes, .callbacks,
        .customerEvents, .mailReferences, .jobLeases, .shopCounterSequences, .webhooks, .apiChannels, .consentPurposes,
        .customerPreferences, .messageHolds,
        .customerEventSources, .flows, .flowOptions, .segments, .campaigns, .messageEngagements, .customerEventAge,
        .preferenceTopics,
    ]

    func statements(for backend: ParleyDatabase.Backend) -> [String] {
        statements.map {
            $0.replacingOccurrences(of: "$ID", with: backend.identityColumn)
                .replacingOccurrences(of: "$BLOB", with: backend.blobType)
        } + appendOnly.flatMap(backend.appendOnlyGuard(table:)) + (only[backend] ?? [])
    }
}

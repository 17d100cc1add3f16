import Foundation
import ParleyCore
import SQLKit

/// What a search document stands for.
public enum SearchDocumentKind: String, Sendable {
    /// A message's subject and text; found conversations are the message's current one (after merges too).
    case message
    /// A conversation's subject.
    case subject
    /// A customer's name and identities; found conversations are theirs.
    case customer
}

/// All SQL about the inbox search index: documents folded by `SearchText`, matched by FTS5 on
/// SQLite and `tsvector` on PostgreSQL.
public struct SearchRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Indexes `text` as the document of `kind` for `targetID`, replacing what was indexed before.
    public func index(shop: ShopID, kind: SearchDocumentKind, targetID: Int64, text: String) async throws {
        try await sql.raw(
            """
            INSERT INTO search_documents (shop_id, kind, target_id, body)
            VALUES (\(bind: shop.rawValue), \(bind: kind.rawValue), \(bind: targetID), \(bind: SearchText.fold(text)))
            ON CONFLICT (kind, target_id) DO UPDATE SET body = excluded.body
            """
        ).run()
    }

    /// Indexes every message, conversation and customer written before the index existed.
    func indexEverything() async throws {
        for row in try await sql.raw("SELECT id, shop_id, subject, clean_text FROM conversation_messages").all() {
            let subject: String? = try row.value("subject")
            try await index(
                shop: try row.shopID, kind: .message, targetID: try row.value("id"),
                text: [subject ?? "", try row.value("clean_text", as: String.self)].joined(separator: "\n"))
        }
        for row in try await sql.raw("SELECT id, shop_id, subject FROM conversations").all() {
            try await index(shop: try row.shopID, kind: .subject, targetID: try row.value("id"), text: try row.value("subject"))
        }
        for row in try await sql.raw(
            """
            SELECT c.id, c.shop_id, c.name, i.kind, i.value FROM customers c LEFT JOIN customer_identities i ON i.customer_id = c.id
            ORDER BY c.id
            """
        ).all() {
            let name: String? = try row.value("name")
            let kind: String? = try row.value("kind")
            let identity = try row.value("value", as: String?.self).map { kind == "phone" ? $0 + " " + SearchText.phoneWords($0) : $0 }
            let id: Int64 = try row.value("id")
            // One row per identity: the document grows with each.
            let existing = try await sql.raw(
                "SELECT body FROM search_documents WHERE kind = 'customer' AND target_id = \(bind: id)"
            ).first().map { try $0.value("body", as: String.self) }
            let words = existing.map { $0 + " " + (identity ?? "") } ?? [name ?? "", identity ?? ""].joined(separator: " ")
            try await index(shop: try row.shopID, kind: .customer, targetID: id, text: words)
        }
    }

    /// Makes removed documents' words unreadable: FTS5 only marks them deleted in its segments until
    /// they are merged, so after an erasure the index is merged at once. PostgreSQL's index holds no
    /// text of its own beyond the rows.
    public func purgeRemoved() async throws {
        guard !sql.isPostgres else { return }
        try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run()
    }

    /// Forgets the documents of `kind` for `targetIDs` (an erased customer's words).
    public func remove(shop: ShopID, kind: SearchDocumentKind, targetIDs: [Int64]) async throws {
        for targetID in targetIDs {
            try await sql.raw(
                """
                DELETE FROM search_documents
                WHERE shop_id = \(bind: shop.rawValue) AND kind = \(bind: kind.rawValue) AND target_id = \(bind: targetID)
                """
            ).run()
        }
    }

    /// A condition on conversation `c` that holds when every word (folded, as `SearchText.words` gives
    /// them) begins a word of its messages, its subject or its customer.
    static func conversationCondition(shop: ShopID, words: [String], postgres: Bool) -> SQLQueryString {
        var condition: SQLQueryString = "1 = 1"
        for word in words {
            let match: SQLQueryString =
                postgres
                ? "to_tsvector('simple', d.body) @@ to_tsquery('simple', \(bind: word + ":*"))"
                : "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH \(bind: "\"" + word + "\"*"))"
            condition += """
                 AND c.id IN (
                    SELECT m.conversation_id FROM search_documents d JOIN conversation_messages m ON m.id = d.target_id
                    WHERE d.shop_id = \(bind: shop.rawValue) AND d.kind = 'message' AND \(match)
                    UNION SELECT d.target_id FROM search_documents d
                    WHERE d.shop_id = \(bind: shop.rawValue) AND d.kind = 'subject' AND \(match)
                    UNION SELECT c2.id FROM search_documents d JOIN conversations c2 ON c2.customer_id = d.target_id
                    WHERE d.shop_id = \(bind: shop.rawValue) AND d.kind = 'customer' AND \(match))
                """
        }
        return condition
    }
}

extension SQLDatabase {
    /// Whether this connection speaks PostgreSQL (otherwise SQLite).
    var isPostgres: Bool { dialect.name == "postgresql" }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about the inbox search index: one document per conversation holding its subject, its
/// messages' text and its customer's name and identities, folded by `SearchText`, matched by FTS5 on
/// SQLite and `tsvector` on PostgreSQL.
public struct SearchRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Adds a new message's words to its conversation's document, without reading the rest again.
    func append(shop: ShopID, conversationID: Int64, text: String) async throws {
        try await sql.raw(
            """
            INSERT INTO conversation_search (conversation_id, shop_id, body)
            VALUES (\(bind: conversationID), \(bind: shop.rawValue), \(bind: SearchText.fold(text)))
            ON CONFLICT (conversation_id) DO UPDATE SET body = CASE
                WHEN length(conversation_search.body) < \(bind: SearchText.conversationLength)
                THEN conversation_search.body || ' ' || excluded.body ELSE conversation_search.body END
            """
        ).run()
    }

    /// Writes the documents of these conversations again from what they hold now: after messages
    /// moved (merge, split), a subject or customer changed, or a customer was erased.
    public func rebuild(shop: ShopID, conversationIDs: [Int64]) async throws {
        // A customer's words are read once, however many of their conversations are written.
        var customers: [Int64: String] = [:]
        for conversationID in Set(conversationIDs) {
            guard
                let conversation = try await sql.raw(
                    """
                    SELECT subject, customer_id FROM conversations
                    WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: conversationID)
                    """
                ).first()
            else { continue }
            var body = try await head(
                shop: shop, subject: try conversation.value("subject"), customerID: try conversation.value("customer_id"),
                customers: &customers)
            for row in try await sql.raw(
                """
                SELECT subject, clean_text FROM conversation_messages
                WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID) ORDER BY id
                """
            ).all() where body.count < SearchText.conversationLength {
                // Each message folded on its own, as `append` adds it, so both give the same document.
                body += " " + SearchText.fold(Self.messageText(subject: try row.value("subject"), text: try row.value("clean_text")))
            }
            try await write(shop: shop, conversationID: conversationID, body: body)
        }
    }

    /// Writes the document of a conversation just opened: its subject and its customer's words, as
    /// `rebuild` would, without reading back what the caller has just written. Its messages append
    /// their words.
    func open(shop: ShopID, conversationID: Int64, subject: String, customerID: Int64?) async throws {
        var customers: [Int64: String] = [:]
        let body = try await head(shop: shop, subject: subject, customerID: customerID, customers: &customers)
        try await write(shop: shop, conversationID: conversationID, body: body)
    }

    /// A document's beginning: the subject and the customer's words, each customer read once.
    private func head(shop: ShopID, subject: String, customerID: Int64?, customers: inout [Int64: String]) async throws -> String {
        var body = SearchText.fold(subject)
        if let customerID {
            if customers[customerID] == nil {
                customers[customerID] = SearchText.fold(try await customerWords(shop: shop, customerID: customerID))
            }
            body += " " + (customers[customerID] ?? "")
        }
        return body
    }

    private func write(shop: ShopID, conversationID: Int64, body: String) async throws {
        try await sql.raw(
            """
            INSERT INTO conversation_search (conversation_id, shop_id, body)
            VALUES (\(bind: conversationID), \(bind: shop.rawValue), \(bind: body))
            ON CONFLICT (conversation_id) DO UPDATE SET body = excluded.body
            """
        ).run()
    }

    /// The words of one message: its subject (of an email) and text.
    static func messageText(subject: String?, text: String) -> String {
        [subject ?? "", text].joined(separator: "\n")
    }

    /// Writes the documents of the customer's conversations again: their name or identities changed.
    public func rebuild(shop: ShopID, customerID: Int64) async throws {
        let rows = try await sql.raw(
            "SELECT id FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)"
        ).all()
        try await rebuild(shop: shop, conversationIDs: try rows.map { try $0.value("id") })
    }

    /// The customer's name and identities, phone numbers also as the words they are typed in.
    private func customerWords(shop: ShopID, customerID: Int64) async throws -> String {
        let name = try await sql.raw(
            "SELECT name FROM customers WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: customerID)"
        ).first().flatMap { try $0.value("name", as: String?.self) }
        let identities = try await sql.raw(
            """
            SELECT kind, value FROM customer_identities
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) ORDER BY id
            """
        ).all().map { row in
            let value: String = try row.value("value")
            return try row.value("kind", as: String.self) == "phone" ? value + " " + SearchText.phoneWords(value) : value
        }
        return ([name ?? ""] + identities).joined(separator: " ")
    }

    /// Indexes every conversation written before the index existed.
    func indexEverything() async throws {
        var byShop: [ShopID: [Int64]] = [:]
        for row in try await sql.raw("SELECT id, shop_id FROM conversations ORDER BY id").all() {
            byShop[try row.shopID, default: []].append(try row.value("id"))
        }
        for (shop, ids) in byShop { try await rebuild(shop: shop, conversationIDs: ids) }
    }

    /// Makes removed words unreadable: FTS5 only marks them deleted in its segments until they are
    /// merged, so after an erasure the index is merged at once. PostgreSQL's index holds no text of
    /// its own beyond the rows.
    public func purgeRemoved() async throws {
        guard !sql.isPostgres else { return }
        try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run()
    }

    /// Where a search reads from: on SQLite the index itself (`f`), so that a page of conversations
    /// newest first is read in the index's own order and stops after the page, however common the word.
    static func source(postgres: Bool) -> SQLQueryString {
        postgres ? "conversations c" : "search_fts f JOIN conversations c ON c.id = f.rowid"
    }

    /// A condition on conversation `c` (read from `source`) that holds when every word (folded, as
    /// `SearchText.words` gives them) begins a word of its document.
    static func condition(shop: ShopID, words: [String], postgres: Bool) -> SQLQueryString {
        if postgres {
            let query = words.map { $0 + ":*" }.joined(separator: " & ")
            return """
                EXISTS (SELECT 1 FROM conversation_search s WHERE s.conversation_id = c.id AND s.shop_id = \(bind: shop.rawValue)
                    AND s.words @@ to_tsquery('simple', \(bind: query)))
                """
        }
        let query = words.map { "\"" + $0 + "\"*" }.joined(separator: " AND ")
        return "search_fts MATCH \(bind: query)"
    }

    /// The column a search page is ordered by: the index's own row id on SQLite, which is the
    /// conversation's id.
    static func order(postgres: Bool) -> SQLQueryString {
        postgres ? "c.id" : "f.rowid"
    }
}

extension SQLDatabase {
    /// Whether this connection speaks PostgreSQL (otherwise SQLite).
    var isPostgres: Bool { dialect.name == "postgresql" }
}

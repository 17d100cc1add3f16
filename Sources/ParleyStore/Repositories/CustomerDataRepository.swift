import Foundation
import ParleyCore
import SQLKit

/// All SQL that reaches every row about one customer, beyond their own tables: to export what
/// Parley holds about them, and to erase it.
public struct CustomerDataRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The customer's conversations, merged-away ones too, oldest first.
    public func conversations(shop: ShopID, customerID: Int64) async throws -> [Conversation] {
        let ids = try await sql.raw(
            "SELECT id FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) ORDER BY id"
        ).all().map { try $0.value("id", as: Int64.self) }
        var found: [Conversation] = []
        for id in ids {
            if let conversation = try await ConversationRepository(sql).find(shop: shop, id: id) { found.append(conversation) }
        }
        return found
    }

    /// Received mail filed into `conversationIDs`, or sent from one of `addresses` and not filed
    /// (held), oldest first.
    public func inboundMail(shop: ShopID, conversationIDs: [Int64], addresses: [String]) async throws -> [InboundMail] {
        var query: SQLQueryString = "SELECT id FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND (1 = 0"
        for id in conversationIDs { query += " OR conversation_id = \(bind: id)" }
        for address in addresses { query += " OR lower(envelope_from) = \(bind: address.lowercased())" }
        query += ") ORDER BY id"
        var found: [InboundMail] = []
        for row in try await sql.raw(query).all() {
            if let mail = try await InboundMailRepository(sql).find(shop: shop, id: try row.value("id")) { found.append(mail) }
        }
        return found
    }

    /// Removes the customer's personal data and keeps what the shop's figures need: the customer
    /// row without name, language or zone; orders with their numbers, totals, stages and items but
    /// no tracking; conversations and messages with their times and states but no text, sender or
    /// subject; no identities, consents, timeline, browsing, attachments, raw mail or suppressions of
    /// theirs, and no browser that still opens their chat.
    ///
    /// Every statement is idempotent, so a job that dies halfway and runs again finishes the work.
    public func erase(shop: ShopID, customerID: Int64, addresses: [String], now: Date) async throws {
        let shopID = shop.rawValue
        let conversations = try await conversations(shop: shop, customerID: customerID).map(\.id)
        let mail = try await inboundMail(shop: shop, conversationIDs: conversations, addresses: addresses).map(\.id)
        for id in conversations {
            try await sql.raw(
                """
                DELETE FROM attachments WHERE shop_id = \(bind: shopID) AND conversation_message_id IN
                    (SELECT id FROM conversation_messages WHERE conversation_id = \(bind: id))
                """
            ).run()
            try await sql.raw(
                """
                UPDATE conversation_messages SET sender = NULL, subject = NULL, clean_text = '', body_text = NULL, body_html = NULL,
                    quoted = NULL, signature = NULL, message_id = NULL, threading = NULL, machine = NULL
                WHERE shop_id = \(bind: shopID) AND conversation_id = \(bind: id)
                """
            ).run()
            try await sql.raw("DELETE FROM conversation_participants WHERE shop_id = \(bind: shopID) AND conversation_id = \(bind: id)")
                .run()
            try await sql.raw("DELETE FROM mail_references WHERE shop_id = \(bind: shopID) AND conversation_id = \(bind: id)").run()
            try await sql.raw(
                "UPDATE conversation_events SET detail = NULL WHERE shop_id = \(bind: shopID) AND conversation_id = \(bind: id)"
            )
            .run()
            try await sql.raw(
                "UPDATE conversations SET subject = '', normalized_subject = '' WHERE shop_id = \(bind: shopID) AND id = \(bind: id)"
            ).run()
        }
        for id in mail {
            try await sql.raw(
                """
                UPDATE inbound_mail SET raw = \(bind: Data()), size = 0, sender = NULL, envelope_from = NULL, envelope_to = NULL,
                    remote_address = NULL, detail = NULL
                WHERE shop_id = \(bind: shopID) AND id = \(bind: id)
                """
            ).run()
        }
        try await sql.raw(
            """
            UPDATE message_events SET detail = NULL WHERE shop_id = \(bind: shopID) AND message_id IN
                (SELECT id FROM messages WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE messages SET recipient = NULL, subject = NULL, body_text = '', body_html = NULL, message_id = NULL,
                last_error = NULL, provider_response = NULL, in_reply_to = NULL, references_header = NULL
            WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE order_stage_events SET tracking_number = NULL, tracking_url = NULL WHERE shop_id = \(bind: shopID) AND order_id IN
                (SELECT id FROM orders WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE orders SET tracking_number = NULL, tracking_url = NULL
            WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID)
            """
        ).run()
        for address in addresses {
            try await sql.raw("DELETE FROM email_suppressions WHERE shop_id = \(bind: shopID) AND address = \(bind: address.lowercased())")
                .run()
        }
        try await CustomerEventRepository(sql).erase(shop: shop, customerID: customerID)
        try await ChatRepository(sql).forgetVisitors(shop: shop, customerID: customerID)
        for table in [
            "timeline_events", "customer_identities", "customer_consents", "customer_preferences", "webhook_deliveries", "flow_runs",
        ] {
            try await sql.raw(
                "DELETE FROM \(unsafeRaw: table) WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID)"
            ).run()
        }
        try await sql.raw(
            """
            UPDATE customers SET name = NULL, locale = NULL, time_zone = NULL, preferred_channel = NULL,
                erased_at = COALESCE(erased_at, \(bind: now)), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shopID) AND id = \(bind: customerID)
            """
        ).run()
        // The search index held the same words, folded: written again from what is left.
        try await SearchRepository(sql).rebuild(shop: shop, customerID: customerID)
        try await SearchRepository(sql).purgeRemoved()
    }

    /// Clears traces of `needles` (the customer's addresses, numbers, public id) that other rows
    /// picked up in passing: a job's last error quoting a refused address, a stored idempotent answer.
    public func eraseTraces(shop: ShopID, of needles: [String]) async throws {
        guard !needles.isEmpty else { return }
        let lowered = needles.map { $0.lowercased() }
        let matches = { (text: String) in lowered.contains { text.lowercased().contains($0) } }
        for row in try await sql.raw(
            "SELECT id, last_error FROM jobs WHERE shop_id = \(bind: shop.rawValue) AND last_error IS NOT NULL"
        ).all() where matches(try row.value("last_error", as: String.self)) {
            try await sql.raw("UPDATE jobs SET last_error = NULL WHERE id = \(bind: try row.value("id", as: Int64.self))").run()
        }
        for row in try await sql.raw("SELECT id, body FROM idempotent_requests WHERE shop_id = \(bind: shop.rawValue)").all() {
            let body: Data? = try row.value("body")
            if let body, matches(String(decoding: body, as: UTF8.self)) {
                try await sql.raw("DELETE FROM idempotent_requests WHERE id = \(bind: try row.value("id", as: Int64.self))").run()
            }
        }
    }
}

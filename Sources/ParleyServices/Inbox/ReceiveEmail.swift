import Foundation
import ParleyCore
import ParleyStore

/// Takes an email for a shop: stores the raw bytes and queues the job that files it into a
/// conversation, in one transaction, so that once this returns the message cannot be lost.
///
/// Every inbound path ends here: the SMTP listener (before it says 250), `parley mailgate` and
/// `POST /api/v1/inbound/email`. Parsing and threading happen in `FileIncomingEmail`, so a message
/// that confuses them is still kept, retried and viewable.
public struct ReceiveEmail: Sendable {
    /// 25 MB, the common limit of large mailbox providers.
    public static let defaultSizeLimit = 25 * 1024 * 1024

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let sizeLimit: Int

    public init(database: ParleyDatabase, clock: any WallClock, sizeLimit: Int = ReceiveEmail.defaultSizeLimit) {
        self.database = database
        self.clock = clock
        self.sizeLimit = sizeLimit
    }

    /// Stores `mail` for `shop`; returns the stored record (its `publicID` names it in replies and the API).
    public func callAsFunction(shop: ShopID, _ mail: NewInboundMail) async throws -> InboundMail {
        // Line breaks and spaces alone are no message either, on every path alike.
        guard mail.raw.contains(where: { ![0x0D, 0x0A, 0x20, 0x09].contains($0) }) else { throw ReceiveEmailError.empty }
        guard mail.raw.count <= sizeLimit else { throw ReceiveEmailError.tooLarge(size: mail.raw.count, limit: sizeLimit) }
        let now = clock.now()
        let publicID = OpaqueToken.make(prefix: "eml_")
        return try await database.transaction { sql in
            let inbound = InboundMailRepository(sql)
            let stored = try await inbound.insert(shop: shop, publicID: publicID, mail, now: now)
            try await FileIncomingEmail.enqueue(shop: shop, publicID: publicID, on: sql, now: now)
            return stored
        }
    }

    /// Files a message held by the per-sender limit after all; it is filed as if it had just come.
    public func release(shop: ShopID, publicID: String) async throws -> InboundMail {
        let now = clock.now()
        return try await database.transaction { sql in
            let inbound = InboundMailRepository(sql)
            guard let mail = try await inbound.find(shop: shop, publicID: publicID) else { throw HeldEmailError.emailNotFound(publicID) }
            guard mail.status == .held else { throw HeldEmailError.notHeld(publicID, status: mail.status.rawValue) }
            try await inbound.release(shop: shop, id: mail.id)
            try await FileIncomingEmail.enqueue(shop: shop, publicID: publicID, released: true, on: sql, now: now)
            return try await inbound.find(shop: shop, id: mail.id) ?? mail
        }
    }

    /// Sets a held message aside for good: it is not filed, but its bytes stay for the record.
    public func discard(shop: ShopID, publicID: String) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let inbound = InboundMailRepository(sql)
            guard let mail = try await inbound.find(shop: shop, publicID: publicID) else { throw HeldEmailError.emailNotFound(publicID) }
            guard mail.status == .held else { throw HeldEmailError.notHeld(publicID, status: mail.status.rawValue) }
            try await inbound.finish(
                shop: shop, id: mail.id, status: .ignored, detail: "discarded by an agent", conversationID: nil, sender: mail.sender,
                now: now)
        }
    }

    /// Received messages with `status` (`held` ones wait for an agent), oldest first, without their bytes.
    public func list(shop: ShopID, status: InboundMailStatus, since: Date? = nil, cursor: String?, limit: Int) async throws
        -> Page<InboundMail>
    {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.withConnection { sql in
                try await InboundMailRepository(sql).list(shop: shop, status: status, after: after, since: since, limit: count)
            }
        }
    }

    /// The status of a received message: stored, filed into a conversation (named by its public id),
    /// or set aside and why.
    public func status(shop: ShopID, publicID: String) async throws -> (mail: InboundMail, conversation: String?) {
        let found = try await database.withConnection { sql -> (InboundMail, String?)? in
            guard let mail = try await InboundMailRepository(sql).find(shop: shop, publicID: publicID) else { return nil }
            guard let id = mail.conversationID else { return (mail, nil) }
            return (mail, try await ConversationRepository(sql).find(shop: shop, id: id)?.publicID)
        }
        guard let found else { throw HeldEmailError.emailNotFound(publicID) }
        return found
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ZIPFoundation

/// Everything Parley holds about one customer, as a ZIP a person can open: `customer.json` (profile,
/// identities, consents with their sources, orders, conversations with every message, messages sent,
/// timeline), each attachment under `attachments/`, each received email as it arrived under
/// `originals/`, and a `README.txt` saying what is where. The export is written to the audit log.
public struct ExportCustomer: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The ZIP's bytes.
    public func callAsFunction(shop: ShopID, customer publicID: String, by actor: AuditActor) async throws -> Data {
        let now = clock.now()
        let (document, files) = try await database.transaction { sql in
            guard let shopRecord = try await ShopRepository(sql).find(id: shop),
                let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID)
            else { throw CustomerError.customerNotFound(publicID) }
            let gathered = try await Self.gather(shop: shopRecord, customer: customer, on: sql, now: now)
            try await AuditLog.append(shop: shop, actor, "customer.exported", target: publicID, on: sql, at: now)
            return gathered
        }
        return try Self.archive(document: document, files: files, at: now)
    }

    private static func gather(shop: Shop, customer: Customer, on sql: DatabaseSession, now: Date) async throws
        -> (CustomerExportDocument, [(path: String, bytes: [UInt8])])
    {
        var files: [(path: String, bytes: [UInt8])] = []
        let orders = OrderRepository(sql)
        var orderRecords: [CustomerExportDocument.OrderRecord] = []
        for order in try await orders.list(shop: shop.id, customerID: customer.id) {
            let history = try await orders.stageHistory(shop: shop.id, orderID: order.id).map {
                ["stage": $0.stage.rawValue, "at": $0.occurredAt.formatted(.iso8601), "source": $0.source, "applied": String($0.applied)]
            }
            orderRecords.append(
                .init(
                    id: order.publicID, number: order.number, stage: order.stage.rawValue, currency: order.currency,
                    totalMinor: order.totalMinor, placedAt: order.placedAt, carrier: order.shipment?.carrier,
                    trackingNumber: order.shipment?.trackingNumber, items: try await orders.items(shop: shop.id, orderID: order.id),
                    history: history))
        }
        let data = CustomerDataRepository(sql)
        let conversations = try await data.conversations(shop: shop.id, customerID: customer.id)
        let addresses = customer.identities.filter { $0.kind == .email }.map(\.value)
        let mail = try await data.inboundMail(shop: shop.id, conversationIDs: conversations.map(\.id), addresses: addresses)
        for original in mail { files.append(("originals/\(original.publicID).eml", original.raw)) }
        var conversationRecords: [CustomerExportDocument.ConversationRecord] = []
        for conversation in conversations {
            let messages = try await ConversationMessageRepository(sql).list(shop: shop.id, conversationID: conversation.id, limit: 100_000)
            let attachments = try await AttachmentRepository(sql).list(shop: shop.id, conversationMessageIDs: messages.map(\.id))
            var records: [CustomerExportDocument.MessageRecord] = []
            for message in messages {
                var listed: [[String: String]] = []
                for info in attachments where info.conversationMessageID == message.id {
                    guard let (_, bytes) = try await AttachmentRepository(sql).find(shop: shop.id, publicID: info.publicID) else {
                        continue
                    }
                    let path = "attachments/\(message.publicID)/\(info.publicID)-\(Self.safeFileName(info.filename ?? "attachment"))"
                    files.append((path, bytes))
                    listed.append(["file": path, "name": info.filename ?? "", "type": info.contentType, "size": String(info.size)])
                }
                let original = mail.first { $0.id == message.inboundMailID }.map { "originals/\($0.publicID).eml" }
                records.append(
                    .init(
                        id: message.publicID, kind: message.kind.rawValue, channel: message.channel.rawValue, at: message.createdAt,
                        from: message.sender, subject: message.subject, text: message.bodyText ?? message.text, attachments: listed,
                        original: original))
            }
            conversationRecords.append(
                .init(
                    id: conversation.publicID, number: conversation.number, subject: conversation.subject,
                    channel: conversation.channel.rawValue, status: conversation.status.rawValue, createdAt: conversation.createdAt,
                    messages: records))
        }
        let sent = try await MessageRepository(sql).list(shop: shop.id, customerID: customer.id).map {
            CustomerExportDocument.SentRecord(
                id: $0.publicID, channel: $0.channel?.rawValue, topic: $0.topic, recipient: $0.recipient, subject: $0.subject,
                text: $0.text, status: $0.status.rawValue, createdAt: $0.createdAt, sentAt: $0.sentAt)
        }
        var timeline: [CustomerExportDocument.Event] = []
        var before: Int64?
        repeat {
            let page = try await TimelineRepository(sql).list(shop: shop.id, customerID: customer.id, before: before, limit: 500)
            timeline += page.map { .init(kind: $0.kind.rawValue, at: $0.occurredAt, summary: $0.summary, data: $0.data) }
            before = page.count == 500 ? page.last?.id : nil
        } while before != nil
        let browsing = try await CustomerEventRepository(sql).recent(shop: shop.id, customerID: customer.id, limit: 100_000).map {
            CustomerExportDocument.BrowsingRecord(
                type: $0.kind.rawValue, at: $0.occurredAt, url: $0.url, title: $0.title, productID: $0.productID, details: $0.details)
        }
        let document = CustomerExportDocument(
            exportedAt: now, shop: ["slug": shop.slug, "name": shop.name],
            customer: .init(
                id: customer.publicID, name: customer.name, locale: customer.locale, timeZone: customer.timeZone,
                preferredChannel: customer.preferredChannel?.rawValue, createdAt: customer.createdAt,
                identities: customer.identities.map { ["kind": $0.kind.rawValue, "value": $0.value] }, consents: customer.consents,
                erasedAt: customer.erasedAt),
            orders: orderRecords, conversations: conversationRecords, messagesSent: sent, timeline: timeline.reversed(),
            browsing: browsing.reversed())
        return (document, files)
    }

    /// The archive: `README.txt`, `customer.json`, then the files, deflated.
    private static func archive(document: CustomerExportDocument, files: [(path: String, bytes: [UInt8])], at now: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let readme = """
            What \(document.shop["name"] ?? "the shop") keeps about you, exported by Parley on \(now.formatted(.iso8601)).

            customer.json   your profile, addresses and numbers, consents with where you gave them, orders,
                            conversations with every message, messages sent to you, your timeline, and
                            the pages, products and carts recorded while you browsed with your consent
            attachments/    the files in your conversations
            originals/      each email you sent, exactly as it arrived (open with any mail program)

            """
        let entries = [("README.txt", Array(readme.utf8)), ("customer.json", Array(try CustomerExportDocument.encoded(document)))] + files
        for (path, bytes) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: now, compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A file name without path separators or control characters, so it stays inside its folder.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.map { "/\\:".contains($0) || $0.isNewline || ($0.asciiValue ?? 32) < 32 ? "_" : $0 }.prefix(120))
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "attachment" : cleaned
    }
}

import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// The automatic "we have your message" answer to a new email or contact form conversation: it
/// gives the ticket number and the expected response time (`sla.first_response`) in the customer's
/// language.
///
/// Loop protection is layered: machines (auto-replies, bounces, lists, other ticket systems) are
/// never answered (`MachineSender`), the answer says `Auto-Submitted: auto-replied` (RFC 3834), and
/// one address gets at most `perSenderLimit` answers a day whatever it sends. An address that
/// bounced for good gets none while it is suppressed.
struct AcknowledgeEmail {
    static let perSenderLimit = 3
    let catalogs: MessageCatalogs
    let fallbackDomain: String

    /// Queues the answer to the message `inReplyTo` (an email's Message-ID; none for a form), whose
    /// thread is `references`; `settings` are the shop's, when the caller has read them already.
    func queue(
        for conversation: Conversation, inReplyTo: String?, references: [String], customerID: Int64, recipient: String,
        shop shopID: ShopID, settings known: [String: String]? = nil, on sql: DatabaseSession, now: Date
    ) async throws {
        let settings = if let known { known } else { try await ShopSettingsRepository(sql).all(shop: shopID) }
        guard settings[.inboxAcknowledge] != "off", let shop = try await ShopRepository(sql).find(id: shopID) else { return }
        let messages = MessageRepository(sql)
        let recent = try await messages.count(
            shop: shopID, topic: ConversationTopic.acknowledgement, recipient: recipient, since: now.addingTimeInterval(-86400))
        guard recent < Self.perSenderLimit, try await SuppressionRepository(sql).suppressed(shop: shopID, among: [recipient]).isEmpty
        else { return }
        let customer = try await CustomerRepository(sql).find(shop: shopID, id: customerID)
        let (language, entries) = try catalogs.catalog(for: customer?.locale, shopDefault: shop.defaultLocale)
        var values: [String: Any] = MessageCatalogs.present([
            "shop": shop.name, "name": customer?.name, "number": String(conversation.number),
        ])
        if let seconds = settings[.slaFirstResponse].flatMap({ SLATargetText.seconds($0, priority: conversation.priority) }) {
            values["responseTime"] = try ResponseTime.phrase(seconds: seconds, language: language, entries: entries)
        }
        let greeting = try MessageCatalogs.words(customer?.name == nil ? "greetingAnonymous" : "greeting", in: entries, values: values)
        let body = try MessageCatalogs.words("inbox.acknowledgement.body", in: entries, values: values)
        let text = [greeting, body, settings[.brandSignature] ?? shop.name].joined(separator: "\n\n")
        let thread = MessageThread(
            conversationID: conversation.id, inReplyTo: inReplyTo, references: references + [inReplyTo].compactMap { $0 },
            replyTo: ReplyAddress.make(supportEmail: settings[.supportEmail], token: conversation.replyToken))
        let messagePublicID = OpaqueToken.make(prefix: "msg_")
        let messageID = (try? MailSender(settings: settings, shopName: shop.name, fallbackDomain: fallbackDomain))?
            .messageID(for: messagePublicID)
        guard
            let message = try await messages.insert(
                shop: shopID, publicID: messagePublicID,
                NewMessage(
                    customerID: customerID, orderID: nil, channel: .email, topic: ConversationTopic.acknowledgement,
                    locale: language, recipient: recipient,
                    subject: SubjectLine.withTicketToken(conversation.subject, number: conversation.number, reply: true), text: text,
                    html: nil, messageID: messageID, dedupeKey: "acknowledgement:\(conversation.publicID)", thread: thread),
                now: now)
        else { return }
        try await SendMessage.enqueue(message, on: sql, now: now)
        _ = try await sql.insertMessage(
            shop: shopID, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            NewConversationMessage(
                kind: .autoReply, channel: .email, customerID: customerID, subject: message.subject, text: text, bodyText: text,
                messageID: messageID, outboundMessageID: message.id),
            now: now)
    }
}

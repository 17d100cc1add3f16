import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// An agent answers a conversation: the reply is stored in the conversation and queued as an email
/// that threads in the customer's mail program and brings their answer back to the same conversation.
///
/// The email carries In-Reply-To (the customer's last message), References (the thread), the
/// `[#N]` token in the subject and the conversation's reply address, so any one of them is enough.
public struct ReplyToConversation: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock
    /// The domain of the public URL, the sender's domain for shops that set no `email.from`.
    private let fallbackDomain: String
    private let catalogs: MessageCatalogs?
    /// Where chat answers are announced to the visitor's widget.
    private let chat: ChatEvents?

    public init(
        database: ParleyDatabase, clock: any WallClock, fallbackDomain: String, catalogs: MessageCatalogs? = nil, bus: (any EventBus)? = nil
    ) {
        self.database = database
        self.clock = clock
        self.fallbackDomain = fallbackDomain
        self.catalogs = catalogs ?? (try? MessageCatalogs())
        self.chat = bus.map(ChatEvents.init(bus:))
    }

    /// What the customer would receive for `text`, without sending it: the preview beside the reply box.
    public func preview(shop shopID: ShopID, conversation publicID: String, text: String, channel: Channel? = nil) async throws
        -> ReplyComposition
    {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await database.withConnection { sql in
            guard let conversation = try await ConversationRepository(sql).find(shop: shopID, publicID: publicID),
                let shop = try await ShopRepository(sql).find(id: shopID)
            else { throw ReplyError.conversationNotFound(publicID) }
            let history = try await ConversationMessageRepository(sql).list(shop: shopID, conversationID: conversation.id)
            var customer: Customer?
            if let id = conversation.customerID { customer = try await CustomerRepository(sql).find(shop: shopID, id: id) }
            if channel == nil, conversation.channel == .chat {
                return ReplyComposition(channel: .chat, recipient: customer?.name ?? "", subject: nil, body: body)
            }
            if (channel ?? (conversation.channel == .sms ? .sms : .email)) == .sms {
                return ReplyComposition(channel: .sms, recipient: Self.phone(of: customer) ?? "", subject: nil, body: body)
            }
            let settings = try await ShopSettingsRepository(sql).all(shop: shopID)
            return ReplyComposition(
                channel: .email, recipient: Self.recipient(history: history, customer: customer) ?? "",
                subject: SubjectLine.withTicketToken(conversation.subject, number: conversation.number, reply: true),
                body: try composedEmail(body, shop: shop, settings: settings, history: history, customer: customer))
        }
    }

    /// The email body for `text`: signature and the customer's last message quoted, in their language.
    private func composedEmail(
        _ text: String, shop: Shop, settings: [String: String], history: [ConversationMessage], customer: Customer?
    ) throws -> String {
        guard let catalogs else { return text }
        let (language, entries) = try catalogs.catalog(for: customer?.locale, shopDefault: shop.defaultLocale)
        return try ReplyComposition.emailBody(
            text: text, signature: settings[.brandSignature],
            quoting: history.last { $0.kind == .incoming && $0.machine == nil }, customerName: customer?.name, entries: entries,
            language: language, timeZone: TimeZone(identifier: customer?.timeZone ?? shop.timeZone) ?? .gmt)
    }

    /// Sends `text` to the conversation's customer, by email or, with `channel: .sms` (the default on
    /// an SMS conversation), as a text message. The conversation then waits for the customer
    /// (`pending`) unless `status` says otherwise; an unassigned conversation goes to the agent who answered.
    public func callAsFunction(
        shop shopID: ShopID, conversation publicID: String, agentID: Int64?, text: String, status: ConversationStatus? = nil,
        channel: Channel? = nil
    ) async throws -> ConversationMessage {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw ReplyError.emptyText }
        try Validation.text(body, field: "text", limit: Validation.Limit.text, multiline: true)
        let now = clock.now()
        let stored = try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard let conversation = try await conversations.find(shop: shopID, publicID: publicID) else {
                throw ReplyError.conversationNotFound(publicID)
            }
            guard conversation.mergedIntoID == nil else {
                throw ReplyError.merged(publicID)
            }
            if channel == nil, conversation.channel == .chat {
                return try await chatMessage(conversation, body: body, agentID: agentID, status: status, sql, now: now)
            }
            if channel == nil, conversation.channel == .api {
                return try await bridgeMessage(conversation, body: body, agentID: agentID, status: status, sql, now: now)
            }
            let history = try await ConversationMessageRepository(sql).list(shop: shopID, conversationID: conversation.id)
            if (channel ?? (conversation.channel == .sms ? .sms : .email)) == .sms {
                return try await textMessage(conversation, body: body, agentID: agentID, status: status, sql, now: now)
            }
            guard let customerID = conversation.customerID, let recipient = try await recipient(of: conversation, history: history, sql)
            else { throw ReplyError.noEmailAddress(conversation: publicID) }
            // Read only for an email: a chat answer, the most frequent, holds the writing connection for less.
            // The conversation was found in this shop, so the shop exists: its absence is the store's fault.
            guard let shop = try await ShopRepository(sql).find(id: shopID) else { throw StoreError.missingRow("shop \(shopID.rawValue)") }
            let settings = try await ShopSettingsRepository(sql).all(shop: shopID)
            let customer = try await CustomerRepository(sql).find(shop: shopID, id: customerID)
            let composed = try composedEmail(body, shop: shop, settings: settings, history: history, customer: customer)
            guard
                let message = try await Self.queueEmail(
                    composed, to: recipient, customerID: customerID, conversation: conversation, shop: shop, settings: settings,
                    history: history, fallbackDomain: fallbackDomain, locale: shop.defaultLocale, sql, now: now)
            else { throw ReplyError.notQueued }
            let messageID = message.messageID
            let stored = try await sql.insertMessage(
                shop: shopID, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .reply, channel: .email, customerID: customerID, agentID: agentID, subject: message.subject, text: body,
                    bodyText: composed, messageID: messageID, outboundMessageID: message.id),
                now: now)
            try await Self.answered(conversation, by: agentID, status: status, sql, now: now)
            return stored
        }
        if stored.channel == .chat {
            await chat?.publish(.init(type: .message, message: stored.id), shop: shopID, conversation: publicID)
        }
        return stored
    }

    /// The reply in a live chat: stored, and shown by the visitor's widget when it hears of it.
    private func chatMessage(
        _ conversation: Conversation, body: String, agentID: Int64?, status: ConversationStatus?, _ sql: DatabaseSession, now: Date
    ) async throws -> ConversationMessage {
        let stored = try await sql.insertMessage(
            shop: conversation.shopID, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            NewConversationMessage(
                kind: .reply, channel: .chat, customerID: conversation.customerID, agentID: agentID, text: body, bodyText: body),
            now: now)
        // A visitor who left the page gets the answer by email, if they left an address.
        try await ChatFollowUp.schedule(shop: conversation.shopID, conversationID: conversation.id, after: stored.id, on: sql, now: now)
        try await Self.answered(conversation, by: agentID, status: status, sql, now: now)
        return stored
    }

    /// Queues `composed` for `recipient` as an email in the conversation's thread: its Message-ID,
    /// In-Reply-To, References, `[#N]` subject and reply address each bring the customer's answer back here.
    /// With a `dedupeKey` already used, nothing is queued again and the result is nil. `topic` says
    /// who wrote it (an agent, or Parley by itself), which sets its `Auto-Submitted` header.
    static func queueEmail(
        _ composed: String, to recipient: String, customerID: Int64, conversation: Conversation, shop: Shop, settings: [String: String],
        history: [ConversationMessage], fallbackDomain: String, locale: String, topic: String = ConversationTopic.reply,
        dedupeKey: String? = nil, _ sql: DatabaseSession, now: Date
    ) async throws -> OutboundMessage? {
        let messagePublicID = OpaqueToken.make(prefix: "msg_")
        let sender = try? MailSender(settings: settings, shopName: shop.name, fallbackDomain: fallbackDomain)
        let thread = MessageThread(
            conversationID: conversation.id, inReplyTo: history.last(where: { $0.kind == .incoming })?.messageID,
            references: Self.references(history: history),
            replyTo: ReplyAddress.make(supportEmail: settings[.supportEmail], token: conversation.replyToken))
        guard
            let message = try await MessageRepository(sql).insert(
                shop: shop.id, publicID: messagePublicID,
                NewMessage(
                    customerID: customerID, orderID: nil, channel: .email, topic: topic, locale: locale, recipient: recipient,
                    subject: SubjectLine.withTicketToken(conversation.subject, number: conversation.number, reply: true),
                    text: composed, html: nil, messageID: sender?.messageID(for: messagePublicID), dedupeKey: dedupeKey, thread: thread),
                now: now)
        else {
            if dedupeKey != nil { return nil }
            throw ReplyError.notQueued
        }
        try await SendMessage.enqueue(message, on: sql, now: now)
        return message
    }

    /// The reply on an API channel: queued for the channel's bridge, which passes it to the messenger.
    private func bridgeMessage(
        _ conversation: Conversation, body: String, agentID: Int64?, status: ConversationStatus?, _ sql: DatabaseSession, now: Date
    ) async throws -> ConversationMessage {
        let shopID = conversation.shopID
        guard let customerID = conversation.customerID,
            let channel = try await ApiChannelRepository(sql).channel(shop: shopID, conversationID: conversation.id),
            let customer = try await CustomerRepository(sql).find(shop: shopID, id: customerID),
            let recipient = customer.identities.lazy.compactMap(channel.externalID(in:)).first
        else { throw ReplyError.noBridgeRecipient(conversation: conversation.publicID) }
        return try await queueReply(
            conversation, to: recipient, of: customerID, channel: nil, shownAs: .api, locale: customer.locale ?? "en", body: body,
            agentID: agentID, status: status, sql, now: now
        ) { message in try await DeliverChannelMessage.enqueue(message, at: now, on: sql, now: now) }
    }

    /// The reply as a text message to the customer's phone.
    private func textMessage(
        _ conversation: Conversation, body: String, agentID: Int64?, status: ConversationStatus?, _ sql: DatabaseSession, now: Date
    ) async throws -> ConversationMessage {
        let shopID = conversation.shopID
        guard let customerID = conversation.customerID,
            let customer = try await CustomerRepository(sql).find(shop: shopID, id: customerID),
            let phone = Self.phone(of: customer)
        else { throw ReplyError.noPhoneNumber(conversation: conversation.publicID) }
        let locale =
            if let locale = customer.locale { locale } else { try await ShopRepository(sql).find(id: shopID)?.defaultLocale ?? "en" }
        return try await queueReply(
            conversation, to: phone, of: customerID, channel: .sms, shownAs: .sms, locale: locale, body: body, agentID: agentID,
            status: status, sql, now: now
        ) { message in try await SendMessage.enqueue(message, on: sql, now: now) }
    }

    /// Queues `body` for `recipient` as an outgoing message, which `send` hands to its job, records it in
    /// the conversation as the reply, and marks the conversation answered.
    private func queueReply(
        _ conversation: Conversation, to recipient: String, of customerID: Int64, channel: Channel?, shownAs shown: ConversationChannel,
        locale: String, body: String, agentID: Int64?, status: ConversationStatus?, _ sql: DatabaseSession, now: Date,
        send: (OutboundMessage) async throws -> Void
    ) async throws -> ConversationMessage {
        guard
            let message = try await MessageRepository(sql).insert(
                shop: conversation.shopID, publicID: OpaqueToken.make(prefix: "msg_"),
                NewMessage(
                    customerID: customerID, orderID: nil, channel: channel, topic: ConversationTopic.reply, locale: locale,
                    recipient: recipient, subject: nil, text: body, html: nil, messageID: nil, dedupeKey: nil,
                    thread: MessageThread(conversationID: conversation.id, inReplyTo: nil, references: [], replyTo: nil)),
                now: now)
        else { throw ReplyError.notQueued }
        try await send(message)
        let stored = try await sql.insertMessage(
            shop: conversation.shopID, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            NewConversationMessage(
                kind: .reply, channel: shown, customerID: customerID, agentID: agentID, text: body, bodyText: body,
                outboundMessageID: message.id),
            now: now)
        try await Self.answered(conversation, by: agentID, status: status, sql, now: now)
        return stored
    }

    /// The shop answered: the response clock stops, the conversation waits for the customer (or
    /// `status`), and an unassigned one goes to the agent who answered. `conversation` is as this
    /// transaction read it.
    private static func answered(
        _ conversation: Conversation, by agentID: Int64?, status: ConversationStatus?, _ sql: DatabaseSession, now: Date
    ) async throws {
        let stored = conversation
        var conversation = conversation
        conversation.shopReplied(at: now)
        conversation.setStatus(status ?? .pending, at: now)
        if conversation.assigneeID == nil { conversation.assigneeID = agentID }
        conversation.lastMessageAt = now
        try await sql.save(conversation, was: stored, now: now)
    }

    /// Where an SMS reply goes: the customer's phone number.
    public static func phone(of customer: Customer?) -> String? {
        customer?.identities.first { $0.kind == .phone }?.value
    }

    /// The customer's email address: the one they last wrote from, else their email identity.
    private func recipient(of conversation: Conversation, history: [ConversationMessage], _ sql: DatabaseSession) async throws
        -> String?
    {
        var customer: Customer?
        if let customerID = conversation.customerID {
            customer = try await CustomerRepository(sql).find(shop: conversation.shopID, id: customerID)
        }
        return Self.recipient(history: history, customer: customer)
    }

    /// Where a reply goes: the address the customer last wrote from, else their email identity.
    public static func recipient(history: [ConversationMessage], customer: Customer?) -> String? {
        if let sender = history.last(where: { $0.kind == .incoming && $0.machine == nil })?.sender,
            let address = try? EmailAddress(parsing: sender)
        {
            return address.addrSpec
        }
        return customer?.identities.first { $0.kind == .email }?.value
    }

    /// The thread's Message-IDs, oldest first; long threads keep the first and the latest ones, as
    /// RFC 5322 §3.6.4 allows, so the header stays a sensible length.
    static func references(history: [ConversationMessage]) -> [String] {
        let all = history.compactMap(\.messageID)
        guard all.count > 20 else { return all }
        return [all[0]] + all.suffix(19)
    }
}

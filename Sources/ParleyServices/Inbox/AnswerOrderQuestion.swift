import Foundation
import ParleyCore
import ParleyStore

/// The assistant's verified order status as the automatic answer to an email or a text that asks
/// where an order is: the words the chat assistant says, sent only when the sender's own address or
/// phone belongs to the order's customer and the order is still on its way.
///
/// The sender's identity is the proof here, so writing from one's own address with somebody else's
/// order number gets nothing but the usual acknowledgement. The loop protection is the
/// acknowledgement's: never to machines (the caller checks `MachineSender`), at most
/// `perSenderLimit` answers a day to one address or phone, none to a suppressed one. The answer's
/// dedupe key is the incoming message's own id, so a job or a webhook that runs twice answers once.
struct AnswerOrderQuestion: Sendable {
    static let perSenderLimit = 3
    private let orders: OrderAnswer
    private let catalogs: MessageCatalogs

    init(links: TrackingLinks, catalogs: MessageCatalogs) {
        self.orders = OrderAnswer(links: links)
        self.catalogs = catalogs
    }

    /// An order question as a message asks it: the order's number, and the language it is asked in.
    struct Asked: Sendable {
        let number: String
        let language: TextLanguage
    }

    /// The order `question` asks about by number, or nil when it asks something else or names no
    /// order. Pure, and read before a transaction: it costs more than the statements that use it.
    static func read(_ question: String) -> Asked? {
        asked(OrderQuestion.detect(question), in: question)
    }

    /// The same for an email, as a new one (its subject and text) and as a reply (its text alone).
    static func read(subject: String, text: String) -> (asNew: Asked?, asReply: Asked?) {
        let (asNew, asReply) = OrderQuestion.detect(subject: subject, text: text)
        return (asked(asNew, in: subject + "\n" + text), asked(asReply, in: text))
    }

    private static func asked(_ question: OrderQuestion?, in text: String) -> Asked? {
        guard let asked = question?.number, let number = OrderAnswer.number(asked) else { return nil }
        return Asked(number: number, language: TextLanguage.guess(text))
    }

    /// Answers the order question `asked` (read from the email's subject and new text) by email in
    /// the conversation's thread, from the shop's sender or one at `fallbackDomain`. Returns whether
    /// the customer has the order answer for this email, now or from an earlier run.
    func email(
        _ asked: Asked, incoming: ConversationMessage, in conversation: Conversation, customerID: Int64, recipient: String,
        fallbackDomain: String, on sql: DatabaseSession, now: Date
    ) async throws -> Bool {
        guard
            let found = try await answer(
                asked, customerID: customerID, recipient: recipient, shop: conversation.shopID, on: sql, now: now)
        else { return false }
        let settings = try await ShopSettingsRepository(sql).all(shop: found.shop.id)
        let greeting = try MessageCatalogs.words(
            found.customer?.name == nil ? "greetingAnonymous" : "greeting", in: found.entries,
            values: MessageCatalogs.present(["name": found.customer?.name]))
        let body = [greeting, found.answer.text, settings[.brandSignature] ?? found.shop.name].joined(separator: "\n\n")
        let history = try await ConversationMessageRepository(sql).list(shop: found.shop.id, conversationID: conversation.id)
        guard
            let message = try await ReplyToConversation.queueEmail(
                body, to: recipient, customerID: customerID, conversation: conversation, shop: found.shop, settings: settings,
                history: history, fallbackDomain: fallbackDomain, locale: found.answer.language, topic: ConversationTopic.orderAnswer,
                dedupeKey: Self.dedupeKey(incoming), sql, now: now)
        else { return true }
        try await record(
            NewConversationMessage(
                kind: .assistant, channel: .email, customerID: customerID, subject: message.subject, text: found.answer.text,
                bodyText: body, messageID: message.messageID, outboundMessageID: message.id, machine: "assistant"),
            in: conversation, on: sql, now: now)
        return true
    }

    /// Answers the text message `question` with a text to `phone`.
    func sms(
        _ question: String, incoming: ConversationMessage, in conversation: Conversation, customerID: Int64, phone: String,
        on sql: DatabaseSession, now: Date
    ) async throws {
        guard let asked = Self.read(question),
            let found = try await answer(asked, customerID: customerID, recipient: phone, shop: conversation.shopID, on: sql, now: now),
            let message = try await MessageRepository(sql).insert(
                shop: found.shop.id, publicID: OpaqueToken.make(prefix: "msg_"),
                NewMessage(
                    customerID: customerID, orderID: nil, channel: .sms, topic: ConversationTopic.orderAnswer,
                    locale: found.answer.language, recipient: phone, subject: nil, text: found.answer.text, html: nil, messageID: nil,
                    dedupeKey: Self.dedupeKey(incoming),
                    thread: MessageThread(conversationID: conversation.id, inReplyTo: nil, references: [], replyTo: nil)),
                now: now)
        else { return }
        try await SendMessage.enqueue(message, on: sql, now: now)
        try await record(
            NewConversationMessage(
                kind: .assistant, channel: .sms, customerID: customerID, text: found.answer.text, bodyText: found.answer.text,
                outboundMessageID: message.id, machine: "assistant"),
            in: conversation, on: sql, now: now)
    }

    private struct Found {
        let shop: Shop
        let customer: Customer?
        let answer: AssistantAnswer
        let entries: [String: String]
    }

    /// The order's status when `asked` is about an order of customer `customerID` and `recipient`
    /// may be answered; nil for every other order and sender.
    private func answer(
        _ asked: Asked, customerID: Int64, recipient: String, shop shopID: ShopID, on sql: DatabaseSession, now: Date
    ) async throws -> Found? {
        guard let shop = try await ShopRepository(sql).find(id: shopID),
            try await MessageRepository(sql).count(
                shop: shopID, topic: ConversationTopic.orderAnswer, recipient: recipient, since: now.addingTimeInterval(-86400))
                < Self.perSenderLimit,
            try await SuppressionRepository(sql).suppressed(shop: shopID, among: [recipient]).isEmpty
        else { return nil }
        // Once an order is delivered, cancelled or refunded, a message about it is a complaint, a
        // return or a question the stage cannot answer ("it came broken"): a person answers those.
        guard
            let order = try await orders.verified(shop: shopID, number: asked.number, proof: OrderProof(customerID: customerID), on: sql),
            order.stage < .delivered
        else { return nil }
        let customer = try await CustomerRepository(sql).find(shop: shopID, id: customerID)
        let (language, entries) = try catalogs.catalog(
            for: customer?.locale ?? (asked.language == .other ? nil : asked.language.rawValue), shopDefault: shop.defaultLocale)
        let answer = try await orders.status(of: order, shop: shop, language: language, entries: entries, on: sql)
        return Found(shop: shop, customer: customer, answer: answer, entries: entries)
    }

    /// The conversation shows what the assistant answered, as it does in a chat.
    private func record(_ message: NewConversationMessage, in conversation: Conversation, on sql: DatabaseSession, now: Date)
        async throws
    {
        _ = try await sql.insertMessage(
            shop: conversation.shopID, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"), message, now: now)
    }

    /// One answer per incoming message: its Message-ID or the provider's id survives a second run,
    /// the row's public id is the fallback.
    private static func dedupeKey(_ incoming: ConversationMessage) -> String {
        "order-answer:" + (incoming.messageID ?? incoming.publicID)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Files a message a bridge posts on an API channel: its sender becomes (or is) a customer known by
/// the channel's identity for them, and the message joins their conversation on the channel as
/// `ContinuingConversation` decides. The bridge's own message id is taken once: posting it again
/// returns the message it became, so a bridge may retry freely.
public struct ReceiveChannelMessage: Sendable {
    public struct Sender: Sendable {
        public var externalID: String
        public var name: String?
        public var locale: String?

        public init(externalID: String, name: String?, locale: String?) {
            self.externalID = externalID
            self.name = name
            self.locale = locale
        }
    }

    public struct Attachment: Sendable {
        public var filename: String?
        public var contentType: String
        public var data: [UInt8]

        public init(filename: String?, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public struct Inbound: Sendable {
        /// The bridge's id for the message: the same id is filed once.
        public var messageID: String
        public var sender: Sender
        public var text: String
        public var attachments: [Attachment]

        public init(messageID: String, sender: Sender, text: String, attachments: [Attachment] = []) {
            self.messageID = messageID
            self.sender = sender
            self.text = text
            self.attachments = attachments
        }
    }

    public struct Outcome: Sendable {
        public let message: ConversationMessage
        public let conversation: String
        /// False when the bridge had posted this message before.
        public let created: Bool
    }

    static let maximumAttachments = 10
    static let maximumAttachmentBytes = 10 * 1024 * 1024

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let events: InboxEvents

    public init(database: ParleyDatabase, clock: any WallClock, bus: any EventBus) {
        self.database = database
        self.clock = clock
        events = InboxEvents(bus: bus)
    }

    public func callAsFunction(shop: ShopID, channel publicID: String, _ inbound: Inbound) async throws -> Outcome {
        let inbound = try Self.validated(inbound)
        let now = clock.now()
        let (outcome, opened) = try await database.transaction { sql -> (Outcome, Bool) in
            let channels = ApiChannelRepository(sql)
            let channel = try await ApiChannels.channel(shop: shop, publicID: publicID, on: sql)
            guard try await channels.claim(channelID: channel.id, externalID: inbound.messageID, now: now) else {
                return (try await Self.earlier(inbound.messageID, channel: channel, on: sql), false)
            }
            let identity = channel.identity(of: inbound.sender.externalID)
            let (customerID, _) = try await UpsertCustomer.apply(
                shop: shop, identities: [try Identity.normalized(.external, identity)],
                input: CustomerInput(
                    identities: [.init(kind: .external, value: identity)], name: inbound.sender.name, locale: inbound.sender.locale),
                on: sql, now: now, by: AuditActor(.apiKey, name: channel.name))
            var latest: Conversation?
            if let id = try await channels.latestConversation(shop: shop, customerID: customerID, channelID: channel.id) {
                latest = try await ConversationRepository(sql).find(shop: shop, id: id)
            }
            var conversation: Conversation
            var opened = false
            if let continued = try await ContinuingConversation.continued(latest, on: sql, now: now) {
                conversation = continued
            } else {
                let firstLine = inbound.text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(80)) }
                let subject = firstLine ?? inbound.attachments.first?.filename ?? channel.name
                conversation = try await sql.insertConversation(
                    shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                    NewConversation(
                        customerID: customerID, channel: .api, subject: subject, normalizedSubject: SubjectLine.normalized(subject)),
                    now: now)
                try await channels.assign(shop: shop, conversationID: conversation.id, channelID: channel.id)
                opened = true
            }
            try await sql.save(&conversation, customerWroteAt: now, was: opened ? nil : latest)
            let message = try await sql.insertMessage(
                shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .incoming, channel: .api, customerID: customerID, sender: inbound.sender.name ?? inbound.sender.externalID,
                    text: inbound.text, bodyText: inbound.text, messageID: inbound.messageID),
                now: now)
            for attachment in inbound.attachments {
                try await AttachmentRepository(sql).insert(
                    shop: shop, conversationMessageID: message.id, publicID: OpaqueToken.make(prefix: "att_"),
                    NewAttachment(
                        filename: attachment.filename, contentType: attachment.contentType, contentID: nil, isInline: false,
                        data: attachment.data),
                    now: now)
            }
            try await channels.link(channelID: channel.id, externalID: inbound.messageID, conversationMessageID: message.id)
            return (Outcome(message: message, conversation: conversation.publicID, created: true), opened)
        }
        if outcome.created {
            await events.publish(
                opened ? .conversationCreated : .messageCreated, shop: shop, conversation: outcome.conversation,
                message: outcome.message.publicID)
        }
        return outcome
    }

    private static func earlier(_ messageID: String, channel: ApiChannel, on sql: DatabaseSession) async throws -> Outcome {
        guard let id = try await ApiChannelRepository(sql).message(channelID: channel.id, externalID: messageID),
            let message = try await ConversationMessageRepository(sql).find(shop: channel.shopID, id: id),
            let conversation = try await ConversationRepository(sql).find(shop: channel.shopID, id: message.conversationID)
        else { throw ApiChannelError.messageNotFound(messageID) }
        return Outcome(message: message, conversation: conversation.publicID, created: false)
    }

    static func validated(_ inbound: Inbound) throws -> Inbound {
        var inbound = inbound
        inbound.messageID = inbound.messageID.trimmingCharacters(in: .whitespaces)
        guard !inbound.messageID.isEmpty, inbound.messageID.count <= 200 else {
            throw InvalidInput(
                field: "message_id", reason: "give the bridge's own id for the message (1 to 200 characters), so a retry is filed once")
        }
        inbound.sender.externalID = inbound.sender.externalID.trimmingCharacters(in: .whitespaces)
        guard !inbound.sender.externalID.isEmpty, inbound.sender.externalID.count <= 200,
            !inbound.sender.externalID.contains(where: \.isNewline)
        else { throw InvalidInput(field: "sender.external_id", reason: "give the sender's id on the messenger (1 to 200 characters)") }
        if let name = inbound.sender.name { try Validation.text(name, field: "sender.name", limit: 200, multiline: false) }
        inbound.text = inbound.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !inbound.text.isEmpty || !inbound.attachments.isEmpty else {
            throw InvalidInput(field: "text", reason: "give the message's text, or at least one attachment")
        }
        try Validation.text(inbound.text, field: "text", limit: Validation.Limit.text, multiline: true)
        guard inbound.attachments.count <= maximumAttachments else {
            throw InvalidInput(field: "attachments", reason: "at most \(maximumAttachments) attachments a message")
        }
        for (index, attachment) in inbound.attachments.enumerated() {
            guard attachment.data.count <= maximumAttachmentBytes else {
                throw InvalidInput(field: "attachments[\(index)].data", reason: "an attachment is at most 10 MB")
            }
            let type = attachment.contentType.lowercased()
            guard type.split(separator: "/").count == 2, !type.contains(where: { $0.isWhitespace || $0 == ";" }) else {
                throw InvalidInput(field: "attachments[\(index)].content_type", reason: "give a media type such as image/jpeg")
            }
        }
        return inbound
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Files a text message from a customer into the inbox: it joins the customer's SMS conversation
/// as `ContinuingConversation` decides. A text to a resolved or waiting conversation opens it
/// again, since the customer is asking something.
enum FileIncomingSMS {
    static func apply(_ sms: InboundSMS, customerID: Int64, phone: String, shop: ShopID, on sql: DatabaseSession, now: Date) async throws
        -> (conversation: Conversation, message: ConversationMessage, created: Bool)
    {
        let conversations = ConversationRepository(sql)
        let latest = try await conversations.list(
            shop: shop, filter: ConversationFilter(customerID: customerID, channel: .sms), after: nil, limit: 1
        ).first?.conversation
        var conversation: Conversation
        let created: Bool
        if let continued = try await ContinuingConversation.continued(latest, on: sql, now: now) {
            conversation = continued
            created = false
        } else {
            let subject = String(sms.body.split(whereSeparator: \.isNewline).first?.prefix(80) ?? "SMS")
            conversation = try await sql.insertConversation(
                shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                NewConversation(
                    customerID: customerID, channel: .sms, subject: subject, normalizedSubject: SubjectLine.normalized(subject)),
                now: now)
            created = true
        }
        try await sql.save(&conversation, customerWroteAt: now)
        let message = try await sql.insertMessage(
            shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            NewConversationMessage(
                kind: .incoming, channel: .sms, customerID: customerID, sender: phone, text: sms.body, bodyText: sms.body,
                messageID: sms.providerMessageID),
            now: now)
        return (conversation, message, created)
    }
}

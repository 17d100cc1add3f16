import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/api/v1/conversations`: the inbox, one conversation, its messages, replies, notes and changes;
/// `/api/v1/attachments/{id}` downloads a file that came with a message.
struct ConversationRoutes {
    let read: ReadConversations
    let update: UpdateConversation
    let reply: ReplyToConversation
    let addNote: AddNote
    let merge: MergeConversations
    let split: SplitConversation

    struct ChangeRequest: Decodable {
        let status: String?
        let priority: String?
        /// An agent's email; "" or null-like "none" unassigns.
        let assignee: String?
        let team: String?
        let snoozedUntil: Date?
        let tags: [String]?
    }

    struct MergeRequest: Decodable {
        let into: String
    }

    struct SplitRequest: Decodable {
        let messages: [String]
    }

    struct EventResource: Encodable {
        let kind: String
        let detail: String?
        let occurredAt: Date
    }

    struct TextRequest: Decodable {
        let text: String
        /// After a reply: the status to leave the conversation in (`pending` when omitted).
        let status: String?
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("conversations") { request, context in
            let query = request.uri.queryParameters
            let page = try await read.list(
                shop: context.shop,
                status: try query["status"].map { try APIJSON.parse(ConversationStatus.self, String($0), field: "status") },
                assignee: query["assignee"].map { Self.assignee(String($0)) }, customer: query["customer"].map(String.init),
                tag: query["tag"].map(String.init), updatedSince: try request.updatedSince(),
                cursor: query["cursor"].map(String.init), limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(ConversationResource.init), nextCursor: page.nextCursor))
        }
        group.get("conversations/:id") { _, context in
            try APIJSON.response(
                ConversationResource(
                    try await read.conversation(shop: context.shop, publicID: try context.parameters.require("id"))))
        }
        group.patch("conversations/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(ChangeRequest.self, context: context, dates: .iso8601)
            let changes = ConversationChanges(
                status: try body.status.map { try APIJSON.parse(ConversationStatus.self, $0, field: "status") },
                priority: try body.priority.map { try APIJSON.parse(ConversationPriority.self, $0, field: "priority") },
                assignee: body.assignee.map(Self.assignee), team: body.team, snoozedUntil: body.snoozedUntil, tags: body.tags)
            let updated = try await update(shop: context.shop, conversation: try context.parameters.require("id"), changes, agentID: nil)
            return try APIJSON.response(ConversationResource(updated))
        }
        group.get("conversations/:id/messages") { _, context in
            let messages = try await read.messages(shop: context.shop, conversation: try context.parameters.require("id"))
            return try APIJSON.response(ListResource(data: messages.map(ConversationMessageResource.init), nextCursor: nil))
        }
        group.post("conversations/:id/replies") { request, context in
            var request = request
            let body = try await request.decodeJSON(TextRequest.self, context: context)
            let shop = context.shop
            let id: String = try context.parameters.require("id")
            let message = try await reply(
                shop: shop, conversation: id, agentID: nil, text: body.text,
                status: try body.status.map { try APIJSON.parse(ConversationStatus.self, $0, field: "status") })
            return try await created(message, shop: shop, conversation: id)
        }
        group.post("conversations/:id/notes") { request, context in
            var request = request
            let body = try await request.decodeJSON(TextRequest.self, context: context)
            let shop = context.shop
            let id: String = try context.parameters.require("id")
            let note = try await addNote(shop: shop, conversation: id, agentID: nil, text: body.text)
            return try await created(note, shop: shop, conversation: id)
        }
        group.post("conversations/:id/merge") { request, context in
            var request = request
            let body = try await request.decodeJSON(MergeRequest.self, context: context)
            let target = try await merge(shop: context.shop, merge: try context.parameters.require("id"), into: body.into, agentID: nil)
            return try APIJSON.response(ConversationResource(target))
        }
        group.post("conversations/:id/unmerge") { _, context in
            let restored = try await merge.undo(shop: context.shop, merged: try context.parameters.require("id"), agentID: nil)
            return try APIJSON.response(ConversationResource(restored))
        }
        group.post("conversations/:id/split") { request, context in
            var request = request
            let body = try await request.decodeJSON(SplitRequest.self, context: context)
            let created = try await split(
                shop: context.shop, conversation: try context.parameters.require("id"), messages: body.messages, agentID: nil)
            return try APIJSON.response(
                ConversationResource(created), status: .created,
                headers: [.location: "/api/v1/conversations/\(created.conversation.publicID)"])
        }
        group.post("conversations/:id/unsplit") { _, context in
            let original = try await split.undo(shop: context.shop, split: try context.parameters.require("id"), agentID: nil)
            return try APIJSON.response(ConversationResource(original))
        }
        group.get("conversations/:id/duplicates") { _, context in
            let found = try await read.duplicates(shop: context.shop, conversation: try context.parameters.require("id"))
            return try APIJSON.response(ListResource(data: found.map(ConversationResource.init), nextCursor: nil))
        }
        group.get("conversations/:id/events") { _, context in
            let events = try await read.events(shop: context.shop, conversation: try context.parameters.require("id"))
            return try APIJSON.response(
                ListResource(
                    data: events.map { EventResource(kind: $0.kind, detail: $0.detail, occurredAt: $0.occurredAt) }, nextCursor: nil))
        }
        group.get("attachments/:id") { _, context in
            let (info, data) = try await read.attachment(shop: context.shop, publicID: try context.parameters.require("id"))
            return Self.download(data, contentType: info.contentType, filename: info.filename ?? "attachment")
        }
    }

    private func created(_ message: ConversationMessage, shop: ShopID, conversation: String) async throws -> Response {
        let stored = try await read.message(shop: shop, conversation: conversation, id: message.id)
        return try APIJSON.response(ConversationMessageResource(stored), status: .created)
    }

    /// Files from customers are never rendered by the browser on Parley's origin: always a download,
    /// never sniffed, and sandboxed should a browser open it anyway.
    static func download(_ data: [UInt8], contentType: String, filename: String) -> Response {
        let safeName = filename.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(String(String.UnicodeScalarView(safeName)))\"; filename*=UTF-8''\(encoded)",
                .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: "sandbox",
            ],
            body: .init(byteBuffer: .init(bytes: data)))
    }

    private static func assignee(_ text: String) -> ConversationChanges.Assignee {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased() == "none" ? .nobody : .agent(email: trimmed)
    }
}

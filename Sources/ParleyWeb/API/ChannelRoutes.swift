import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/channels`: API channels, through which a bridge of the shop's own connects a messenger:
/// it posts customers' messages here, and receives agents' replies at its URL, signed.
struct ChannelRoutes {
    let channels: ApiChannels
    let receive: ReceiveChannelMessage
    let report: ReportChannelDelivery
    /// The largest body a bridge may post (a message with its attachments, in base64): an email's limit.
    let bodyLimit: Int

    struct Resource: Encodable {
        let id: String
        let name: String
        let webhookURL: String
        /// Only in the answers that make a secret: creating the channel and rotating its secret.
        let secret: String?
        let createdAt: Date
        let updatedAt: Date

        init(_ channel: ApiChannel, showingSecret: Bool = false) {
            id = channel.publicID
            name = channel.name
            webhookURL = channel.webhookURL
            secret = showingSecret ? channel.secret : nil
            createdAt = channel.createdAt
            updatedAt = channel.updatedAt
        }
    }

    struct Request: Decodable {
        let name: String?
        let webhookURL: String?
    }

    struct InboundRequest: Decodable {
        struct Sender: Decodable {
            let externalID: String?
            let name: String?
            let locale: String?
        }

        struct Attachment: Decodable {
            let filename: String?
            let contentType: String?
            /// The file in base64.
            let data: String?
        }

        let messageID: String?
        let sender: Sender?
        let text: String?
        let attachments: [Attachment]?

        func inbound() throws -> ReceiveChannelMessage.Inbound {
            ReceiveChannelMessage.Inbound(
                messageID: messageID ?? "",
                sender: .init(externalID: sender?.externalID ?? "", name: sender?.name, locale: sender?.locale), text: text ?? "",
                attachments: try (attachments ?? []).enumerated().map { index, attachment in
                    guard let bytes = attachment.data.flatMap({ Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }) else {
                        throw InvalidInput(field: "attachments[\(index)].data", reason: "give the file's bytes in base64")
                    }
                    return .init(filename: attachment.filename, contentType: attachment.contentType ?? "", data: Array(bytes))
                })
        }
    }

    struct Filed: Encodable {
        let id: String
        let conversation: String
        let duplicate: Bool
        let createdAt: Date
    }

    struct StatusRequest: Decodable {
        let status: String?
        let error: String?
    }

    struct Delivery: Encodable {
        let id: String
        let status: String
        let detail: String?
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("channels") { request, context in
            let since = try request.updatedSince()
            let list = try await channels.list(shop: context.shop).filter { $0.updatedAt >= since ?? .distantPast }
            return try APIJSON.response(ListResource(data: list.map { Resource($0) }, nextCursor: nil))
        }
        group.post("channels") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let created = try await channels.create(
                shop: context.shop, name: body.name ?? "", webhookURL: body.webhookURL ?? "", by: context.actor)
            return try APIJSON.response(
                Resource(created, showingSecret: true), status: .created, headers: [.location: "/api/v1/channels/\(created.publicID)"])
        }
        group.get("channels/:id") { _, context in
            try APIJSON.response(Resource(try await channels.find(shop: context.shop, publicID: try context.parameters.require("id"))))
        }
        group.patch("channels/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let updated = try await channels.update(
                shop: context.shop, publicID: try context.parameters.require("id"), name: body.name, webhookURL: body.webhookURL,
                by: context.actor)
            return try APIJSON.response(Resource(updated))
        }
        group.post("channels/:id/rotate-secret") { _, context in
            let rotated = try await channels.rotateSecret(
                shop: context.shop, publicID: try context.parameters.require("id"), by: context.actor)
            return try APIJSON.response(Resource(rotated, showingSecret: true))
        }
        group.post("channels/:id/messages") { request, context in
            var request = request
            let body = try await request.decodeJSON(InboundRequest.self, context: context, limit: bodyLimit)
            let outcome = try await receive(shop: context.shop, channel: try context.parameters.require("id"), try body.inbound())
            return try APIJSON.response(
                Filed(
                    id: outcome.message.publicID, conversation: outcome.conversation, duplicate: !outcome.created,
                    createdAt: outcome.message.createdAt),
                status: outcome.created ? .created : .ok)
        }
        group.post("channels/:id/messages/:message/status") { request, context in
            var request = request
            let body = try await request.decodeJSON(StatusRequest.self, context: context)
            let status = try APIJSON.parse(ReportChannelDelivery.Report.self, body.status ?? "", field: "status")
            let message = try await report(
                shop: context.shop, channel: try context.parameters.require("id"), message: try context.parameters.require("message"),
                status,
                reason: body.error)
            return try APIJSON.response(Delivery(id: message.publicID, status: message.status.rawValue, detail: message.lastError))
        }
    }
}

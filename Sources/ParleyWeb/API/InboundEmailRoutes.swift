import Foundation
import Hummingbird
import ParleyServices
import ParleyStore

/// `POST /api/v1/inbound/email` takes one raw email (`message/rfc822`), as `parley mailgate` and
/// mail providers' forwarders send it; the answer names the stored message, whose progress
/// `GET /api/v1/inbound/email/{id}` shows, and `…/raw` returns it byte for byte.
struct InboundEmailRoutes {
    let receive: ReceiveEmail
    let read: ReadConversations
    let sizeLimit: Int

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.post("inbound/email") { request, context in
            var request = request
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            guard
                contentType.isEmpty || contentType.hasPrefix("message/rfc822") || contentType.hasPrefix("application/octet-stream")
                    || contentType.hasPrefix("text/plain")
            else {
                throw HTTPError(.unsupportedMediaType, message: "send the raw email as message/rfc822, not \(contentType)")
            }
            let body = try await request.collectBody(limit: sizeLimit)
            let source = request.headers[.init("X-Parley-Source")!] == "mailgate" ? "mailgate" : "api"
            let stored = try await receive(
                shop: context.shop,
                NewInboundMail(
                    source: source, envelopeFrom: request.headers[.init("X-Parley-Envelope-From")!],
                    envelopeTo: (request.headers[.init("X-Parley-Envelope-To")!] ?? "").split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty }, remoteAddress: nil, raw: Array(buffer: body)))
            return try APIJSON.response(
                Self.resource(stored, conversation: nil), status: .accepted,
                headers: [.location: "/api/v1/inbound/email/\(stored.publicID)"])
        }
        group.get("inbound/email") { request, context in
            let query = request.uri.queryParameters
            let statusText = query["status"].map(String.init) ?? InboundMailStatus.held.rawValue
            guard let status = InboundMailStatus(rawValue: statusText) else {
                throw InvalidInput(field: "status", reason: "is not one of received, threaded, ignored, held")
            }
            let page = try await receive.list(
                shop: context.shop, status: status, since: try request.updatedSince(), cursor: query["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(
                ListResource(data: page.items.map { Self.resource($0, conversation: nil) }, nextCursor: page.nextCursor))
        }
        group.post("inbound/email/:id/release") { _, context in
            let released = try await receive.release(shop: context.shop, publicID: try context.parameters.require("id"))
            return try APIJSON.response(Self.resource(released, conversation: nil), status: .accepted)
        }
        group.get("inbound/email/:id") { _, context in
            let (stored, conversation) = try await receive.status(
                shop: context.shop, publicID: try context.parameters.require("id"))
            return try APIJSON.response(Self.resource(stored, conversation: conversation))
        }
        group.get("inbound/email/:id/raw") { _, context in
            let stored = try await read.original(shop: context.shop, publicID: try context.parameters.require("id"))
            return ConversationRoutes.download(stored.raw, contentType: "message/rfc822", filename: "\(stored.publicID).eml")
        }
    }

    private static func resource(_ mail: InboundMail, conversation: String?) -> InboundEmailResource {
        InboundEmailResource(
            id: mail.publicID, status: mail.status.rawValue, source: mail.source, size: mail.size, sender: mail.sender,
            detail: mail.detail,
            conversation: conversation, receivedAt: mail.receivedAt, processedAt: mail.processedAt)
    }
}

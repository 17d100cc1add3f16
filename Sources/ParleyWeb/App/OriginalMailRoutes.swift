import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// What an email was before Parley cleaned it: the raw source, the sender's HTML in a sandbox, and
/// the files that came with it, for agents of the shop that received it.
struct OriginalMailRoutes {
    let gate: AppGate
    let read: ReadConversations

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/emails/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: { $0.seesConversations }) { agent in
                let mail = try await read.original(shop: agent.shop.id, publicID: id)
                // The raw source as text: nothing in it is interpreted by the browser.
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/plain; charset=utf-8", .xContentTypeOptions: "nosniff", .contentSecurityPolicy: "sandbox",
                        .cacheControl: "no-store",
                    ],
                    body: .init(byteBuffer: .init(bytes: mail.raw)))
            }
        }
        // The email as its sender formatted it: the sanitized HTML alone in a sandboxed document that
        // runs nothing and loads nothing from elsewhere until the agent asks for images.
        router.get("app/messages/:id/original.html") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: { $0.seesConversations }) { agent in
                let message = try await read.message(shop: agent.shop.id, publicID: id)
                guard let html = message.bodyHTML else { throw HTTPError(.notFound, message: "message \(id) has no HTML part") }
                let images = request.uri.queryParameters["images"] == "1" ? "data: cid: https:" : "data: cid:"
                let document = """
                    <!doctype html><html><head><meta charset="utf-8"><base target="_blank">\
                    <style>body{font:14px/1.5 system-ui,sans-serif;margin:8px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>\
                    </head><body>\(html)</body></html>
                    """
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
                        .contentSecurityPolicy:
                            "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src \(images); frame-ancestors 'self'",
                        .init("Referrer-Policy")!: "no-referrer",
                    ],
                    body: .init(byteBuffer: .init(string: document)))
            }
        }
        router.get("app/attachments/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: { $0.seesConversations }) { agent in
                let (info, data) = try await read.attachment(shop: agent.shop.id, publicID: id)
                return ConversationRoutes.download(data, contentType: info.contentType, filename: info.filename ?? "attachment")
            }
        }
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyMail
import ParleyServices
import ParleyStore

/// `/app/mail-problems`: what did not get through, in either direction — incoming mail held by the
/// per-sender limit (release or discard), messages that failed or bounced (try again), and the
/// addresses Parley no longer mails (lift).
struct MailProblemsRoutes {
    let gate: AppGate
    let receive: ReceiveEmail
    let undelivered: UndeliveredMail
    let suppressions: Suppressions
    let read: ReadConversations
    let views: Views

    struct ActionForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let address: String?
        let back: String?
    }

    struct PageModel {
        struct Held {
            let id: String
            let sender: String
            let subject: String
            let detail: String
            let age: String
            let exactTime: String
        }

        struct Failed {
            let id: String
            let channel: String
            let recipient: String
            let what: String
            let status: String
            let reason: String
            let age: String
            let exactTime: String
            let conversationHref: String?
        }

        struct Suppressed {
            let address: String
            let reason: String
            let detail: String
            let since: String
        }

        let held: [Held]
        let failed: [Failed]
        let suppressed: [Suppressed]
    }

    private static let readers: @Sendable (SignedInAgent) -> Bool = { $0.seesConversations }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/mail-problems") { request, _ in
            try await gate.page(request, need: Self.readers) { agent in
                try await page(agent)
            }
        }
        router.post("app/held/:id/release") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, ActionForm.self, need: Self.readers) { agent, _ in
                // Already released or discarded by someone else: the page shows how it stands now.
                do { _ = try await receive.release(shop: agent.shop.id, publicID: id) } catch HeldEmailError.notHeld {}
                return Response.redirect(to: "/app/mail-problems", type: .normal)
            }
        }
        router.post("app/held/:id/discard") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, ActionForm.self, need: Self.readers) { agent, _ in
                // Already released or discarded by someone else: the page shows how it stands now.
                do { try await receive.discard(shop: agent.shop.id, publicID: id) } catch HeldEmailError.notHeld {}
                return Response.redirect(to: "/app/mail-problems", type: .normal)
            }
        }
        router.post("app/messages/:id/retry") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, ActionForm.self, need: Self.readers) { agent, form in
                do { try await undelivered.retry(shop: agent.shop.id, message: id) } catch MessageError.notFailed {}
                return Response.redirect(to: InboxRoutes.back(form.back, fallback: "/app/mail-problems"), type: .normal)
            }
        }
        router.post("app/suppressions/lift") { request, context in
            try await gate.form(request, context: context, ActionForm.self, need: Self.readers) { agent, form in
                try await suppressions.lift(shop: agent.shop.id, address: form.address ?? "")
                return Response.redirect(to: "/app/mail-problems", type: .normal)
            }
        }
    }

    private func page(_ agent: SignedInAgent) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let shop = agent.shop.id
        let held = try await receive.list(shop: shop, status: .held, cursor: nil, limit: 100).items.map { mail -> PageModel.Held in
            let parsed = MailParser.parse(mail.raw)
            return PageModel.Held(
                id: mail.publicID, sender: mail.sender ?? parsed.from?.addrSpec ?? mail.envelopeFrom ?? "",
                subject: parsed.subject ?? texts["app.conversation.noSubject"], detail: mail.detail ?? "",
                age: agent.format.relative(mail.receivedAt), exactTime: agent.format.exact(mail.receivedAt))
        }
        var failed: [PageModel.Failed] = []
        for message in try await undelivered.failed(shop: shop) {
            var conversationHref: String?
            if let thread = message.thread, let publicID = try await read.publicID(shop: shop, conversationID: thread.conversationID) {
                conversationHref = "/app/conversations/\(publicID)"
            }
            failed.append(
                PageModel.Failed(
                    id: message.publicID, channel: texts["app.channels.\(message.channel?.rawValue ?? "email")"],
                    recipient: message.recipient ?? "", what: message.subject ?? String(message.text.prefix(80)),
                    status: texts["app.delivery.\(message.status.rawValue)"], reason: message.lastError ?? "",
                    age: agent.format.relative(message.updatedAt), exactTime: agent.format.exact(message.updatedAt),
                    conversationHref: conversationHref))
        }
        let suppressed = try await suppressions.list(shop: shop, cursor: nil, limit: 200).items.map {
            PageModel.Suppressed(
                address: $0.address, reason: texts["app.mailProblems.reasons.\($0.reason)"], detail: $0.detail ?? "",
                since: agent.format.exact($0.createdAt))
        }
        return views.app(
            .mailProblems, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "mailProblems"),
            model: PageModel(held: held, failed: failed, suppressed: suppressed))
    }
}

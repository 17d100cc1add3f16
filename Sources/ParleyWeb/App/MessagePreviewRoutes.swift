import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/settings/messages`: every order update as customers receive it, a stage at a time, in
/// each language side by side, with the shop's own words for it in a form beside each preview.
///
/// Without JavaScript "Preview" posts the form and the page comes back with the typed texts shown
/// (nothing saved); with it, `message-templates.js` asks `…/preview` as the agent types.
struct MessagePreviewRoutes {
    let gate: AppGate
    let preview: PreviewOrderMessage
    let templates: ShopMessageTemplates
    let views: Views
    let clock: any WallClock

    struct TemplateForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let subject: String?
        let headline: String?
        let body: String?
        let sms: String?
        let intent: String?

        var texts: OrderMessageTexts { OrderMessageTexts(subject: subject, headline: headline, body: body, sms: sms) }
    }

    /// What the script shows of a draft: the email and SMS exactly as they would be sent.
    struct PreviewResource: Encodable {
        let subject: String
        let text: String
        let html: String
        let sms: String
        let segments: String
        let count: Int
    }

    /// Why a draft cannot be previewed, in the agent's language, and which field to fix.
    struct RefusalResource: Encodable {
        let field: String?
        let message: String
    }

    private static let managers: @Sendable (SignedInAgent) -> Bool = { $0.managesSettings }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/settings/messages") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                let query = request.uri.queryParameters
                let stage = query["stage"].flatMap { OrderStage(rawValue: String($0)) } ?? .shipped
                let texts = views.localizer.texts(agent.language)
                let notice =
                    query["saved"].map { (language: String($0), text: texts["app.settings.messages.saved"]) }
                    ?? query["reset"].map { (language: String($0), text: texts["app.settings.messages.wasReset"]) }
                return try await page(agent, stage: stage, notice: notice)
            }
        }
        router.post("app/settings/messages/:stage/:locale") { request, context in
            let (stage, language) = try target(context)
            return try await gate.form(request, context: context, TemplateForm.self, need: Self.managers) { agent, form in
                let actor = AuditActor(.agent, name: agent.agent.email)
                let back = "/app/settings/messages?stage=\(stage.rawValue)"
                switch form.intent ?? "save" {
                case "reset":
                    try await templates.reset(shop: agent.shop.id, stage: stage, language: language, by: actor)
                    return Response.redirect(to: back + "&reset=\(language)#lang-\(language)", type: .normal)
                case "preview":
                    var draft = MessageDraft(language: language, texts: form.texts)
                    do {
                        draft.previewed = try await templates.preview(
                            shop: agent.shop.id, stage: stage, language: language, draft: form.texts)
                    } catch let error as InvalidInput {
                        draft.error = refusal(error, agent: agent, stage: stage, language: language, draft: form.texts)
                        return try await page(agent, stage: stage, draft: draft, status: .unprocessableContent)
                    }
                    return try await page(agent, stage: stage, draft: draft)
                default:
                    do {
                        try await templates.save(shop: agent.shop.id, stage: stage, language: language, form.texts, by: actor)
                    } catch let error as InvalidInput {
                        var draft = MessageDraft(language: language, texts: form.texts)
                        draft.error = refusal(error, agent: agent, stage: stage, language: language, draft: form.texts)
                        return try await page(agent, stage: stage, draft: draft, status: .unprocessableContent)
                    }
                    return Response.redirect(to: back + "&saved=\(language)#lang-\(language)", type: .normal)
                }
            }
        }
        router.post("app/settings/messages/:stage/:locale/preview") { request, context in
            let (stage, language) = try target(context)
            return try await gate.form(request, context: context, TemplateForm.self, forScripts: true, need: Self.managers) { agent, form in
                do {
                    let message = try await templates.preview(shop: agent.shop.id, stage: stage, language: language, draft: form.texts)
                    return try APIJSON.response(
                        PreviewResource(
                            subject: message.subject, text: message.text, html: message.html, sms: message.sms,
                            segments: MessageEditorModel.segments(
                                message.smsSegments, agent: agent, texts: views.localizer.texts(agent.language)),
                            count: message.smsSegments.count))
                } catch let error as InvalidInput {
                    let refused = refusal(error, agent: agent, stage: stage, language: language, draft: form.texts)
                    return try APIJSON.response(
                        RefusalResource(field: refused.field?.rawValue, message: refused.text), status: .unprocessableContent)
                }
            }
        }
        router.get("app/settings/messages/preview.html") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                let stage = request.uri.queryParameters["stage"].flatMap { OrderStage(rawValue: String($0)) } ?? .shipped
                let language = request.uri.queryParameters["locale"].map(String.init) ?? agent.language
                guard Localizer.supported.contains(language) else { throw HTTPError(.notFound, message: "no texts in \(language)") }
                let message = try await preview.sample(shop: agent.shop.id, stage: stage, language: language, now: clock.now())
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
                        .contentSecurityPolicy:
                            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
                    ],
                    body: .init(byteBuffer: .init(string: message.html)))
            }
        }
    }

    /// The stage and language a form is for; an unknown one is a page that does not exist.
    private func target(_ context: ParleyRequestContext) throws -> (OrderStage, String) {
        guard let stage = OrderStage(rawValue: try context.parameters.require("stage")) else { throw HTTPError(.notFound) }
        let language = try context.parameters.require("locale")
        guard templates.languages.contains(language) else { throw HTTPError(.notFound) }
        return (stage, language)
    }

    /// `error` in the agent's language where it is about the texts, as the service said it otherwise.
    private func refusal(_ error: InvalidInput, agent: SignedInAgent, stage: OrderStage, language: String, draft: OrderMessageTexts)
        -> (field: OrderMessageTexts.Field?, text: String)
    {
        guard let issue = templates.issue(in: draft, stage: stage, language: language) else {
            return (OrderMessageTexts.Field(rawValue: error.field), error.reason)
        }
        return (issue.field, issue.localized(views.localizer.texts(agent.language), format: agent.format))
    }

    private func page(
        _ agent: SignedInAgent, stage: OrderStage, draft: MessageDraft? = nil, notice: (language: String, text: String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        var stored: [String: OrderMessage] = [:]
        for code in Localizer.supported where draft?.previewed == nil || draft?.language != code {
            stored[code] = try await preview.sample(shop: agent.shop.id, stage: stage, language: code, now: clock.now())
        }
        if let previewed = draft?.previewed, let language = draft?.language { stored[language] = previewed }
        let model = MessageEditorModel.build(
            agent: agent, texts: texts, stage: stage, effective: try await templates.effective(shop: agent.shop.id, stage: stage),
            stored: stored, draft: draft, notice: notice)
        return views.app(
            .messagePreviews, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "settings"), model: model,
            status: status)
    }
}

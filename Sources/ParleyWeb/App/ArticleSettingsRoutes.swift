import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/settings/articles`, for owners and administrators: the shop's help articles by category,
/// filtered by language and status, and an editor that previews the Markdown as customers will
/// read it. Every action is a plain form post; what could not be saved comes back as typed.
struct ArticleSettingsRoutes {
    let gate: AppGate
    let knowledge: KnowledgeBase
    let views: Views

    struct ArticleForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let title: String?
        let category: String?
        let locale: String?
        let body: String?
        /// `save`, `preview`, `publish` or `unpublish`.
        let intent: String?

        var input: ArticleInput {
            ArticleInput(locale: locale ?? "", category: category ?? "", title: title ?? "", body: body ?? "")
        }
    }

    struct DeleteForm: Decodable, CSRFProtected {
        let csrfToken: String?
    }

    private static let managers: @Sendable (SignedInAgent) -> Bool = { $0.managesSettings }
    /// What the editor's buttons do to an article's status; "save" keeps it.
    private static let statusChange: [String: Article.Status] = ["publish": .published, "unpublish": .draft]

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/settings/articles") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                let query = request.uri.queryParameters
                let texts = views.localizer.texts(agent.language)
                let model = ArticleListModel(
                    articles: try await knowledge.all(shop: agent.shop.id), locale: query["locale"].map(String.init),
                    status: query["status"].flatMap { Article.Status(rawValue: String($0)) }, deleted: query["deleted"] != nil,
                    shop: agent.shop, agent: agent, texts: texts)
                return views.app(
                    .articles, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "settings"), model: model)
            }
        }
        router.get("app/settings/articles/new") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                editor(agent, article: nil, draft: ArticleForm.blank(locale: agent.shop.defaultLocale))
            }
        }
        router.post("app/settings/articles") { request, context in
            try await gate.form(request, context: context, ArticleForm.self, need: Self.managers) { agent, form in
                let intent = form.intent ?? "save"
                if intent == "preview" { return editor(agent, article: nil, draft: form, previewing: true) }
                do {
                    var input = form.input
                    input.status = intent == "publish" ? .published : .draft
                    let article = try await knowledge.create(shop: agent.shop.id, input, by: AuditActor(.agent, name: agent.agent.email))
                    return Response.redirect(to: "/app/settings/articles/\(article.publicID)?saved=\(intent)", type: .normal)
                } catch let error as InvalidInput {
                    return editor(agent, article: nil, draft: form, error: error)
                }
            }
        }
        router.get("app/settings/articles/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: Self.managers) { agent in
                let article = try await knowledge.find(shop: agent.shop.id, publicID: id)
                return editor(agent, article: article, draft: nil, saved: request.uri.queryParameters["saved"].map(String.init))
            }
        }
        router.post("app/settings/articles/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, ArticleForm.self, need: Self.managers) { agent, form in
                let article = try await knowledge.find(shop: agent.shop.id, publicID: id)
                let intent = form.intent ?? "save"
                if intent == "preview" { return editor(agent, article: article, draft: form, previewing: true) }
                do {
                    var input = form.input
                    input.status = Self.statusChange[intent]
                    _ = try await knowledge.update(
                        shop: agent.shop.id, publicID: id, input, by: AuditActor(.agent, name: agent.agent.email))
                    return Response.redirect(to: "/app/settings/articles/\(id)?saved=\(intent)", type: .normal)
                } catch let error as InvalidInput {
                    return editor(agent, article: article, draft: form, error: error)
                }
            }
        }
        router.post("app/settings/articles/:id/delete") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, DeleteForm.self, need: Self.managers) { agent, _ in
                try await knowledge.delete(shop: agent.shop.id, publicID: id, by: AuditActor(.agent, name: agent.agent.email))
                return Response.redirect(to: "/app/settings/articles?deleted=1", type: .normal)
            }
        }
    }

    /// The editor of `article` (nil: a new one), showing `draft` where it differs from what is stored.
    private func editor(
        _ agent: SignedInAgent, article: Article?, draft: ArticleForm?, previewing: Bool = false, saved: String? = nil,
        error: InvalidInput? = nil
    ) -> Response {
        let texts = views.localizer.texts(agent.language)
        let model = ArticleEditorModel(
            article: article, draft: draft, previewing: previewing, saved: saved,
            error: error.map { (field: $0.field, text: SettingsProblem.text($0, form: "articles", texts: texts)) }, agent: agent,
            texts: texts)
        return views.app(
            .articleEditor, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "settings"), model: model,
            status: error == nil ? .ok : .unprocessableContent)
    }
}

extension ArticleSettingsRoutes.ArticleForm {
    static func blank(locale: String) -> Self {
        Self(csrfToken: nil, title: nil, category: nil, locale: locale, body: nil, intent: nil)
    }
}

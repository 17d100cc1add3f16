import Foundation
import ParleyCore
import ParleyServices

/// The article editor: the form (as typed when it came back), the rendered preview beside it, and
/// the buttons the article's status allows.
struct ArticleEditorModel {
    struct Field {
        let id: String
        let name: String
        let label: String
        let hint: String
        let value: String
        let invalid: Bool
    }

    let heading: String
    let action: String
    let isNew: Bool
    let isPublished: Bool
    let statusLabel: String
    let fields: [Field]
    let body: Field
    /// Sanitized HTML of the body, as the help page shows it.
    let preview: String
    let hasPreview: Bool
    /// The article's language, for the preview's `lang`.
    let previewLocale: String
    let notice: String?
    let error: String?
    let deleteAction: String?
    let deleteQuestion: String
    let publicLink: String?

    /// What `?saved=` may say was just done.
    static let outcomes: Set<String> = ["save", "publish", "unpublish"]

    init(
        article: Article?, draft: ArticleSettingsRoutes.ArticleForm?, previewing: Bool, saved: String?,
        error: (field: String, text: String)?, agent: SignedInAgent, texts: Texts
    ) {
        let title = draft?.title ?? article?.title ?? ""
        let locale = draft?.locale ?? article?.locale ?? agent.shop.defaultLocale
        let markdown = draft?.body ?? article?.body ?? ""
        func field(_ name: String, _ value: String) -> Field {
            Field(
                id: "article-\(name)", name: name, label: texts["app.settings.articles.fields.\(name).label"],
                hint: texts["app.settings.articles.fields.\(name).hint"], value: value, invalid: error?.field == name)
        }
        heading = article == nil ? texts["app.settings.articles.new"] : texts["app.settings.articles.edit"]
        action = article.map { "/app/settings/articles/\($0.publicID)" } ?? "/app/settings/articles"
        isNew = article == nil
        isPublished = article?.status == .published
        statusLabel = texts["app.settings.articles.statuses.\((article?.status ?? .draft).rawValue)"]
        fields = [
            field("title", title), field("category", draft?.category ?? article?.category ?? ""), field("locale", locale),
        ]
        body = field("body", markdown)
        preview = ArticleHTML.render(markdown)
        hasPreview = !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        previewLocale = LocaleFallback.normalize(locale)
        notice =
            previewing
            ? Optional(texts["app.settings.articles.previewing"])
            : saved.flatMap { Self.outcomes.contains($0) ? texts["app.settings.articles.saved.\($0)"] : nil }
        self.error = error?.text
        deleteAction = article.map { "/app/settings/articles/\($0.publicID)/delete" }
        deleteQuestion = texts.format("app.settings.articles.deleteQuestion", ["title": article?.title ?? ""])
        publicLink = article.flatMap { $0.status == .published ? "/help/\(agent.shop.slug)/\($0.publicID)" : nil }
    }
}

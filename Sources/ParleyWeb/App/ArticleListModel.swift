import Foundation
import ParleyCore
import ParleyServices

/// The shop's help articles as the settings screen lists them: by category, each category's
/// articles by title, narrowed to a language and a status.
struct ArticleListModel {
    struct Row {
        let href: String
        let title: String
        let locale: String
        let status: String
        let published: Bool
        let updated: String
        let updatedExact: String
    }

    struct Group {
        let id: String
        let name: String
        let rows: [Row]
    }

    let groups: [Group]
    let hasArticles: Bool
    let hasGroups: Bool
    let locales: [SelectOption]
    let statuses: [SelectOption]
    let notice: String?
    let helpPage: String

    init(
        articles: [Article], locale: String?, status: Article.Status?, deleted: Bool, shop: Shop, agent: SignedInAgent, texts: Texts
    ) {
        let locale = locale.flatMap { $0.isEmpty ? nil : LocaleFallback.normalize($0) }
        let shown = articles.filter { (locale == nil || $0.locale == locale) && (status == nil || $0.status == status) }
        let byCategory = Dictionary(grouping: shown) { $0.category ?? "" }
        groups = byCategory.keys.sorted { left, right in
            // Articles without a category come last, as on the help page.
            left.isEmpty != right.isEmpty ? !left.isEmpty : left.localizedStandardCompare(right) == .orderedAscending
        }.enumerated().map { index, category in
            Group(
                id: "category-\(index)", name: category.isEmpty ? texts["app.settings.articles.uncategorized"] : category,
                rows: (byCategory[category] ?? []).sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }.map {
                    Row(
                        href: "/app/settings/articles/\($0.publicID)", title: $0.title, locale: $0.locale,
                        status: texts["app.settings.articles.statuses.\($0.status.rawValue)"], published: $0.status == .published,
                        updated: agent.format.relative($0.updatedAt), updatedExact: agent.format.exact($0.updatedAt))
                })
        }
        hasArticles = !articles.isEmpty
        hasGroups = !groups.isEmpty
        locales =
            [SelectOption(value: "", label: texts["app.settings.articles.allLanguages"], selected: locale == nil)]
            + Set(articles.map(\.locale)).sorted().map { SelectOption(value: $0, label: $0, selected: $0 == locale) }
        statuses =
            [SelectOption(value: "", label: texts["app.settings.articles.allStatuses"], selected: status == nil)]
            + Article.Status.allCases.map {
                SelectOption(value: $0.rawValue, label: texts["app.settings.articles.statuses.\($0.rawValue)"], selected: $0 == status)
            }
        notice = deleted ? texts["app.settings.articles.deleted"] : nil
        helpPage = "/help/\(shop.slug)"
    }
}

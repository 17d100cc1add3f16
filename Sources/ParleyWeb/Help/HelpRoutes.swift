import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/help/{shop}`: a shop's public help page, no login. Its published articles by category in the
/// visitor's language (`?lang=`, else the browser's, else the shop's default), a search (`?q=`)
/// and each article at `/help/{shop}/{article}`. A draft is never shown: it is not found.
struct HelpRoutes {
    let findShop: FindShop
    let knowledge: KnowledgeBase
    let settings: ShopSettings
    let views: Views
    let publicURL: String

    /// The longest search taken; the rest of a longer one is ignored.
    static let longestQuery = 200

    func register(on router: Router<ParleyRequestContext>) {
        router.get("help/:shop") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let wanted = Self.wanted(request)
            let shelf = try await knowledge.shelf(shop: shop, preferred: wanted)
            let language = pageLanguage(wanted: wanted, else: shelf.locale, request)
            let texts = views.localizer.texts(language)
            let query = String((request.uri.queryParameters["q"].map(String.init) ?? "").prefix(Self.longestQuery))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var page = try await frame(shop: shop, shelf: shelf, language: language, query: query, title: texts["help.title"])
            let entry = { (article: Article) in
                HelpPage.Entry(
                    href: Self.link(shop, article), title: article.title, excerpt: ArticleHTML.excerpt(article.body))
            }
            if query.isEmpty {
                let byCategory = Dictionary(grouping: shelf.articles) { $0.category ?? "" }
                // The shelf is sorted by category already; keep that order.
                var order: [String] = []
                for article in shelf.articles where !order.contains(article.category ?? "") { order.append(article.category ?? "") }
                page.listing = HelpPage.Listing(
                    categories: order.enumerated().map { index, name in
                        HelpPage.Category(
                            id: "c\(index)", name: name.isEmpty ? texts["help.other"] : name,
                            entries: (byCategory[name] ?? []).map(entry))
                    }, empty: shelf.articles.isEmpty)
            } else {
                let found = try await knowledge.search(shop: shop.id, locale: shelf.locale ?? shop.defaultLocale, query: query)
                let number = found.count.formatted(.number.locale(Locale(identifier: language)))
                page.results = HelpPage.Results(
                    label: texts.plural("help.found", found.count, number: number), entries: found.map(entry),
                    none: found.isEmpty ? texts.format("help.nothingFound", ["query": query]) : nil)
                page.back = page.brand.home
            }
            return Self.secured(views.page(.help, language: language, model: page))
        }
        router.get("help/:shop/:article") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let wanted = Self.wanted(request)
            let article: Article
            do {
                article = try await knowledge.published(shop: shop.id, publicID: try context.parameters.require("article"))
            } catch ArticleError.articleNotFound {
                let shelf = try await knowledge.shelf(shop: shop, preferred: wanted)
                let language = pageLanguage(wanted: wanted, else: shelf.locale, request)
                let texts = views.localizer.texts(language)
                var page = try await frame(shop: shop, shelf: shelf, language: language, query: "", title: texts["help.missing.title"])
                page.missing = true
                page.back = page.brand.home
                return Self.secured(views.page(.help, language: language, model: page, status: .notFound))
            }
            // The article's own language leads the links around it, so that they stay in it.
            let shelf = try await knowledge.shelf(shop: shop, preferred: article.locale)
            let language = pageLanguage(wanted: wanted, else: article.locale, request)
            var page = try await frame(shop: shop, shelf: shelf, language: language, query: "", title: article.title)
            let when = Date.FormatStyle(
                date: .long, time: .omitted, locale: Locale(identifier: language), timeZone: TimeZone(identifier: shop.timeZone) ?? .gmt)
            page.reading = HelpPage.Reading(
                title: article.title, category: article.category, html: ArticleHTML.render(article.body),
                updated: views.localizer.texts(language).format("help.updated", ["date": article.updatedAt.formatted(when)]))
            page.back = page.brand.home
            return Self.secured(views.page(.help, language: language, model: page))
        }
    }

    /// What every help page has around its content.
    private func frame(shop: Shop, shelf: HelpShelf, language: String, query: String, title: String) async throws -> HelpPage {
        let values = try await settings.values(shop: shop.id)
        let locale = shelf.locale ?? shop.defaultLocale
        let home = "/help/\(shop.slug)?lang=\(Self.encoded(locale))"
        let languages = shelf.locales.map { code in
            HelpPage.Language(
                href: "/help/\(shop.slug)?lang=\(Self.encoded(code))",
                name: Locale(identifier: code).localizedString(forIdentifier: code).map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    ?? code,
                code: code, current: code == shelf.locale)
        }
        return HelpPage(
            title: title, brand: ShopBrand(shop: shop, settings: values, publicURL: publicURL, home: home),
            searchAction: "/help/\(shop.slug)", shelfLocale: locale, query: query, languages: languages,
            hasLanguages: languages.count > 1, email: values[.supportEmail], phone: values[.supportPhone],
            hasContacts: values[.supportEmail] != nil || values[.supportPhone] != nil, back: nil)
    }

    /// The language of the page's own words: the visitor's where Parley speaks it, else the articles'
    /// (a Hindi reader of English articles still gets Hindi buttons).
    private func pageLanguage(wanted: String?, else articles: String?, _ request: Request) -> String {
        let primary = wanted.map { LocaleFallback.normalize($0).split(separator: "-").first.map(String.init) ?? "" }
        return views.localizer.language(
            for: primary.map(Localizer.supported.contains) == true ? wanted : articles, acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The language the visitor asks for: `?lang=`, else the browser's first.
    private static func wanted(_ request: Request) -> String? {
        request.uri.queryParameters["lang"].map(String.init)
            ?? Localizer.ranked(request.headers[.acceptLanguage]).first { $0 != "*" }
    }

    private static func link(_ shop: Shop, _ article: Article) -> String {
        "/help/\(shop.slug)/\(article.publicID)"
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? ""
    }

    /// Article images may come from the shop's own HTTPS servers; nothing else may load or run.
    private static func secured(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'; form-action 'self'"
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}

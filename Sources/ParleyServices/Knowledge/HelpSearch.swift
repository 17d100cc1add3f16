import ParleyCore

/// How the help page's search finds articles: every word of the query must be in the title or the
/// body, compared folded (case and accents ignored) and loosely enough for inflected forms
/// ("zwrotów" finds "Zwroty", "sizes" finds "size"); titles that match come first.
///
/// A stand-in for the assistant's ranking: ``KnowledgeBase/search(shop:locale:query:)`` is the one
/// caller, so a better retriever replaces this without the page noticing.
enum HelpSearch {
    static func rank(_ articles: [Article], query: String) -> [Article] {
        let wanted = SearchText.words(query)
        guard !wanted.isEmpty else { return [] }
        let scored: [(article: Article, inTitle: Int, inBody: Int)] = articles.compactMap { article in
            let title = SearchText.tokens(article.title)
            let body = SearchText.tokens(article.body)
            var inTitle = 0
            var inBody = 0
            for word in wanted {
                let titleHits = title.count(where: { matches(word, $0) })
                let bodyHits = body.count(where: { matches(word, $0) })
                guard titleHits + bodyHits > 0 else { return nil }
                if titleHits > 0 { inTitle += 1 }
                inBody += bodyHits
            }
            return (article, inTitle, inBody)
        }
        return scored.sorted {
            if $0.inTitle != $1.inTitle { return $0.inTitle > $1.inTitle }
            if $0.inBody != $1.inBody { return $0.inBody > $1.inBody }
            return $0.article.title < $1.article.title
        }.map(\.article)
    }

    /// A query word finds a document word it begins, or one that shares all but a short ending
    /// with it: a light stemming that serves Polish and Russian endings as well as English ones.
    static func matches(_ query: String, _ word: String) -> Bool {
        if word.hasPrefix(query) { return true }
        let shared = zip(query.unicodeScalars, word.unicodeScalars).prefix { $0 == $1 }.count
        return shared >= 4 && shared >= max(query.unicodeScalars.count, word.unicodeScalars.count) - 3
    }
}

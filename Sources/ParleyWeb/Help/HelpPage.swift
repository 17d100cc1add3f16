import Foundation
import ParleyCore
import ParleyServices

/// A shop's public help page as its template reads it: the frame every help page has (brand,
/// search, languages, contacts) and one of the article list, search results, one article or the
/// page saying an article is not here.
struct HelpPage {
    struct Entry {
        let href: String
        let title: String
        let excerpt: String
    }

    struct Category {
        let id: String
        let name: String
        let entries: [Entry]
    }

    struct Language {
        let href: String
        let name: String
        let code: String
        let current: Bool
    }

    struct Listing {
        let categories: [Category]
        let empty: Bool
    }

    struct Results {
        let label: String
        let entries: [Entry]
        let none: String?
    }

    struct Reading {
        let title: String
        let category: String?
        let html: String
        let updated: String
    }

    let title: String
    let brand: ShopBrand
    let searchAction: String
    /// The articles' language, kept by the search form and the links.
    let shelfLocale: String
    let query: String
    let languages: [Language]
    let hasLanguages: Bool
    let email: String?
    let phone: String?
    let hasContacts: Bool
    var back: String?
    var listing: Listing?
    var results: Results?
    var reading: Reading?
    var missing = false
}

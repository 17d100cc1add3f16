import Foundation
import ParleyCore
import ParleyStore

/// A campaign's text in one language as a customer of that language gets it, for the editor:
/// rendered for a sample customer, with the footer every marketing email carries.
public struct CampaignPreview: Sendable {
    /// A first name that reads naturally in each language, so the greeting can be judged.
    static let sampleNames = ["en": "Emily", "pl": "Zofia", "el": "Ελένη", "ru": "Анна", "hi": "प्रिया"]

    private let catalogs: MessageCatalogs
    private let publicURL: String

    public init(catalogs: MessageCatalogs, publicURL: String) {
        self.catalogs = catalogs
        self.publicURL = publicURL
    }

    /// The subject and text, or why the template does not render.
    public func render(_ content: Campaign.Content, language: String, shop: Shop, shopURL: String?) -> Result<
        (subject: String, body: String), InvalidInput
    > {
        do {
            let (_, entries) = try catalogs.catalog(for: language, shopDefault: shop.defaultLocale)
            let preferences = "\(publicURL)/p/\(shop.slug)/cus_sample/signature"
            let values = MessageCatalogs.present([
                "shop": shop.name, "name": Self.sampleNames[language] ?? "Alex", "shopUrl": shopURL, "preferences": preferences,
                "unsubscribe": preferences + "/unsubscribe",
            ])
            let letter = try MarketingMail.letter(subject: content.subject, body: content.body, entries: entries, values: values)
            return .success((letter.subject, letter.text))
        } catch {
            return .failure(InvalidInput(field: "contents.\(language)", reason: "\(error)"))
        }
    }
}

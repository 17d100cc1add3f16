import Foundation
import ParleyCore
import ParleyStore

/// Counts the opens and clicks of marketing emails through signed addresses on this installation:
/// `/e/o/{shop}/{message}/{signature}` is the email's pixel, `/e/c/{shop}/{message}/{signature}?u=`
/// one of its links. The signature covers the target, so the redirect goes only where the shop's
/// own email pointed: any other target, or a changed one, is refused (no open redirect).
public struct EngagementTracking: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The pixel of the message `publicID`.
    static func pixel(publicURL: String, shop: Shop, message publicID: String, key: String) -> String {
        "\(publicURL)/e/o/\(shop.slug)/\(publicID)/\(ShopLinkSigner.signature(openMessage(shop.slug, publicID), key: key))"
    }

    /// The tracked address of `target` in the message `publicID`.
    static func click(publicURL: String, shop: Shop, message publicID: String, target: String, key: String) -> String {
        let signature = ShopLinkSigner.signature(clickMessage(shop.slug, publicID, target), key: key)
        return
            "\(publicURL)/e/c/\(shop.slug)/\(publicID)/\(signature)?u=\(target.addingPercentEncoding(withAllowedCharacters: Self.query) ?? "")"
    }

    /// Notes that the message was opened, by whom `userAgent` suggests. A wrong link notes nothing.
    public func open(shopSlug: String, message: String, signature: String, userAgent: String?, head: Bool) async throws {
        try await note(
            .open, shopSlug, message, signature: signature, signing: Self.openMessage(shopSlug, message), url: "",
            userAgent: userAgent, head: head)
    }

    /// Notes the click and gives the address to send the reader on to.
    public func click(shopSlug: String, message: String, signature: String, target: String, userAgent: String?, head: Bool)
        async throws -> String
    {
        guard let scheme = URLComponents(string: target)?.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw EngagementError.linkNotFound
        }
        try await note(
            .click, shopSlug, message, signature: signature, signing: Self.clickMessage(shopSlug, message, target), url: target,
            userAgent: userAgent, head: head)
        return target
    }

    private func note(
        _ kind: MailEngagement.Kind, _ shopSlug: String, _ message: String, signature: String, signing: String, url: String,
        userAgent: String?, head: Bool
    ) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            guard let shop = try await ShopRepository(sql).find(slug: shopSlug),
                try await ShopLinkSigner.isValid(signature, for: signing, shop: shop.id, on: sql),
                let found = try await MessageRepository(sql).find(shop: shop.id, publicID: message)
            else { throw EngagementError.linkNotFound }
            let source = MailEngagement.source(
                kind: kind, userAgent: userAgent, head: head, sinceSent: found.sentAt.map { now.timeIntervalSince($0) })
            try await EngagementRepository(sql).record(shop: shop.id, messageID: found.id, kind: kind, source: source, url: url, at: now)
        }
    }

    private static func openMessage(_ shop: String, _ message: String) -> String { "open:\(shop):\(message)" }
    private static func clickMessage(_ shop: String, _ message: String, _ target: String) -> String {
        "click:\(shop):\(message):\(target)"
    }

    /// What may stand unescaped in a query value: `&`, `=`, `+` and `#` would end or change it.
    private static let query = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
}

/// Why a tracked address was refused.
public enum EngagementError: UseCaseError, Equatable {
    /// A wrong shop, message, signature or target alike.
    case linkNotFound

    public var refusal: Refusal { .notFound }

    public var description: String { "no such link" }
}

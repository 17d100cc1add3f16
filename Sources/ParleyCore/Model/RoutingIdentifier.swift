import Foundation

/// Something outside Parley that sends traffic to one shop: a support address mail is delivered to,
/// an SMS number or provider account, a platform's shop domain, a site that sends webhooks. Each is
/// held by one shop only; a support address only once its owner has proved it reads mail sent there.
public struct RoutingIdentifier: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case email
        case smsNumber = "sms_number"
        case smsAccount = "sms_account"
        case shopifyDomain = "shopify_domain"
        case woocommerceSite = "woocommerce_site"
    }

    public enum Status: String, Sendable {
        /// Claimed, not yet proved: routes nothing.
        case pending
        /// Routes traffic to the shop.
        case verified
    }

    public let id: Int64
    public let shop: ShopID
    public let kind: Kind
    /// The normalised value (`help@kubki.example`, `+48601234567`, `kubki.myshopify.com`).
    public let value: String
    /// The shop setting the identifier comes from.
    public let setting: String
    public let status: Status
    public let createdAt: Date
    public let verifiedAt: Date?

    public init(
        id: Int64, shop: ShopID, kind: Kind, value: String, setting: String, status: Status, createdAt: Date, verifiedAt: Date?
    ) {
        self.id = id
        self.shop = shop
        self.kind = kind
        self.value = value
        self.setting = setting
        self.status = status
        self.createdAt = createdAt
        self.verifiedAt = verifiedAt
    }
}

extension RoutingIdentifier.Kind {
    /// One spelling for every way of writing the same identifier, so two shops cannot hold one
    /// address as `Help@Kubki.example.` and `help+x@kubki.example`; nil for a value that is not one.
    public func normalized(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping.lowercased()
        guard !text.isEmpty else { return nil }
        switch self {
        case .email:
            guard let at = text.lastIndex(of: "@") else { return nil }
            var local = String(text[..<at])
            if local.count >= 2 && local.hasPrefix("\"") && local.hasSuffix("\"") { local = String(local.dropFirst().dropLast()) }
            // A sub-address reaches the same mailbox (and carries Parley's reply tokens).
            local = local.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? local
            let domain = Self.host(String(text[text.index(after: at)...]))
            return local.isEmpty || domain.isEmpty ? nil : "\(local)@\(domain)"
        case .smsNumber:
            return try? Identity.normalized(.phone, text).value
        case .smsAccount:
            return text.contains(":") ? text : nil
        case .shopifyDomain:
            let host = Self.host(text.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: ""))
            return host.isEmpty ? nil : String(host.split(separator: "/").first ?? "")
        case .woocommerceSite:
            guard let url = URLComponents(string: text), let scheme = url.scheme, let host = url.host, !host.isEmpty else { return nil }
            let port = url.port.map { ":\($0)" } ?? ""
            let path = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
            return "\(scheme)://\(Self.host(host))\(port)\(path)"
        }
    }

    private static func host(_ text: String) -> String {
        text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}

/// Which shop settings route traffic, and the identifiers a shop's settings claim.
public enum RoutingSettings {
    /// The settings that, alone, name an identifier.
    public static let kinds: [String: RoutingIdentifier.Kind] = [
        "support.email": .email, "sms.from": .smsNumber, "shopify.shop_domain": .shopifyDomain, "woocommerce.site_url": .woocommerceSite,
    ]

    /// Every identifier `settings` claim: the single-setting ones, and the SMS provider account
    /// (`sms.provider` with `sms.username`, as `twilio:AC…`). An alphanumeric sender routes nothing.
    public static func claims(_ settings: [String: String]) -> [(kind: RoutingIdentifier.Kind, value: String, setting: String)] {
        var claims = kinds.sorted { $0.key < $1.key }.compactMap { setting, kind in
            settings[setting].flatMap(kind.normalized).map { (kind, $0, setting) }
        }
        if let provider = settings[.smsProvider], let account = settings[.smsUsername],
            let value = RoutingIdentifier.Kind.smsAccount.normalized("\(provider):\(account)")
        {
            claims.append((.smsAccount, value, "sms.username"))
        }
        return claims
    }
}

import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// A shop with its settings, secrets masked: what the API and the CLI show.
public struct ShopProfile: Sendable, Equatable {
    public let shop: Shop
    /// Settings that keep messages waiting; empty when everything can go out.
    public let warnings: [SettingWarning]
    /// The addresses, numbers and domains that route traffic to the shop, and whether each is proved.
    public let routing: [RoutingIdentifier]
    /// Each set key with its displayable value (`…f00d` for a secret).
    public let settings: [String: String]
    /// The TXT record to publish for the shop's DKIM key (`parley._domainkey.kubki.example`), once set.
    public let dkimRecord: (name: String, value: String)?

    public static func == (lhs: ShopProfile, rhs: ShopProfile) -> Bool {
        lhs.shop == rhs.shop && lhs.settings == rhs.settings && lhs.warnings == rhs.warnings && lhs.routing == rhs.routing
            && lhs.dkimRecord?.name == rhs.dkimRecord?.name
            && lhs.dkimRecord?.value == rhs.dkimRecord?.value
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// The signed time a contact form was drawn at, which its post carries back: `{milliseconds}.{signature}`,
/// signed with the shop's link key (`ShopLinkSigner`).
///
/// People take longer than `fastest` to write a message and come back within `oldest`; a program
/// that posts at once, replays an old form or makes up the token is not a person.
enum ContactFormToken {
    static let fastest: TimeInterval = 2
    static let oldest: TimeInterval = 86400

    enum Check: Equatable {
        case fresh, tooFast, expired, forged
    }

    /// The token of a form of `shop` drawn at `now`, under the shop's `key`.
    static func make(shop: Shop, at now: Date, key: String) -> String {
        let stamp = String(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)))
        return stamp + "." + ShopLinkSigner.signature(message(shop: shop, stamp: stamp), key: key)
    }

    /// What `token` says of the form it came with, posted at `now`.
    static func check(_ token: String, shop: Shop, now: Date, on sql: DatabaseSession) async throws -> Check {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count <= 15, parts[0].allSatisfy(\.isASCII), let milliseconds = Int64(parts[0]),
            try await ShopLinkSigner.isValid(parts[1], for: message(shop: shop, stamp: parts[0]), shop: shop.id, on: sql)
        else { return .forged }
        let age = now.timeIntervalSince1970 - Double(milliseconds) / 1000
        if age < fastest { return .tooFast }
        return age > oldest ? .expired : .fresh
    }

    private static func message(shop: Shop, stamp: String) -> String { "form:\(shop.slug):\(stamp)" }
}

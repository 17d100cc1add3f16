import ParleyCore
import ParleyMail

/// The per-conversation reply address: the shop's support address with the conversation's token
/// as a sub-address (`sklep+k3f…@kubki.example`, RFC 5233).
///
/// The token is an unguessable capability, so mail to it joins its conversation even when the
/// customer's program drops In-Reply-To and the subject was rewritten.
enum ReplyAddress {
    static let tokenLength = 26

    /// A new token: lower-case letters and digits, because some mail servers fold local parts to lower case.
    static func makeToken() -> String {
        OpaqueToken.make(prefix: "", length: tokenLength).lowercased()
    }

    /// The reply address for `token`, or nil when the shop has no usable `support.email`.
    static func make(supportEmail: String?, token: String) -> String? {
        guard let supportEmail, let address = try? EmailAddress(parsing: supportEmail) else { return nil }
        let base = address.localPart.split(separator: "+", maxSplits: 1).first.map(String.init) ?? address.localPart
        return "\(base)+\(token)@\(address.domain)"
    }

    /// Tokens found in the sub-address of `addresses`, in order.
    static func tokens(in addresses: [String]) -> [String] {
        addresses.compactMap { text in
            let spec = (try? EmailAddress(parsing: text))?.localPart ?? text
            guard let plus = spec.lastIndex(of: "+") else { return nil }
            let tag = spec[spec.index(after: plus)...].prefix { $0 != "@" }.lowercased()
            let isToken = tag.count == tokenLength && tag.allSatisfy { ($0.isASCII && $0.isLetter) || ($0.isASCII && $0.isNumber) }
            return isToken ? tag : nil
        }
    }
}

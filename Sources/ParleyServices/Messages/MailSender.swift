import ParleyCore
import ParleyMail

/// Who a shop's email comes from: `email.from`, or the shop's name at the installation's own domain.
struct MailSender {
    let from: EmailAddress
    /// The return path (`MAIL FROM`): where bounces go.
    let bounceAddress: String

    /// A sender setting that does not parse (stored before settings were checked on write).
    struct Unusable: Error {
        let setting: String
        let reason: String
    }

    init(settings: [String: String], shopName: String, fallbackDomain: String) throws(Unusable) {
        if let configured = settings[.emailFrom] {
            from = try Self.address(configured, setting: "email.from")
        } else {
            let domain = (try? EmailAddress(parsing: "no-reply@\(fallbackDomain)")) != nil ? fallbackDomain : "parley.localhost"
            from = try Self.address("no-reply@\(domain)", setting: "email.from").named(shopName)
        }
        if let bounce = settings[.emailBounceAddress] {
            bounceAddress = try Self.address(bounce, setting: "email.bounce_address").addrSpec
        } else {
            bounceAddress = from.addrSpec
        }
    }

    private static func address(_ text: String, setting: String) throws(Unusable) -> EmailAddress {
        // A line break would end the header and start another one: never let one through.
        guard !text.contains(where: \.isNewline) else { throw Unusable(setting: setting, reason: "it holds a line break") }
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw Unusable(setting: setting, reason: "\(error)")
        }
    }

    /// A Message-ID that depends only on the message, so every retry sends the same one.
    func messageID(for publicID: String) -> String { "\(publicID)@\(from.domain)" }
}

import ParleyMail

/// Who a shop's email comes from: `email.from`, or the shop's name at the installation's own domain.
struct MailSender {
    let from: EmailAddress
    /// The return path (`MAIL FROM`): where bounces go.
    let bounceAddress: String

    init(settings: [String: String], shopName: String, fallbackDomain: String) throws {
        if let configured = settings["email.from"] {
            from = try EmailAddress(parsing: configured)
        } else {
            let domain = (try? EmailAddress(parsing: "no-reply@\(fallbackDomain)")) != nil ? fallbackDomain : "parley.localhost"
            from = try EmailAddress(parsing: "no-reply@\(domain)").named(shopName)
        }
        bounceAddress = try settings["email.bounce_address"].map { try EmailAddress(parsing: $0).addrSpec } ?? from.addrSpec
    }

    /// A Message-ID that depends only on the message, so every retry sends the same one.
    func messageID(for publicID: String) -> String { "\(publicID)@\(from.domain)" }
}

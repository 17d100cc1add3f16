import Foundation
import ParleyCore

/// Shopify's customer webhooks: an account made or changed (`customers/create`, `customers/update`),
/// and a change of email marketing consent alone (`customers_email_marketing_consent/update`).
/// Consent is read from `email_marketing_consent` and `sms_marketing_consent` (`subscribed`,
/// `unsubscribed`; `not_subscribed` and `pending` decide nothing), else from the older `accepts_marketing`.
extension ShopifyWebhook: CustomerWebhookAdapter {
    public func customer(topic: String, body: Data) throws -> PlatformCustomer? {
        let json = try JSONObject(data: body)
        switch topic {
        case "customers/create", "customers/update":
            guard let id = json.string("id") else { throw WebhookRefused(topic: topic, reason: "it is not a customer (no id)") }
            let email = json.string("email")
            let phone = json.string("phone")
            guard email != nil || phone != nil else { return nil }
            let name = [json.string("first_name"), json.string("last_name")].compactMap { $0 }.joined(separator: " ")
            let emailConsent = json.object("email_marketing_consent")
            return PlatformCustomer(
                customer: OrderCustomer(
                    email: email, phone: phone, externalID: "shopify:\(id)", name: name.isEmpty ? nil : name, locale: json.string("locale")),
                email: Self.status(emailConsent?.string("state")) ?? (json.bool("accepts_marketing") == true ? .granted : nil),
                sms: Self.status(json.object("sms_marketing_consent")?.string("state")),
                confirmed: emailConsent?.string("opt_in_level") == "confirmed_opt_in")
        case "customers_email_marketing_consent/update":
            guard let id = json.string("customer_id") else {
                throw WebhookRefused(topic: topic, reason: "it names no customer (no customer_id)")
            }
            let consent = json.object("email_marketing_consent")
            guard let status = Self.status(consent?.string("state")) else { return nil }
            return PlatformCustomer(
                customer: OrderCustomer(email: json.string("email_address"), externalID: "shopify:\(id)"), email: status, sms: nil,
                confirmed: consent?.string("opt_in_level") == "confirmed_opt_in")
        default:
            return nil
        }
    }

    /// Shopify's consent state as a decision; nil for none.
    private static func status(_ state: String?) -> Consent.Status? {
        switch state?.lowercased() {
        case "subscribed": .granted
        case "unsubscribed": .revoked
        default: nil
        }
    }
}

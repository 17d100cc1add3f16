import Foundation
import ParleyCore

/// WooCommerce's customer webhooks (`customer.created`, `customer.updated`): the account's address,
/// name and phone. WooCommerce itself keeps no marketing consent (newsletter plugins do, through the
/// API), so none is read here.
extension WooCommerceWebhook: CustomerWebhookAdapter {
    public func customer(topic: String, body: Data) throws -> PlatformCustomer? {
        guard topic == "customer.created" || topic == "customer.updated", let json = try? JSONObject(data: body) else { return nil }
        guard let id = json.string("id") else { throw WebhookRefused(topic: topic, reason: "it is not a customer (no id)") }
        let billing = json.object("billing")
        let email = json.string("email") ?? billing?.string("email")
        let phone = billing?.string("phone").flatMap { $0.isEmpty ? nil : $0 }
        guard email?.isEmpty == false || phone != nil else { return nil }
        let name = [json.string("first_name"), json.string("last_name")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return PlatformCustomer(
            customer: OrderCustomer(
                email: email?.isEmpty == false ? email : nil, phone: phone, externalID: "woocommerce:\(id)", name: name.isEmpty ? nil : name
            ),
            email: nil, sms: nil, confirmed: false)
    }
}

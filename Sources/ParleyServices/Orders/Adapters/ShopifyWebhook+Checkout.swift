import Foundation
import ParleyCore

/// Shopify's checkout webhooks: a checkout begun (`checkouts/create`) or changed (`checkouts/update`),
/// with the buyer's address, the line items, the total and `abandoned_checkout_url`.
extension ShopifyWebhook: CheckoutWebhookAdapter {
    public func checkout(topic: String, body: Data, receivedAt: Date) throws -> PlatformCheckout? {
        guard topic == "checkouts/create" || topic == "checkouts/update" else { return nil }
        let json = try JSONObject(data: body)
        guard let token = json.string("token") else {
            throw WebhookRefused(topic: topic, reason: "it is not a checkout (no token)")
        }
        guard json.string("completed_at") == nil else { return nil }
        let customer = json.object("customer")
        let email = json.string("email") ?? customer?.string("email")
        let phone = json.string("phone") ?? json.string("sms_marketing_phone") ?? customer?.string("phone")
        guard email != nil || phone != nil else { return nil }
        let name = [customer?.string("first_name"), customer?.string("last_name")].compactMap { $0 }.joined(separator: " ")
        let updatedAt = json.date("updated_at") ?? json.date("created_at") ?? receivedAt
        let items = json.objects("line_items").map { item in
            CustomerEventInput.Item(
                id: item.string("sku") ?? item.string("product_id"), name: item.string("title"),
                quantity: item.int("quantity"), price: item.string("price"))
        }
        return PlatformCheckout(
            token: token,
            customer: OrderCustomer(
                email: email, phone: phone, externalID: customer?.string("id").map { "shopify:\($0)" }, name: name.isEmpty ? nil : name,
                locale: json.string("customer_locale"),
                acceptsEmailMarketing: json.bool("buyer_accepts_marketing") ?? customer?.bool("accepts_marketing"),
                acceptsSMSMarketing: json.bool("buyer_accepts_sms")),
            event: CustomerEventInput(
                type: CustomerEvent.Kind.checkout.rawValue, at: updatedAt.formatted(.iso8601), url: json.string("abandoned_checkout_url"),
                currency: json.string("presentment_currency") ?? json.string("currency"), items: items,
                total: json.string("total_price"), checkout: token),
            updatedAt: updatedAt)
    }
}

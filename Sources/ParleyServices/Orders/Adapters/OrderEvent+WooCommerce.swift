import Foundation
import ParleyCore

/// WooCommerce order webhooks (`order.created`, `order.updated`) as `OrderEvent`s.
///
/// WooCommerce signs with base64 HMAC-SHA256 of the body in `X-WC-Webhook-Signature` and names each
/// delivery in `X-WC-Webhook-Delivery-ID`. The order's `status` says its stage; tracking comes from the
/// Shipment Tracking extension's `_wc_shipment_tracking_items` meta data when present.
public struct WooCommerceWebhook: OrderWebhookAdapter {
    public let platform = "woocommerce"
    public let secretSetting = "woocommerce.webhook_secret"
    public let signatureHeader = "X-WC-Webhook-Signature"
    public let topicHeader = "X-WC-Webhook-Topic"
    public let deliveryHeader = "X-WC-Webhook-Delivery-ID"
    public let sourceHeader = "X-WC-Webhook-Source"
    public let sourceSetting = "woocommerce.site_url"

    public init() {}

    public func event(topic: String, deliveryID: String?, body: Data, receivedAt: Date) throws -> OrderEvent? {
        // Saving a webhook in WooCommerce sends a form-encoded `webhook_id=…` ping: acknowledged, nothing to do.
        guard topic.hasPrefix("order."), let json = try? JSONObject(data: body) else { return nil }
        // `order.deleted` carries only the id; every other order topic carries the whole order, whose
        // status (signed) decides the stage; the topic (unsigned) must at least agree it is an order.
        guard topic != "order.deleted" else { return nil }
        guard json.string("order_key") != nil, json.string("status") != nil else {
            throw WebhookRefused(topic: topic, reason: "it is not an order (no order_key and status)")
        }
        guard let id = json.string("id"), let stage = Self.stage(json.string("status")) else { return nil }
        let currency = json.string("currency")?.uppercased()
        let code = currency ?? "XXX"
        let billing = json.object("billing")
        let shipping = json.object("shipping")
        let name = [billing?.string("first_name"), billing?.string("last_name")].compactMap { $0 }.joined(separator: " ")
        let customerID = json.int("customer_id").flatMap { $0 > 0 ? "woocommerce:\($0)" : nil }
        return OrderEvent(
            source: platform, eventID: deliveryID, externalOrderID: "woocommerce:\(id)", number: "#" + (json.string("number") ?? id),
            stage: stage, occurredAt: Self.date(json, for: stage) ?? receivedAt,
            customer: OrderCustomer(
                email: billing?.string("email"), phone: billing?.string("phone") ?? shipping?.string("phone"), externalID: customerID,
                name: name.isEmpty ? nil : name),
            currency: currency, totalMinor: json.string("total").flatMap { Currency.minorUnits($0, code: code) },
            items: json.objects("line_items").map { line in
                OrderItem(
                    sku: line.string("sku"), name: line.string("name") ?? "", quantity: line.int("quantity") ?? 1,
                    unitPriceMinor: line.string("price").flatMap { Currency.minorUnits($0, code: code) } ?? 0)
            },
            shipment: Self.shipment(json), shippingPostcode: shipping?.string("postcode") ?? billing?.string("postcode"))
    }

    /// Where a WooCommerce status puts the order. `completed` means the shop sent it; `failed` and
    /// `checkout-draft` move nothing.
    static func stage(_ status: String?) -> OrderStage? {
        switch status {
        case "pending", "on-hold": .accepted
        case "processing": .paid
        case "completed": .shipped
        case "cancelled": .cancelled
        case "refunded": .refunded
        default: nil
        }
    }

    /// The moment of the stage, from the `_gmt` fields WooCommerce writes in UTC without a zone.
    private static func date(_ json: JSONObject, for stage: OrderStage) -> Date? {
        let key =
            switch stage {
            case .paid: "date_paid_gmt"
            case .shipped, .delivered: "date_completed_gmt"
            case .accepted: "date_created_gmt"
            default: "date_modified_gmt"
            }
        return json.string(key).flatMap { try? Date.ISO8601FormatStyle().parse($0 + "Z") }
            ?? json.string("date_modified_gmt").flatMap {
                try? Date.ISO8601FormatStyle().parse($0 + "Z")
            }
    }

    private static func shipment(_ json: JSONObject) -> Shipment? {
        let tracking = json.objects("meta_data").first { $0.string("key") == "_wc_shipment_tracking_items" }
        guard case .array(let items)? = tracking?.values["value"], case .object(let first)? = items.last else { return nil }
        let item = JSONObject(first)
        return Shipment(
            carrier: item.string("custom_tracking_provider") ?? item.string("tracking_provider"),
            trackingNumber: item.string("tracking_number"), trackingURL: item.string("custom_tracking_link"))
    }
}

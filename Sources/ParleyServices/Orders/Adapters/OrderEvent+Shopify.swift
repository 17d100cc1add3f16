import Foundation
import ParleyCore

/// Shopify order webhooks (`orders/*`, `fulfillments/*`, `refunds/create`) as `OrderEvent`s.
///
/// Shopify signs each delivery with HMAC-SHA256 of the raw body under the app's secret, in base64,
/// in `X-Shopify-Hmac-Sha256`, and names it by `X-Shopify-Webhook-Id` (the same id on every retry).
public struct ShopifyWebhook: OrderWebhookAdapter {
    public let platform = "shopify"
    public let secretSetting = "shopify.webhook_secret"
    public let signatureHeader = "X-Shopify-Hmac-Sha256"
    public let topicHeader = "X-Shopify-Topic"
    public let deliveryHeader = "X-Shopify-Webhook-Id"
    public let sourceHeader = "X-Shopify-Shop-Domain"
    public let sourceSetting = "shopify.shop_domain"

    public init() {}

    /// Topics: orders/create, orders/paid, orders/cancelled, fulfillments/create, fulfillments/update, refunds/create.
    public func event(topic: String, deliveryID webhookID: String?, body: Data, receivedAt: Date) throws -> OrderEvent? {
        try Self.event(topic: topic, webhookID: webhookID, body: body, receivedAt: receivedAt)
    }

    static func event(topic: String, webhookID: String?, body: Data, receivedAt: Date) throws -> OrderEvent? {
        let json = try JSONObject(data: body)
        if let reason = disagreement(topic: topic, json) { throw WebhookRefused(topic: topic, reason: reason) }
        switch topic {
        case "orders/create":
            return try orderEvent(json, stage: .accepted, webhookID: webhookID, at: json.date("created_at") ?? receivedAt)
        case "orders/paid":
            return try orderEvent(
                json, stage: .paid, webhookID: webhookID, at: json.date("processed_at") ?? json.date("updated_at") ?? receivedAt)
        case "orders/cancelled":
            return try orderEvent(json, stage: .cancelled, webhookID: webhookID, at: json.date("cancelled_at") ?? receivedAt)
        case "fulfillments/create", "fulfillments/update":
            guard let stage = fulfillmentStage(json) else { return nil }
            return try relatedEvent(
                json, stage: stage, webhookID: webhookID, at: json.date("updated_at") ?? json.date("created_at") ?? receivedAt,
                shipment: Shipment(
                    carrier: json.string("tracking_company"),
                    trackingNumber: json.string("tracking_number") ?? json.strings("tracking_numbers").first,
                    trackingURL: json.string("tracking_url") ?? json.strings("tracking_urls").first))
        case "refunds/create":
            return try relatedEvent(
                json, stage: .refunded, webhookID: webhookID, at: json.date("processed_at") ?? json.date("created_at") ?? receivedAt,
                shipment: nil)
        default:
            return nil
        }
    }

    /// Why the signed `json` cannot be what the unsigned `topic` says it is, or nil when it can.
    ///
    /// The topic only chooses among the stages the body itself supports: an order body for `orders/*`,
    /// cancelled only with `cancelled_at`, paid only with a paid `financial_status`; a fulfillment
    /// (an `order_id` and a fulfillment `status`) for `fulfillments/*`; refund lines for `refunds/create`.
    static func disagreement(topic: String, _ json: JSONObject) -> String? {
        let isOrder = json.values["financial_status"] != nil && json.values["order_id"] == nil
        let isRefund = json.values["order_id"] != nil && json.values["refund_line_items"] != nil
        let isFulfillment =
            json.values["order_id"] != nil && json.values["refund_line_items"] == nil
            && json.string("status").map(fulfillmentStatuses.contains) == true
        switch topic {
        case "orders/create", "orders/paid", "orders/cancelled":
            guard isOrder else { return "it is not an order (no financial_status, or an order_id of another object)" }
            if topic == "orders/paid", !paidStatuses.contains(json.string("financial_status") ?? "") {
                return "the order's financial_status is \(json.string("financial_status") ?? "null"), not paid"
            }
            if topic == "orders/cancelled", json.date("cancelled_at") == nil { return "the order's cancelled_at is null" }
            return nil
        case "fulfillments/create", "fulfillments/update":
            return isFulfillment ? nil : "it is not a fulfillment (an order_id and a fulfillment status)"
        case "refunds/create":
            return isRefund ? nil : "it is not a refund (an order_id and refund_line_items)"
        default:
            return nil
        }
    }

    /// The financial statuses of an order that has been paid (and perhaps refunded since).
    static let paidStatuses: Set<String> = ["paid", "partially_refunded", "refunded"]
    static let fulfillmentStatuses: Set<String> = ["pending", "open", "success", "cancelled", "error", "failure"]

    /// Where a fulfillment's `shipment_status` puts the order: a new fulfillment is a parcel handed over.
    static func fulfillmentStage(_ json: JSONObject) -> OrderStage? {
        guard json.string("status") != "cancelled" && json.string("status") != "failure" else { return nil }
        switch json.string("shipment_status") {
        case nil, "label_printed", "label_purchased", "confirmed", "in_transit": return .shipped
        case "out_for_delivery", "attempted_delivery", "ready_for_pickup": return .outForDelivery
        case "delivered": return .delivered
        default: return nil
        }
    }

    private static func orderEvent(_ json: JSONObject, stage: OrderStage, webhookID: String?, at date: Date) throws -> OrderEvent {
        guard let id = json.string("id") else { throw InvalidInput(field: "id", reason: "the order has no id") }
        let currency = (json.string("currency") ?? json.string("presentment_currency"))?.uppercased()
        let code = currency ?? "XXX"
        let customer = json.object("customer")
        let shipping = json.object("shipping_address")
        let billing = json.object("billing_address")
        let name = [customer?.string("first_name"), customer?.string("last_name")].compactMap { $0 }.joined(separator: " ")
        return OrderEvent(
            source: "shopify", eventID: webhookID, externalOrderID: "shopify:\(id)",
            number: json.string("name") ?? json.string("order_number").map { "#\($0)" }, stage: stage, occurredAt: date,
            customer: OrderCustomer(
                email: json.string("email") ?? json.string("contact_email") ?? customer?.string("email"),
                phone: json.string("phone") ?? customer?.string("phone") ?? shipping?.string("phone") ?? billing?.string("phone"),
                externalID: customer?.string("id").map { "shopify:\($0)" },
                name: name.isEmpty ? shipping?.string("name") ?? billing?.string("name") : name,
                locale: json.string("customer_locale"),
                acceptsEmailMarketing: customer?.object("email_marketing_consent")?.string("state").map { $0 == "subscribed" }
                    ?? customer?.bool("accepts_marketing"),
                acceptsSMSMarketing: customer?.object("sms_marketing_consent")?.string("state").map { $0 == "subscribed" }),
            currency: currency, totalMinor: json.string("total_price").flatMap { Currency.minorUnits($0, code: code) },
            items: json.objects("line_items").map { line in
                OrderItem(
                    sku: line.string("sku"), name: line.string("name") ?? line.string("title") ?? "", quantity: line.int("quantity") ?? 1,
                    unitPriceMinor: line.string("price").flatMap { Currency.minorUnits($0, code: code) } ?? 0)
            },
            shipment: nil, shippingPostcode: shipping?.string("zip"))
    }

    private static func relatedEvent(_ json: JSONObject, stage: OrderStage, webhookID: String?, at date: Date, shipment: Shipment?) throws
        -> OrderEvent
    {
        guard let orderID = json.string("order_id") else { throw InvalidInput(field: "order_id", reason: "the delivery names no order") }
        return OrderEvent(
            source: "shopify", eventID: webhookID, externalOrderID: "shopify:\(orderID)", number: nil, stage: stage, occurredAt: date,
            customer: OrderCustomer(), currency: nil, totalMinor: nil, items: [], shipment: shipment)
    }
}

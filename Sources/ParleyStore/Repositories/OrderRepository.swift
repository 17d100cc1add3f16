import Foundation
import ParleyCore
import SQLKit

/// All SQL about orders, their items and their stage history.
public struct OrderRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts an order; a second order with the same external id in the shop is a duplicate key.
    public func insert(
        shop: ShopID, customerID: Int64, publicID: String, externalID: String?, number: String, stage: OrderStage,
        currency: String, totalMinor: Int64, placedAt: Date, now: Date, source: String? = nil, shippingPostcode: String? = nil
    ) async throws -> Order {
        let row = try await sql.raw(
            """
            INSERT INTO orders (shop_id, customer_id, public_id, external_id, number, stage, currency, total_minor, placed_at, updated_at,
                source, shipping_postcode)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: publicID), \(bind: externalID), \(bind: number),
                    \(bind: stage.rawValue), \(bind: currency), \(bind: totalMinor), \(bind: placedAt), \(bind: now), \(bind: source),
                    \(bind: shippingPostcode))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted order") }
        return Order(
            id: try row.value("id"), shopID: shop, customerID: customerID, publicID: publicID, externalID: externalID,
            number: number, stage: stage, currency: currency, totalMinor: totalMinor, placedAt: placedAt, updatedAt: now,
            shippingPostcode: shippingPostcode)
    }

    /// Stores the postcode the order now ships to (a customer may correct the address).
    public func setShippingPostcode(shop: ShopID, orderID: Int64, postcode: String) async throws {
        try await sql.raw(
            """
            UPDATE orders SET shipping_postcode = \(bind: postcode) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: orderID)
            """
        ).run()
    }

    /// The order with the platform id `externalID`.
    public func find(shop: ShopID, externalID: String) async throws -> Order? {
        try await sql.raw("SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND external_id = \(bind: externalID)")
            .first().map(Self.order)
    }

    /// Up to `limit` orders in the order they came, after the one with internal id `after`; with
    /// `updatedSince`, only those changed at or after it (a new stage or parcel changes an order).
    public func list(shop: ShopID, after: Int64?, updatedSince: Date?, limit: Int) async throws -> [Order] {
        let since: SQLQueryString = updatedSince.map { " AND updated_at >= \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND id > \(bind: after ?? 0)\(since) ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(Self.order)
    }

    public func find(shop: ShopID, id: Int64) async throws -> Order? {
        try await sql.raw("SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.order)
    }

    /// The order with the public id `publicID`.
    public func find(shop: ShopID, publicID: String) async throws -> Order? {
        try await sql.raw("SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.order)
    }

    /// The order a customer knows as `number`, written with or without the leading `#`.
    public func find(shop: ShopID, number: String) async throws -> Order? {
        let bare = number.hasPrefix("#") ? String(number.dropFirst()) : number
        return try await sql.raw(
            """
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND number IN (\(bind: bare), \(bind: "#" + bare))
            ORDER BY placed_at DESC, id DESC LIMIT 1
            """
        ).first().map(Self.order)
    }

    /// A customer's orders, newest first.
    public func list(shop: ShopID, customerID: Int64) async throws -> [Order] {
        try await sql.raw(
            """
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) ORDER BY placed_at DESC, id DESC
            """
        ).all().map(Self.order)
    }

    /// Moves an order to `stage`.
    public func setStage(shop: ShopID, orderID: Int64, stage: OrderStage, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE orders SET stage = \(bind: stage.rawValue), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: orderID)
            """
        ).run()
    }

    /// Stores the newest parcel details; fields the platform left out keep their value.
    public func setShipment(shop: ShopID, orderID: Int64, shipment: Shipment, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE orders SET carrier = COALESCE(\(bind: shipment.carrier), carrier),
                tracking_number = COALESCE(\(bind: shipment.trackingNumber), tracking_number),
                tracking_url = COALESCE(\(bind: shipment.trackingURL), tracking_url),
                expected_delivery_at = COALESCE(\(bind: shipment.expectedDeliveryAt), expected_delivery_at),
                updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: orderID)
            """
        ).run()
    }

    /// Records a stage event in the order's history.
    public func appendStage(
        shop: ShopID, orderID: Int64, stage: OrderStage, occurredAt: Date, applied: Bool, source: String, shipment: Shipment?, now: Date
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO order_stage_events
                (shop_id, order_id, stage, occurred_at, applied, source, carrier, tracking_number, tracking_url, recorded_at)
            VALUES (\(bind: shop.rawValue), \(bind: orderID), \(bind: stage.rawValue), \(bind: occurredAt), \(bind: applied ? "yes" : "no"),
                    \(bind: source), \(bind: shipment?.carrier), \(bind: shipment?.trackingNumber), \(bind: shipment?.trackingURL), \(bind: now))
            """
        ).run()
    }

    /// An order's stage history, oldest first.
    public func stageHistory(shop: ShopID, orderID: Int64) async throws -> [OrderStageRecord] {
        try await sql.raw(
            """
            SELECT * FROM order_stage_events WHERE shop_id = \(bind: shop.rawValue) AND order_id = \(bind: orderID) ORDER BY occurred_at, id
            """
        ).all().map { row in
            OrderStageRecord(
                stage: try Self.stage(row), occurredAt: try row.value("occurred_at"),
                applied: try row.value("applied", as: String.self) == "yes",
                source: try row.value("source"), shipment: try Self.shipment(row))
        }
    }

    /// Replaces the items of an order with `items`.
    public func replaceItems(shop: ShopID, orderID: Int64, items: [OrderItem]) async throws {
        try await sql.raw("DELETE FROM order_items WHERE shop_id = \(bind: shop.rawValue) AND order_id = \(bind: orderID)").run()
        for (position, item) in items.enumerated() {
            try await sql.raw(
                """
                INSERT INTO order_items (shop_id, order_id, position, sku, name, quantity, unit_price_minor)
                VALUES (\(bind: shop.rawValue), \(bind: orderID), \(bind: Int64(position)), \(bind: item.sku), \(bind: item.name),
                        \(bind: Int64(item.quantity)), \(bind: item.unitPriceMinor))
                """
            ).run()
        }
    }

    /// The items of an order, in their order.
    public func items(shop: ShopID, orderID: Int64) async throws -> [OrderItem] {
        try await sql.raw(
            """
            SELECT * FROM order_items WHERE shop_id = \(bind: shop.rawValue) AND order_id = \(bind: orderID) ORDER BY position
            """
        ).all().map { row in
            OrderItem(
                sku: try row.value("sku"), name: try row.value("name"), quantity: Int(try row.value("quantity", as: Int64.self)),
                unitPriceMinor: try row.value("unit_price_minor"))
        }
    }

    private static func stage(_ row: any SQLRow) throws -> OrderStage {
        guard let stage = OrderStage(rawValue: try row.value("stage")) else {
            throw StoreError.undecodable(column: "stage", underlying: "unknown stage")
        }
        return stage
    }

    private static func shipment(_ row: any SQLRow) throws -> Shipment? {
        let carrier: String? = try row.value("carrier")
        let number: String? = try row.value("tracking_number")
        let url: String? = try row.value("tracking_url")
        let expected: Date? = row.allColumns.contains("expected_delivery_at") ? try row.value("expected_delivery_at") : nil
        guard carrier != nil || number != nil || url != nil || expected != nil else { return nil }
        return Shipment(carrier: carrier, trackingNumber: number, trackingURL: url, expectedDeliveryAt: expected)
    }

    private static func order(_ row: any SQLRow) throws -> Order {
        Order(
            id: try row.value("id"), shopID: try row.shopID, customerID: try row.value("customer_id"),
            publicID: try row.value("public_id"), externalID: try row.value("external_id"), number: try row.value("number"),
            stage: try stage(row), currency: try row.value("currency"), totalMinor: try row.value("total_minor"),
            placedAt: try row.value("placed_at"), updatedAt: try row.value("updated_at"), shipment: try shipment(row),
            shippingPostcode: row.allColumns.contains("shipping_postcode") ? try row.value("shipping_postcode") : nil)
    }
}

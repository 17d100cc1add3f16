extension Migration {
    /// Shop settings, the stage history and items of orders, shipment details, and the webhook
    /// deliveries already seen (so a replay changes nothing).
    static let orderUpdates = Migration(
        id: "0002_order_updates",
        statements: [
            """
            CREATE TABLE shop_settings (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, key)
            )
            """,
            "ALTER TABLE orders ADD COLUMN source TEXT",
            "ALTER TABLE orders ADD COLUMN carrier TEXT",
            "ALTER TABLE orders ADD COLUMN tracking_number TEXT",
            "ALTER TABLE orders ADD COLUMN tracking_url TEXT",
            "ALTER TABLE orders ADD COLUMN expected_delivery_at TIMESTAMPTZ",
            """
            CREATE TABLE order_stage_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                order_id BIGINT NOT NULL REFERENCES orders(id),
                stage TEXT NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL,
                applied TEXT NOT NULL,
                source TEXT NOT NULL,
                carrier TEXT,
                tracking_number TEXT,
                tracking_url TEXT,
                recorded_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX order_stage_events_order ON order_stage_events (shop_id, order_id, occurred_at)",
            """
            CREATE TABLE order_items (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                order_id BIGINT NOT NULL REFERENCES orders(id),
                position BIGINT NOT NULL,
                sku TEXT,
                name TEXT NOT NULL,
                quantity BIGINT NOT NULL,
                unit_price_minor BIGINT NOT NULL
            )
            """,
            "CREATE INDEX order_items_order ON order_items (shop_id, order_id, position)",
            """
            CREATE TABLE webhook_receipts (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                source TEXT NOT NULL,
                event_id TEXT NOT NULL,
                received_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, source, event_id)
            )
            """,
        ]
    )
}

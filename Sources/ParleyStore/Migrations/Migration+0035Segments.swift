extension Migration {
    /// Saved audiences: a name and the rule (JSON) that says who belongs, judged when asked.
    static let segments = Migration(
        id: "0035_segments",
        statements: [
            """
            CREATE TABLE segments (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                rule TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, name)
            )
            """,
            "CREATE INDEX order_items_sku ON order_items (shop_id, sku)",
        ])
}

extension Migration {
    /// What visitors who consented looked at on the shop's pages (pages, products, cart snapshots),
    /// kept per visitor and tied to the customer once the visitor becomes one.
    static let customerEvents = Migration(
        id: "0023_customer_events",
        statements: [
            """
            CREATE TABLE customer_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                visitor_id BIGINT NOT NULL REFERENCES chat_visitors(id),
                customer_id BIGINT REFERENCES customers(id),
                type TEXT NOT NULL,
                url TEXT,
                title TEXT,
                product_id TEXT,
                data TEXT NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX customer_events_visitor ON customer_events (shop_id, visitor_id, id)",
            "CREATE INDEX customer_events_customer ON customer_events (shop_id, customer_id, id)",
        ])
}

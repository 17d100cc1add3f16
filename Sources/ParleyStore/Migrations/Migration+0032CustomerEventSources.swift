extension Migration {
    /// Customer events from the API and from platforms beside the widget's: such an event names its
    /// customer and has no visitor, says where it came from, and carries the sender's own id, under
    /// which it is stored once. Made anew because SQLite cannot drop a NOT NULL.
    static let customerEventSources = Migration(
        id: "0032_customer_event_sources",
        statements: [
            """
            CREATE TABLE customer_events_by_source (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                visitor_id BIGINT REFERENCES chat_visitors(id),
                customer_id BIGINT REFERENCES customers(id),
                source TEXT NOT NULL,
                external_id TEXT,
                type TEXT NOT NULL,
                url TEXT,
                title TEXT,
                product_id TEXT,
                data TEXT NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, source, external_id)
            )
            """,
            """
            INSERT INTO customer_events_by_source (shop_id, visitor_id, customer_id, source, type, url, title, product_id, data, occurred_at)
            SELECT shop_id, visitor_id, customer_id, 'widget', type, url, title, product_id, data, occurred_at FROM customer_events
            ORDER BY id
            """,
            "DROP TABLE customer_events",
            "ALTER TABLE customer_events_by_source RENAME TO customer_events",
            "CREATE INDEX customer_events_visitor ON customer_events (shop_id, visitor_id, id)",
            "CREATE INDEX customer_events_customer ON customer_events (shop_id, customer_id, id)",
            "CREATE INDEX customer_events_type ON customer_events (shop_id, type, occurred_at)",
        ])
}

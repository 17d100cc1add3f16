extension Migration {
    /// Outgoing webhooks: the URLs a shop subscribes to its events, each event's delivery to each of
    /// them (with the customer it is about, so erasing the customer erases it), and every attempt with the receiver's answer (the delivery log).
    static let webhooks = Migration(
        id: "0027_webhooks",
        statements: [
            """
            CREATE TABLE webhook_endpoints (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                url TEXT NOT NULL,
                description TEXT NOT NULL,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_expires_at TIMESTAMPTZ,
                disabled_reason TEXT,
                disabled_at TIMESTAMPTZ,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX webhook_endpoints_shop ON webhook_endpoints (shop_id, created_at)",
            """
            CREATE TABLE webhook_deliveries (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                customer_id BIGINT,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at TIMESTAMPTZ,
                last_error TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                delivered_at TIMESTAMPTZ
            )
            """,
            "CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id)",
            "CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at)",
            "CREATE INDEX webhook_deliveries_customer ON webhook_deliveries (shop_id, customer_id)",
            """
            CREATE TABLE webhook_attempts (
                id $ID,
                delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
                attempted_at TIMESTAMPTZ NOT NULL,
                status_code INTEGER,
                response TEXT,
                error TEXT,
                duration_ms INTEGER NOT NULL
            )
            """,
            "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)",
        ])
}

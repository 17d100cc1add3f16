extension Migration {
    /// Outgoing messages with their delivery state, and each change of that state.
    static let messages = Migration(
        id: "0003_messages",
        statements: [
            """
            CREATE TABLE messages (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                order_id BIGINT REFERENCES orders(id),
                channel TEXT,
                topic TEXT NOT NULL,
                locale TEXT NOT NULL,
                recipient TEXT,
                subject TEXT,
                body_text TEXT NOT NULL,
                body_html TEXT,
                message_id TEXT,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                last_error TEXT,
                provider_message_id TEXT,
                provider_response TEXT,
                dedupe_key TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                sent_at TIMESTAMPTZ,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, dedupe_key)
            )
            """,
            "CREATE INDEX messages_order ON messages (shop_id, order_id, id)",
            "CREATE INDEX messages_provider ON messages (shop_id, provider_message_id)",
            """
            CREATE TABLE message_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                message_id BIGINT NOT NULL REFERENCES messages(id),
                status TEXT NOT NULL,
                detail TEXT,
                occurred_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX message_events_message ON message_events (shop_id, message_id, id)",
        ]
    )
}

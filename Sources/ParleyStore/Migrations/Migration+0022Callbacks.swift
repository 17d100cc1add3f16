extension Migration {
    /// Callback requests: a customer picks a window to be called in; the requests wait in a queue
    /// ordered by their window until an agent's call settles them.
    static let callbacks = Migration(
        id: "0022_callbacks",
        statements: [
            """
            CREATE TABLE callback_requests (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                customer_id BIGINT REFERENCES customers(id),
                phone TEXT NOT NULL,
                window_start TIMESTAMPTZ NOT NULL,
                window_end TIMESTAMPTZ NOT NULL,
                time_zone TEXT NOT NULL,
                note TEXT,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX callback_requests_queue ON callback_requests (shop_id, status, window_start)",
            "CREATE INDEX callback_requests_conversation ON callback_requests (shop_id, conversation_id)",
        ])
}

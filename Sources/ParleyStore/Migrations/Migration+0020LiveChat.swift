extension Migration {
    /// Live chat from the widget on a shop's pages: visitors known by a secret token their browser
    /// keeps (hashed here), each chat conversation tied to the visitor who holds it, messages
    /// carrying the widget's own id so a resent one is stored once, and when agents last had the
    /// inbox open, which tells the widget whether a person is there.
    static let liveChat = Migration(
        id: "0020_live_chat",
        statements: [
            """
            CREATE TABLE chat_visitors (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL UNIQUE,
                customer_id BIGINT REFERENCES customers(id),
                locale TEXT,
                email TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                last_seen_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX chat_visitors_customer ON chat_visitors (shop_id, customer_id)",
            """
            CREATE TABLE chat_threads (
                conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                visitor_id BIGINT NOT NULL REFERENCES chat_visitors(id),
                handled_by TEXT NOT NULL,
                visitor_read_id BIGINT NOT NULL,
                emailed_id BIGINT NOT NULL,
                awaiting_order TEXT,
                proof_attempts INTEGER NOT NULL,
                page_url TEXT,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX chat_threads_visitor ON chat_threads (shop_id, visitor_id, conversation_id)",
            "ALTER TABLE conversation_messages ADD COLUMN client_id TEXT",
            "CREATE UNIQUE INDEX conversation_messages_client ON conversation_messages (conversation_id, client_id)",
            """
            CREATE TABLE agent_presence (
                agent_id BIGINT PRIMARY KEY REFERENCES agents(id),
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                seen_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX agent_presence_shop ON agent_presence (shop_id, seen_at)",
        ])
}

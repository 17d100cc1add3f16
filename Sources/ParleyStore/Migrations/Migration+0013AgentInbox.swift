extension Migration {
    /// The agent application: each agent's language and time zone (chosen in the profile), when
    /// each agent last read each conversation (for unread dots and counts), the phone calls agents
    /// log, and the demo's outbox, which keeps what an installation without a mail server or SMS
    /// provider would have sent.
    static let agentInbox = Migration(
        id: "0013_agent_inbox",
        statements: [
            "ALTER TABLE agents ADD COLUMN locale TEXT",
            "ALTER TABLE agents ADD COLUMN time_zone TEXT",
            """
            CREATE TABLE conversation_reads (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                agent_id BIGINT NOT NULL REFERENCES agents(id),
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                read_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (agent_id, conversation_id)
            )
            """,
            """
            CREATE TABLE outbox (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                channel TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT,
                body TEXT NOT NULL,
                raw $BLOB,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX outbox_shop ON outbox (shop_id, id)",
            """
            CREATE TABLE phone_calls (
                conversation_message_id BIGINT PRIMARY KEY REFERENCES conversation_messages(id),
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                direction TEXT NOT NULL,
                duration_seconds BIGINT NOT NULL,
                outcome TEXT NOT NULL
            )
            """,
            // The inbox lists newest first by id: with these, the database reads the first page in
            // index order instead of sorting every open conversation (measured by Benchmarks/inbox.py).
            "CREATE INDEX conversations_list ON conversations (shop_id, status, id)",
            "CREATE INDEX conversations_all ON conversations (shop_id, id)",
            // A customer's conversations, newest first, beside each conversation and for duplicates.
            "CREATE INDEX conversations_by_customer ON conversations (shop_id, customer_id, id)",
            // Every view's count from the index alone.
            "CREATE INDEX conversations_counts ON conversations (shop_id, status, merged_into_id, assignee_id, sla_due_at, last_message_at)",
            "CREATE INDEX conversations_assignee ON conversations (shop_id, assignee_id, id)",
            "CREATE INDEX conversations_sla_due ON conversations (shop_id, sla_due_at)",
        ])
}

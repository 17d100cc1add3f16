extension Migration {
    /// The agent application: each agent's language and time zone (chosen in the profile), and when
    /// each agent last read each conversation, for unread dots and counts.
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
            "CREATE INDEX conversations_assignee ON conversations (shop_id, assignee_id, id)",
            "CREATE INDEX conversations_sla_due ON conversations (shop_id, sla_due_at)",
        ])
}

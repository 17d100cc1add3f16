extension Migration {
    /// One-off sends to a segment (`campaigns`, their text per language as JSON), and what became of
    /// each member (`campaign_sends`, once per customer: a repeated batch queues nobody twice).
    static let campaigns = Migration(
        id: "0036_campaigns",
        statements: [
            """
            CREATE TABLE campaigns (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                segment_id BIGINT REFERENCES segments(id) ON DELETE SET NULL,
                contents TEXT NOT NULL,
                status TEXT NOT NULL,
                scheduled_at TIMESTAMPTZ,
                finished_at TIMESTAMPTZ,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX campaigns_shop ON campaigns (shop_id, id)",
            """
            CREATE TABLE campaign_sends (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                outcome TEXT NOT NULL,
                message_id BIGINT REFERENCES messages(id),
                created_at TIMESTAMPTZ NOT NULL,
                UNIQUE (campaign_id, customer_id)
            )
            """,
            "CREATE INDEX campaign_sends_campaign ON campaign_sends (shop_id, campaign_id, outcome)",
        ])
}

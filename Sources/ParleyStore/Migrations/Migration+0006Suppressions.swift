extension Migration {
    /// Email addresses that bounced for good: automatic mail (acknowledgements, order updates) skips
    /// them until an agent lifts the entry.
    static let suppressions = Migration(
        id: "0006_suppressions",
        statements: [
            """
            CREATE TABLE email_suppressions (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                address TEXT NOT NULL,
                reason TEXT NOT NULL,
                detail TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, address)
            )
            """
        ])
}

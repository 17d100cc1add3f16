extension Migration {
    /// Consent per channel and purpose (transactional, marketing), so that leaving marketing does not
    /// stop order updates. The table is made anew because SQLite cannot change a table's unique
    /// constraint. A decision recorded before was about the channel: it becomes the marketing decision,
    /// and a revocation (an SMS STOP) also closes the channel to transactional messages, as it did.
    static let consentPurposes = Migration(
        id: "0029_consent_purposes",
        statements: [
            """
            CREATE TABLE customer_consents_by_purpose (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                channel TEXT NOT NULL,
                purpose TEXT NOT NULL,
                status TEXT NOT NULL,
                source TEXT NOT NULL,
                recorded_at TIMESTAMPTZ NOT NULL,
                UNIQUE (customer_id, channel, purpose)
            )
            """,
            """
            INSERT INTO customer_consents_by_purpose (shop_id, customer_id, channel, purpose, status, source, recorded_at)
            SELECT shop_id, customer_id, channel, 'marketing', status, source, recorded_at FROM customer_consents
            """,
            """
            INSERT INTO customer_consents_by_purpose (shop_id, customer_id, channel, purpose, status, source, recorded_at)
            SELECT shop_id, customer_id, channel, 'transactional', status, source, recorded_at FROM customer_consents
            WHERE status = 'revoked'
            """,
            "DROP TABLE customer_consents",
            "ALTER TABLE customer_consents_by_purpose RENAME TO customer_consents",
            "CREATE INDEX customer_consents_shop_customer ON customer_consents (shop_id, customer_id)",
        ])
}

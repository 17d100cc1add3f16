extension Migration {
    /// A shop's own words for its order updates, per stage and language. A NULL field is Parley's
    /// default, so a shop that changed only the SMS still gets later improvements to the email.
    static let messageTemplates = Migration(
        id: "0017_message_templates",
        statements: [
            """
            CREATE TABLE message_templates (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                stage TEXT NOT NULL,
                language TEXT NOT NULL,
                subject TEXT,
                headline TEXT,
                body TEXT,
                sms TEXT,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (shop_id, stage, language)
            )
            """
        ])
}

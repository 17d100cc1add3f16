extension Migration {
    /// A queued message the contact-pressure budget holds back says until when and why (reason codes
    /// such as `cap:2/day,quiet_hours`); a marketing message may expire, and carries the one-click
    /// unsubscribe address of its List-Unsubscribe header; the index finds what a customer was sent lately.
    static let messageHolds = Migration(
        id: "0031_message_holds",
        statements: [
            "ALTER TABLE messages ADD COLUMN held_until TIMESTAMPTZ",
            "ALTER TABLE messages ADD COLUMN held_reasons TEXT",
            "ALTER TABLE messages ADD COLUMN expires_at TIMESTAMPTZ",
            "ALTER TABLE messages ADD COLUMN list_unsubscribe TEXT",
            "CREATE INDEX messages_customer_sent ON messages (shop_id, customer_id, sent_at)",
        ])
}

extension Migration {
    /// The sender of each filed email, so a sender writing too fast (a mail loop, a flood) is noticed
    /// by counting their recent mail.
    static let inboxLimits = Migration(
        id: "0005_inbox_limits",
        statements: [
            "ALTER TABLE inbound_mail ADD COLUMN sender TEXT",
            "CREATE INDEX inbound_mail_sender ON inbound_mail (shop_id, sender, received_at)",
        ])
}

extension Migration {
    /// Every Message-ID an incoming email carried (its own, In-Reply-To, References), with the
    /// conversation it was filed into: so a reply filed before the message it answers, or two
    /// answers to a message Parley never saw, still meet in one conversation.
    static let mailReferences = Migration(
        id: "0024_mail_references",
        statements: [
            """
            CREATE TABLE mail_references (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                message_id TEXT NOT NULL,
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                PRIMARY KEY (shop_id, message_id, conversation_id)
            )
            """,
            "CREATE INDEX mail_references_conversation ON mail_references (shop_id, conversation_id)",
        ])
}

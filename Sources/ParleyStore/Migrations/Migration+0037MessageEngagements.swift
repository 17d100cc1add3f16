extension Migration {
    /// Opens and clicks of marketing emails: the first of each kind per message, source (a person or
    /// a machine) and link, so a reader opening an email ten times, or a bot hammering its pixel, is
    /// one row and the table grows with messages, not with fetches.
    static let messageEngagements = Migration(
        id: "0037_message_engagements",
        statements: [
            """
            CREATE TABLE message_engagements (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                message_id BIGINT NOT NULL REFERENCES messages(id),
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                url TEXT NOT NULL,
                at TIMESTAMPTZ NOT NULL,
                UNIQUE (message_id, kind, source, url)
            )
            """
        ])
}

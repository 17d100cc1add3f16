extension Migration {
    /// API channels: a messenger the shop connects through its own bridge. Inbound messages are
    /// posted by the bridge, each under the bridge's own id once; replies go to the bridge's URL.
    /// A conversation on such a channel names it, so its replies find their way back.
    static let apiChannels = Migration(
        id: "0028_api_channels",
        statements: [
            """
            CREATE TABLE api_channels (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                webhook_url TEXT NOT NULL,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_expires_at TIMESTAMPTZ,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX api_channels_shop ON api_channels (shop_id, created_at)",
            """
            CREATE TABLE api_channel_messages (
                channel_id BIGINT NOT NULL REFERENCES api_channels(id),
                external_id TEXT NOT NULL,
                conversation_message_id BIGINT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (channel_id, external_id)
            )
            """,
            "ALTER TABLE conversations ADD COLUMN api_channel_id BIGINT",
        ])
}

extension Migration {
    /// API keys may be read-only and may expire.
    static let apiKeyScopes = Migration(
        id: "0008_api_key_scopes",
        statements: [
            "ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full'",
            "ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMPTZ",
            "CREATE INDEX api_keys_shop ON api_keys (shop_id, id)",
        ])
}

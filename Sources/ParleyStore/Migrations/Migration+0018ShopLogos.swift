extension Migration {
    /// A shop's logo, uploaded in the settings and served from Parley itself, so that emails and the
    /// tracking page show it without the shop hosting it anywhere.
    static let shopLogos = Migration(
        id: "0018_shop_logos",
        statements: [
            """
            CREATE TABLE shop_logos (
                shop_id BIGINT PRIMARY KEY REFERENCES shops(id),
                content_type TEXT NOT NULL,
                data $BLOB NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """
        ])
}

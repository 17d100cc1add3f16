extension Migration {
    /// The knowledge base: a shop's help articles per language, written in Markdown, drafted and then
    /// published, for the help page and the assistant.
    static let articles = Migration(
        id: "0019_articles",
        statements: [
            """
            CREATE TABLE articles (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                locale TEXT NOT NULL,
                category TEXT,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                published_at TIMESTAMPTZ
            )
            """,
            "CREATE INDEX articles_shop ON articles (shop_id, locale, status, id)",
        ])
}

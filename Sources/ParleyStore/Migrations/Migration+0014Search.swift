extension Migration {
    /// The inbox search: one document per message, conversation subject and customer, folded by
    /// `SearchText` in Swift so that both databases find the same words; SQLite indexes them with FTS5,
    /// PostgreSQL with a GIN index over `to_tsvector('simple', …)`. Replaced by one document per
    /// conversation in 0015 (`conversationSearch`), which also fills it; so this step no longer
    /// fills tables that the next one drops.
    static let search = Migration(
        id: "0014_search",
        statements: [
            """
            CREATE TABLE search_documents (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                kind TEXT NOT NULL,
                target_id BIGINT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX search_documents_target ON search_documents (kind, target_id)",
        ],
        only: [
            .sqlite: [
                """
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    body, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')
                """,
                """
                CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents
                BEGIN INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body); END
                """,
                """
                CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents
                BEGIN INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body); END
                """,
                """
                CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
                    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
                    INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
                END
                """,
            ],
            .postgres: ["CREATE INDEX search_documents_words ON search_documents USING GIN (to_tsvector('simple', body))"],
        ])
}

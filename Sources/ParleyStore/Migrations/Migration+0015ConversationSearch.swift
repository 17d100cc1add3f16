extension Migration {
    /// The inbox search as one document per conversation (its subject, its messages' text and its
    /// customer's name and identities, folded by `SearchText`), keyed by the conversation's id. A match
    /// is then a conversation, read newest first straight from the index and stopped after one page:
    /// per-message documents made a common word gather a million rows before the first page.
    static let conversationSearch = Migration(
        id: "0015_conversation_search",
        statements: [
            """
            CREATE TABLE conversation_search (
                conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                body TEXT NOT NULL
            )
            """
        ],
        only: [
            .sqlite: [
                "DROP TRIGGER search_documents_insert",
                "DROP TRIGGER search_documents_delete",
                "DROP TRIGGER search_documents_update",
                "DROP TABLE search_fts",
                "DROP TABLE search_documents",
                """
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    body, content='conversation_search', content_rowid='conversation_id',
                    tokenize='unicode61 remove_diacritics 0')
                """,
                """
                CREATE TRIGGER conversation_search_insert AFTER INSERT ON conversation_search
                BEGIN INSERT INTO search_fts (rowid, body) VALUES (new.conversation_id, new.body); END
                """,
                """
                CREATE TRIGGER conversation_search_delete AFTER DELETE ON conversation_search
                BEGIN INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.conversation_id, old.body); END
                """,
                """
                CREATE TRIGGER conversation_search_update AFTER UPDATE ON conversation_search BEGIN
                    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.conversation_id, old.body);
                    INSERT INTO search_fts (rowid, body) VALUES (new.conversation_id, new.body);
                END
                """,
            ],
            // A stored tsvector, so that checking a candidate row (the plan for common words) reads it
            // instead of parsing the body again.
            .postgres: [
                "DROP TABLE search_documents",
                """
                ALTER TABLE conversation_search
                ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
                """,
                "CREATE INDEX conversation_search_words ON conversation_search USING GIN (words)",
            ],
        ],
        backfill: { sql in try await SearchRepository(sql).indexEverything() })
}

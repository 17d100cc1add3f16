extension Migration {
    /// The per-shop audit log; the database itself refuses to change or remove an entry.
    static let auditLog = Migration(
        id: "0007_audit_log",
        statements: [
            """
            CREATE TABLE audit_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                at TIMESTAMPTZ NOT NULL,
                actor_kind TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                actor_address TEXT,
                action TEXT NOT NULL,
                target TEXT,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_events_shop ON audit_events (shop_id, id)",
        ],
        appendOnly: ["audit_events"])
}

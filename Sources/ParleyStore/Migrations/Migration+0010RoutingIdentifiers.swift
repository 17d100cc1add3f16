extension Migration {
    /// Identifiers that route inbound traffic to a shop, each held by one shop only: the database
    /// refuses a second verified holder. Support addresses set before this step keep routing to the
    /// first shop that set them; a later shop with the same address must prove it again.
    static let routingIdentifiers = Migration(
        id: "0010_routing_identifiers",
        statements: [
            """
            CREATE TABLE routing_identifiers (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                setting TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                verified_at TIMESTAMPTZ,
                UNIQUE (kind, value, shop_id)
            )
            """,
            "CREATE UNIQUE INDEX routing_identifiers_held ON routing_identifiers (kind, value) WHERE status = 'verified'",
            "CREATE INDEX routing_identifiers_shop ON routing_identifiers (shop_id, setting)",
            """
            INSERT INTO routing_identifiers (shop_id, kind, value, setting, status, created_at, verified_at)
            SELECT s.shop_id, 'email', lower(trim(s.value)), 'support.email', 'verified', s.updated_at, s.updated_at
            FROM shop_settings s
            WHERE s.key = 'support.email' AND s.shop_id = (
                SELECT MIN(t.shop_id) FROM shop_settings t WHERE t.key = 'support.email' AND lower(trim(t.value)) = lower(trim(s.value)))
            """,
        ])
}

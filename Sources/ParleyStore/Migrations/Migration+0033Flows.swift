extension Migration {
    /// Ready-made automations a shop switches on (`flows`, one row per recipe it set), and each time
    /// one starts for a customer (`flow_runs`, once per trigger: an abandoned checkout is reminded of
    /// once), with how it ended.
    static let flows = Migration(
        id: "0033_flows",
        statements: [
            """
            CREATE TABLE flows (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                recipe TEXT NOT NULL,
                enabled BOOLEAN NOT NULL,
                wait_seconds BIGINT NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, recipe)
            )
            """,
            """
            CREATE TABLE flow_runs (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                recipe TEXT NOT NULL,
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                trigger_key TEXT NOT NULL,
                status TEXT NOT NULL,
                message_id BIGINT REFERENCES messages(id),
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, recipe, trigger_key)
            )
            """,
            "CREATE INDEX flow_runs_status ON flow_runs (shop_id, recipe, status)",
            "CREATE INDEX flow_runs_customer ON flow_runs (shop_id, customer_id)",
        ])
}

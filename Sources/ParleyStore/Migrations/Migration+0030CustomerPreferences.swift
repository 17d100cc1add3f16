extension Migration {
    /// What a customer chose in the preference centre beside consent: how often marketing may come,
    /// and a pause. One row a customer, made at their first choice.
    static let customerPreferences = Migration(
        id: "0030_customer_preferences",
        statements: [
            """
            CREATE TABLE customer_preferences (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL UNIQUE REFERENCES customers(id),
                frequency TEXT NOT NULL,
                paused_until TIMESTAMPTZ,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """
        ])
}

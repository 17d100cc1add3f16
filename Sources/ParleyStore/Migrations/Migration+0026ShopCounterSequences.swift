extension Migration {
    /// On PostgreSQL, each shop's ticket numbers come from a sequence of its own (see `ShopCounters`),
    /// continuing from its counter row.
    static let shopCounterSequences = Migration(
        id: "0026_shop_counter_sequences", statements: [],
        only: [
            .postgres: [
                """
                DO $$
                DECLARE shop RECORD;
                BEGIN
                    FOR shop IN SELECT id FROM shops LOOP
                        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS shop_counter_%s_conversation START WITH %s', shop.id,
                            COALESCE((SELECT value FROM shop_counters WHERE shop_id = shop.id AND name = 'conversation'), 0) + 1);
                    END LOOP;
                END $$
                """
            ]
        ])
}

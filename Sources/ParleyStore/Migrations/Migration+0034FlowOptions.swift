extension Migration {
    /// A recipe's own settings beside its wait, as JSON (replenishment's days per product); and when
    /// a run's trigger happened, which for an order delivered last month is not when Parley heard of it.
    static let flowOptions = Migration(
        id: "0034_flow_options",
        statements: [
            "ALTER TABLE flows ADD COLUMN options TEXT",
            "ALTER TABLE flow_runs ADD COLUMN began_at TIMESTAMPTZ",
        ])
}

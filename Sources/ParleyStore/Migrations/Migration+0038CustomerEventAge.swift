extension Migration {
    /// Customer events by age per shop, for deleting those older than the shop keeps them.
    static let customerEventAge = Migration(
        id: "0038_customer_event_age",
        statements: ["CREATE INDEX customer_events_age ON customer_events (shop_id, occurred_at)"])
}

extension Migration {
    /// A customer whose personal data was erased keeps an anonymous row, so orders, conversations
    /// and reports still count; `erased_at` says it was erased.
    static let customerErasure = Migration(
        id: "0011_customer_erasure",
        statements: ["ALTER TABLE customers ADD COLUMN erased_at TIMESTAMPTZ"])
}

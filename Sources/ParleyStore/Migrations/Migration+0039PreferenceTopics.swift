extension Migration {
    /// The kinds of marketing a customer turned off in the preference centre, comma-separated.
    static let preferenceTopics = Migration(
        id: "0039_preference_topics",
        statements: ["ALTER TABLE customer_preferences ADD COLUMN topics_off TEXT NOT NULL DEFAULT ''"])
}

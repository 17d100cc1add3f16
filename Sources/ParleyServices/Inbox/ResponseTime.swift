import ParleyCore

/// A response time as customers read it, in their language: "4 godzin", "1 day".
enum ResponseTime {
    /// The phrase for `seconds` from the catalog's `inbox.duration.*` entries, in the largest whole unit.
    static func phrase(seconds: Int, language: String, entries: [String: String]) throws -> String {
        let (unit, count) =
            seconds % 86400 == 0
            ? ("days", seconds / 86400) : seconds % 3600 == 0 ? ("hours", seconds / 3600) : ("minutes", (seconds + 59) / 60)
        let category = PluralCategory(count, language: language)
        let key = "inbox.duration.\(unit).\(category.rawValue)"
        let fallback = "inbox.duration.\(unit).other"
        return try MessageCatalogs.words(entries[key] != nil ? key : fallback, in: entries, values: ["count": count])
    }
}

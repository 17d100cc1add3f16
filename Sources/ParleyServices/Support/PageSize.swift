import Foundation

/// How many items one page of a list may hold.
public enum PageSize {
    public static let maximum = 200

    /// `limit` when a list accepts it.
    public static func checked(_ limit: Int) throws(InvalidInput) -> Int {
        guard (1...maximum).contains(limit) else { throw InvalidInput(field: "limit", reason: "must be between 1 and \(maximum)") }
        return limit
    }
}

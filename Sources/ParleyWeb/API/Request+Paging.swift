import Foundation
import Hummingbird
import ParleyServices

extension Request {
    /// The `limit` query parameter of a list, 50 when absent; the use case checks its range.
    func pageLimit() throws -> Int {
        guard let text = uri.queryParameters["limit"] else { return 50 }
        guard let limit = Int(text) else { throw InvalidInput(field: "limit", reason: "must be a whole number") }
        return limit
    }

    /// The `updated_since` query parameter of a list (ISO 8601, as the API writes times): only what
    /// changed at or after it, for incremental sync.
    func updatedSince() throws -> Date? {
        guard let text = uri.queryParameters["updated_since"].map(String.init) else { return nil }
        let formats: [Date.ISO8601FormatStyle] = [.iso8601, Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
        for format in formats {
            if let date = try? Date(text, strategy: format) { return date }
        }
        throw InvalidInput(field: "updated_since", reason: "give a time in ISO 8601, such as 2026-12-01T08:00:00Z")
    }
}

import Hummingbird
import ParleyServices

extension Request {
    /// The `limit` query parameter of a list, 50 when absent; the use case checks its range.
    func pageLimit() throws -> Int {
        guard let text = uri.queryParameters["limit"] else { return 50 }
        guard let limit = Int(text) else { throw InvalidInput(field: "limit", reason: "must be a whole number") }
        return limit
    }
}

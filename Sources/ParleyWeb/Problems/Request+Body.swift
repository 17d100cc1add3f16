import Hummingbird
import NIOCore

/// A request body over the route's limit; the answer states the limit as the route set it.
struct BodyTooLarge: Error {
    let limit: Int
}

extension Request {
    /// The whole body, or `BodyTooLarge` naming `limit` (NIO's own error reports a lower figure).
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw BodyTooLarge(limit: limit)
        }
    }
}

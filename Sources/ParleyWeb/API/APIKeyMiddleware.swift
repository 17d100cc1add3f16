import Foundation
import Hummingbird
import ParleyServices

/// Authenticates `/api/v1` requests by their `Authorization: Bearer` API key and scopes them to its shop.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let keys: ApiKeys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw HTTPError(.unauthorized, message: "send an API key as Authorization: Bearer <key>; create one with parley apikey create")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HTTPError(.unauthorized, message: "the Authorization header must be Bearer <key>")
        }
        guard let shop = try await keys.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw HTTPError(.unauthorized, message: "the API key is unknown or revoked")
        }
        var context = context
        context.shop = shop
        return try await next(request, context)
    }
}

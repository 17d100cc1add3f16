import Foundation
import Hummingbird
import ParleyCore
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
        let key: ApiKey
        do {
            key = try await keys.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
        } catch let refusal as ApiKeyRefusal {
            throw HTTPError(.unauthorized, message: refusal.description)
        }
        if key.scope == .readOnly, request.method != .get, request.method != .head {
            throw HTTPError(.forbidden, message: "the API key \(key.label) is read-only; \(request.method) needs a key with full scope")
        }
        var context = context
        context.shop = key.shop
        context.actor = AuditActor(.apiKey, name: key.label, address: context.remoteAddress?.ipAddress)
        return try await next(request, context)
    }
}

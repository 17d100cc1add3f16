import HTTPTypes
import Hummingbird
import ParleyServices

/// Limits the endpoints anyone can call without a key (tracking pages, platform webhooks) per client
/// address. A client over its rate gets 429 with `Retry-After`, which platforms honour by retrying.
/// Kept per node, like the login throttle.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext

    /// Path prefixes and their limits, the first that matches counting; other paths pass untouched.
    /// A prefix may name a method first (`POST /f/`), for a form whose posts cost more than its views.
    let limits: [(prefix: String, limit: RateLimiter.Limit)]
    let limiter = RateLimiter()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let call = request.method.rawValue + " " + path
        guard let (prefix, limit) = limits.first(where: { path.hasPrefix($0.prefix) || call.hasPrefix($0.prefix) }) else {
            return try await next(request, context)
        }
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        let key = prefix + " " + client
        let allowed = limit.refusalsOnly ? limiter.hasToken(key, limit: limit, now: .now) : limiter.allow(key, limit: limit, now: .now)
        guard allowed else {
            throw TooManyRequests(
                detail: "too many requests from \(client) to \(prefix)…; retry in a moment", retryAfterSeconds: max(1, Int(1 / limit.rate)))
        }
        guard limit.refusalsOnly else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            if Self.isRefusal(response.status) { _ = limiter.allow(key, limit: limit, now: .now) }
            return response
        } catch {
            let status = (error as? any UseCaseError)?.refusal.status ?? (error as? any HTTPResponseError)?.status
            if let status, Self.isRefusal(status) { _ = limiter.allow(key, limit: limit, now: .now) }
            throw error
        }
    }

    /// What a client that guesses shops or signatures gets.
    private static func isRefusal(_ status: HTTPResponse.Status) -> Bool {
        status == .unauthorized || status == .forbidden || status == .notFound
    }
}

import Hummingbird

/// Refuses a request whose path or query holds a NUL character (`%00`), before any route reads it:
/// PostgreSQL refuses NUL in text and SQLite's readers stop at it, so it could only fail later, or cut.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // `%00` has no letters, so no case to fold.
        let target = request.uri.description
        guard !target.contains("%00") && !target.contains("\u{0}") else {
            throw HTTPError(.badRequest, message: "the request's path or query holds a NUL character (%00)")
        }
        return try await next(request, context)
    }
}

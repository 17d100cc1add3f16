import Hummingbird

/// Lets any origin read what the chat widget's public routes answer, errors included, so the widget
/// on a shop's own site can tell the visitor what was wrong. Nothing there uses cookies.
struct PublicCORSMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/widget/") || request.uri.path == "/widget.js" else { return try await next(request, context) }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}

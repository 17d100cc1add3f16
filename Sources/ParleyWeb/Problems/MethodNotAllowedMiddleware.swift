import Hummingbird

/// Tells "no such path" (404) from "no such method on this path" (405 with `Allow`), which the
/// router answers alike. Added last, so it runs only for requests no route took.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    /// Each route's path split into components, with its methods.
    private let routes: [(components: [Substring], methods: [HTTPRequest.Method])]

    init(routes: [(path: String, method: HTTPRequest.Method)]) {
        var byPath: [String: [HTTPRequest.Method]] = [:]
        for route in routes { byPath[route.path, default: []].append(route.method) }
        self.routes = byPath.map { path, methods in
            (path.split(separator: "/"), methods.sorted { $0.rawValue < $1.rawValue })
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let path = request.uri.path.split(separator: "/")
            let allowed = routes.filter { Self.matches($0.components, path) }.flatMap(\.methods)
            guard !allowed.isEmpty else { throw error }
            throw MethodNotAllowed(allowed: allowed)
        }
    }

    /// Whether `path` fits `pattern`, whose `{name}` (as the router describes `:name`) and `*`
    /// components take any one component.
    private static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        pattern.count == path.count
            && zip(pattern, path).allSatisfy { $0 == $1 || $0.hasPrefix(":") || ($0.hasPrefix("{") && $0.hasSuffix("}")) || $0 == "*" }
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app`: sign in, sign out, and the signed-in home of the agent application.
struct AgentRoutes {
    static let sessionCookie = "parley_session"
    let signIn: SignIn
    let sessions: AgentSessions
    let views: Views

    private struct LoginForm: Decodable {
        let email: String?
        let password: String?
        let csrfToken: String?
        /// The app page to return to after signing in.
        let next: String?

    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/app") }
        router.get("app/login") { request, _ in
            loginPage(
                request, language: Localizer.negotiate(request.headers[.acceptLanguage]),
                next: request.uri.queryParameters["next"].map(String.init))
        }
        router.post("app/login") { request, context in
            let language = Localizer.negotiate(request.headers[.acceptLanguage])
            var request = request
            let form = try await Self.form(LoginForm.self, &request, context: context)
            let email = form.email ?? ""
            guard CSRF.matches(form.csrfToken, request.cookies[CSRF.cookieName]?.value) else {
                return loginPage(request, language: language, email: email, next: form.next, error: "expired", status: .forbidden)
            }
            do {
                let session = try await signIn(email: email, password: form.password ?? "", client: Self.client(request, context))
                let next =
                    switch session.stage {
                    case .complete: InboxRoutes.back(form.next, fallback: "/app")
                    case .secondFactor: "/app/login/code"
                    case .enroll: "/app/security"
                    }
                var response = Response.redirect(to: next)
                response.setCookie(Self.cookie(Self.sessionCookie, session.token, request: request, expires: session.expiresAt))
                return response
            } catch SignInError.invalidCredentials {
                return loginPage(request, language: language, email: email, next: form.next, error: "failed", status: .unauthorized)
            } catch SignInError.throttled(let retryAfter) {
                var response = loginPage(
                    request, language: language, email: email, next: form.next, error: "throttled", status: .tooManyRequests)
                response.headers[.retryAfter] = String(max(1, Int(retryAfter.timeIntervalSinceNow.rounded(.up))))
                return response
            }
        }
        router.post("app/logout") { request, context in
            var request = request
            let form = try await Self.form(LoginForm.self, &request, context: context)
            guard let token = request.cookies[Self.sessionCookie]?.value, let session = try await sessions.resolve(token: token) else {
                return Response.redirect(to: "/app/login")
            }
            guard CSRF.matches(form.csrfToken, session.csrfToken) else {
                throw HTTPError(.forbidden, message: "the form's CSRF token does not match this session; reload the page")
            }
            try await sessions.end(token: token)
            var response = Response.redirect(to: "/app/login")
            response.setCookie(Self.cookie(Self.sessionCookie, "", request: request, expires: Date(timeIntervalSince1970: 0)))
            return response
        }
    }

    private func session(_ request: Request) async throws -> AgentSession? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        return try await sessions.resolve(token: token)
    }

    private func loginPage(
        _ request: Request, language: String, email: String = "", next: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let existing = request.cookies[CSRF.cookieName]?.value
        let token = existing.flatMap { $0.count == 32 ? $0 : nil } ?? OpaqueToken.make(prefix: "", length: 32)
        let model = LoginPageModel(
            csrfToken: token, email: email, error: error.map { views.localizer.texts(language)["login.\($0)"] },
            next: next.map { InboxRoutes.back($0, fallback: "") }.flatMap { $0.isEmpty ? nil : $0 })
        var response = views.page(.login, language: language, model: model, status: status)
        if token != existing { response.setCookie(Self.cookie(CSRF.cookieName, token, request: request, expires: nil)) }
        return response
    }

    /// HttpOnly, SameSite=Lax, and Secure whenever the request came over TLS (directly or via a proxy).
    static func cookie(_ name: String, _ value: String, request: Request, expires: Date?) -> Cookie {
        let secure = request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(name: name, value: value, expires: expires, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A form whose field names are Swift names in snake_case (`csrf_token` → `csrfToken`).
    static func form<T: Decodable>(_ type: T.Type, _ request: inout Request, context: ParleyRequestContext) async throws -> T {
        try await read(T.self, &request, names: SnakeCaseKeys.camelCaseForm)
    }

    /// A form's fields under the names they were sent with, for a form whose names are data (the
    /// settings' keys), as a JSON dictionary's keys are.
    static func fields(_ request: inout Request) async throws -> [String: String] {
        try await read([String: String].self, &request, names: { $0 })
    }

    private static func read<T: Decodable>(_ type: T.Type, _ request: inout Request, names: (String) -> String) async throws -> T {
        let body = String(buffer: try await request.collectBody(limit: 64 * 1024))
        do {
            let form = try URLEncodedFormDecoder().decode(T.self, from: names(body))
            // A NUL would be cut or refused by the database; say so here instead.
            guard !body.contains("%00") else { throw HTTPError(.badRequest, message: "the form holds a NUL character") }
            return form
        } catch let error as HTTPError {
            throw error
        } catch {
            // A field sent twice, or a body that is not a form: the client's mistake, told as such.
            throw HTTPError(.badRequest, message: "the form could not be read: \(error)")
        }
    }

    /// Where the attempt comes from, for the sign-in throttle.
    static func client(_ request: Request, _ context: ParleyRequestContext) -> String {
        context.remoteAddress?.ipAddress ?? "unknown"
    }
}

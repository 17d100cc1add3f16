import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/login/code`, the second step of a sign-in, and `/app/security`, where an agent sets up or
/// turns off two-step sign-in (and where an agent whose shop requires it must go first).
struct TwoFactorRoutes {
    let signIn: SignIn
    let sessions: AgentSessions
    let twoFactor: TwoFactor
    let findShop: FindShop
    let views: Views

    private struct CodeForm: Decodable {
        let code: String?
        let csrfToken: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/login/code") { request, _ in
            guard let (_, session) = try await session(request, [.secondFactor]) else { return Response.redirect(to: "/app/login") }
            return codePage(request, csrf: session.csrfToken)
        }
        router.post("app/login/code") { request, context in
            var request = request
            let form = try await AgentRoutes.form(CodeForm.self, &request, context: context)
            guard let (token, session) = try await session(request, [.secondFactor]) else { return Response.redirect(to: "/app/login") }
            guard CSRF.matches(form.csrfToken, session.csrfToken) else {
                throw HTTPError(.forbidden, message: "the form's CSRF token does not match this sign-in; start again")
            }
            do {
                let full = try await signIn.secondStep(token: token, code: form.code ?? "", client: AgentRoutes.client(request, context))
                var response = Response.redirect(to: "/app")
                response.setCookie(AgentRoutes.cookie(AgentRoutes.sessionCookie, full.token, request: request, expires: full.expiresAt))
                return response
            } catch TwoFactorError.wrongCode {
                return codePage(request, csrf: session.csrfToken, error: "wrongCode", status: .unauthorized)
            } catch SignInError.throttled(let retryAfter) {
                var response = codePage(request, csrf: session.csrfToken, error: "throttled", status: .tooManyRequests)
                response.headers[.retryAfter] = String(max(1, Int(retryAfter.timeIntervalSinceNow.rounded(.up))))
                return response
            } catch SignInError.invalidCredentials {
                return Response.redirect(to: "/app/login")
            }
        }
        router.get("app/security") { request, _ in
            guard let (_, session) = try await session(request, [.complete, .enroll]) else { return Response.redirect(to: "/app/login") }
            return try await securityPage(request, session: session)
        }
        router.post("app/security/two-factor") { request, context in
            try await action(request, context) { _, session, _ in
                let shop = try await findShop(id: session.agent.shopID)
                let setup = try await twoFactor.begin(shop: shop.id, agent: session.agent, shopName: shop.name)
                return try await securityPage(request, session: session) { $0.setup = setup }
            }
        }
        router.post("app/security/two-factor/confirm") { request, context in
            try await action(request, context) { token, session, code in
                let shop = try await findShop(id: session.agent.shopID)
                do {
                    let codes = try await twoFactor.confirm(shop: shop.id, agent: session.agent, code: code)
                    if session.stage == .enroll { try await sessions.complete(token: token) }
                    return try await securityPage(request, session: session) { $0.recoveryCodes = codes }
                } catch let error as TwoFactorError {
                    let setup = try await twoFactor.pendingSetup(shop: shop.id, agent: session.agent, shopName: shop.name)
                    return try await securityPage(request, session: session, status: .unprocessableContent) { page in
                        page.errorKey = error == .wrongCode ? "wrongCode" : "notSetUp"
                        page.setup = setup
                    }
                }
            }
        }
        router.post("app/security/two-factor/disable") { request, context in
            try await action(request, context) { _, session, code in
                do {
                    try await twoFactor.disable(shop: session.agent.shopID, agent: session.agent, code: code)
                    return try await securityPage(request, session: session)
                } catch let error as TwoFactorError {
                    return try await securityPage(request, session: session, status: .unprocessableContent) {
                        $0.errorKey = error == .required ? "required" : "wrongCode"
                    }
                }
            }
        }
    }

    /// A security form's POST: a signed-in (or enrolling) session and its CSRF token, then `body`.
    private func action(
        _ request: Request, _ context: ParleyRequestContext,
        _ body: (_ token: String, _ session: AgentSession, _ code: String) async throws -> Response
    ) async throws -> Response {
        var request = request
        let form = try await AgentRoutes.form(CodeForm.self, &request, context: context)
        guard let (token, session) = try await session(request, [.complete, .enroll]) else { return Response.redirect(to: "/app/login") }
        guard CSRF.matches(form.csrfToken, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form's CSRF token does not match this session; reload the page")
        }
        return try await body(token, session, form.code ?? "")
    }

    private func session(_ request: Request, _ stages: Set<SessionStage>) async throws -> (String, AgentSession)? {
        guard let token = request.cookies[AgentRoutes.sessionCookie]?.value, !token.isEmpty,
            let session = try await sessions.resolve(token: token, stages: stages)
        else { return nil }
        return (token, session)
    }

    private func codePage(_ request: Request, csrf: String, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let language = Localizer.negotiate(request.headers[.acceptLanguage])
        let texts = views.localizer.catalog(language)
        let message = error.flatMap { key in
            (texts["twoFactor"] as? [String: String])?[key] ?? (texts["login"] as? [String: String])?[key]
        }
        return views.page(.loginCode, language: language, model: LoginCodePage(csrfToken: csrf, error: message), status: status)
    }

    private func securityPage(
        _ request: Request, session: AgentSession, status: HTTPResponse.Status = .ok, _ fill: (inout SecurityPageModel) -> Void = { _ in }
    ) async throws -> Response {
        let language = Localizer.negotiate(request.headers[.acceptLanguage])
        var page = SecurityPageModel(
            csrfToken: session.csrfToken, enabled: try await twoFactor.isEnabled(shop: session.agent.shopID, agentID: session.agent.id),
            required: try await twoFactor.isRequired(shop: session.agent.shopID))
        fill(&page)
        let texts = views.localizer.catalog(language)["twoFactor"] as? [String: String] ?? [:]
        page.error = page.errorKey.map { texts[$0] ?? $0 }
        return views.page(.security, language: language, model: page, status: status)
    }
}

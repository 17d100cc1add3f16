import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// Finds the signed-in agent of a request to `/app`, and answers the request as an HTML page:
/// to the sign-in page when nobody is signed in, a localized "not found" for anything not in
/// the agent's shop, and the form's CSRF token checked on every POST.
struct AppGate: Sendable {
    let sessions: AgentSessions
    let findShop: FindShop
    let views: Views
    let clock: any WallClock
    var outbox = false

    /// The agent signed in with the request's cookie, if any.
    func agent(_ request: Request) async throws -> SignedInAgent? {
        guard let token = request.cookies[AgentRoutes.sessionCookie]?.value, !token.isEmpty,
            let session = try await sessions.resolve(token: token)
        else { return nil }
        let shop = try await findShop(id: session.agent.shopID)
        let language =
            session.agent.locale.flatMap { Localizer.supported.contains($0) ? $0 : nil }
            ?? Localizer.negotiate(request.headers[.acceptLanguage])
        let zone = TimeZone(identifier: session.agent.timeZone ?? shop.timeZone) ?? .gmt
        return SignedInAgent(
            agent: session.agent, shop: shop, csrfToken: session.csrfToken, language: language,
            format: AgentFormat(language: language, timeZone: zone, now: clock.now()), outbox: outbox)
    }

    /// Runs `page` for the signed-in agent; `need` says what the agent's role must allow. Nobody
    /// signed in goes to the sign-in page, or gets 401 from what scripts call (`forScripts`).
    func page(
        _ request: Request, forScripts: Bool = false, need: @Sendable (SignedInAgent) -> Bool = { _ in true },
        _ page: (SignedInAgent) async throws -> Response
    ) async throws -> Response {
        guard let agent = try await agent(request) else {
            if forScripts { throw HTTPError(.unauthorized, message: "sign in to the agent application first") }
            guard request.uri.path != "/app" else { return Response.redirect(to: "/app/login") }
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Response.redirect(to: "/app/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        guard need(agent) else { return problemPage(agent, key: "forbidden", status: .forbidden) }
        do {
            return try await page(agent)
        } catch let error where ((error as? any UseCaseError)?.refusal.status ?? (error as? HTTPError)?.status) == .notFound {
            return problemPage(agent, key: "notFound", status: .notFound)
        }
    }

    /// Runs `action` for a form posted by the signed-in agent, after checking its CSRF token.
    func form<Form: Decodable & CSRFProtected>(
        _ request: Request, context: ParleyRequestContext, _ type: Form.Type, forScripts: Bool = false,
        need: @Sendable (SignedInAgent) -> Bool = { _ in true }, _ action: (SignedInAgent, Form) async throws -> Response
    ) async throws -> Response {
        var request = request
        let form = try await AgentRoutes.form(Form.self, &request, context: context)
        return try await page(request, forScripts: forScripts, need: need) { agent in
            guard CSRF.matches(form.csrfToken, agent.csrfToken) else { return problemPage(agent, key: "expired", status: .forbidden) }
            return try await action(agent, form)
        }
    }

    /// A form whose field names are data (a segment's rows, a campaign's languages): its fields as
    /// sent, after the CSRF check.
    func fields(
        _ request: Request, need: @Sendable (SignedInAgent) -> Bool = { _ in true },
        _ action: (SignedInAgent, [String: String]) async throws -> Response
    ) async throws -> Response {
        var request = request
        let fields = try await AgentRoutes.fields(&request)
        return try await page(request, need: need) { agent in
            guard CSRF.matches(fields["csrf_token"], agent.csrfToken) else { return problemPage(agent, key: "expired", status: .forbidden) }
            return try await action(agent, fields)
        }
    }

    /// A page that says, in the agent's language, why there is nothing to show or what was wrong;
    /// `detail` adds the specific reason.
    func problemPage(_ agent: SignedInAgent, key: String, status: HTTPResponse.Status, detail: String? = nil) -> Response {
        let texts = views.localizer.texts(agent.language)
        return views.app(
            .appProblem, agent: agent, chrome: AppChrome(agent: agent, texts: texts),
            model: ProblemPageModel(
                title: texts["app.problem.\(key).title"], detail: texts["app.problem.\(key).detail"], reason: detail),
            status: status)
    }
}

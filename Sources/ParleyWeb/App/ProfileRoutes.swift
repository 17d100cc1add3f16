import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/profile`: the agent's own language and time zone.
struct ProfileRoutes {
    let gate: AppGate
    let profiles: AgentProfiles
    let views: Views

    struct ProfileForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let locale: String?
        let timeZone: String?
    }

    struct ProfilePageModel {
        typealias Option = SelectOption

        let name: String
        let email: String
        let role: String
        let languages: [Option]
        let timeZone: String
        let zones: [String]
        let saved: Bool
        let error: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/profile") { request, _ in
            try await gate.page(request) { agent in
                page(agent, saved: request.uri.queryParameters["saved"] != nil)
            }
        }
        router.post("app/profile") { request, context in
            try await gate.form(request, context: context, ProfileForm.self) { agent, form in
                do {
                    try await profiles.update(shop: agent.shop.id, agentID: agent.agent.id, locale: form.locale, timeZone: form.timeZone)
                } catch let error as InvalidInput {
                    return page(agent, saved: false, error: error.reason, status: .unprocessableContent)
                }
                return Response.redirect(to: "/app/profile?saved=1", type: .normal)
            }
        }
    }

    private func page(_ agent: SignedInAgent, saved: Bool, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let texts = views.localizer.texts(agent.language)
        let languages =
            [ProfilePageModel.Option(value: "", label: texts["app.profile.browserLanguage"], selected: agent.agent.locale == nil)]
            + Localizer.supported.map { code in
                // Each language in its own name, so an agent who cannot read the current one finds theirs.
                let name = Locale(identifier: code).localizedString(forLanguageCode: code) ?? code
                return ProfilePageModel.Option(
                    value: code, label: name.prefix(1).uppercased() + name.dropFirst(), selected: agent.agent.locale == code)
            }
        let model = ProfilePageModel(
            name: agent.agent.name, email: agent.agent.email, role: texts["roles.\(agent.agent.role.rawValue)"], languages: languages,
            timeZone: agent.agent.timeZone ?? "", zones: TimeZone.knownTimeZoneIdentifiers.sorted(), saved: saved, error: error)
        return views.app(
            .profile, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "profile"), model: model, status: status)
    }
}

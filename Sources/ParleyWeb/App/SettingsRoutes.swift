import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/settings`, for owners and administrators: the shop's settings by section, its agents and
/// their roles, and its API keys. Each section is its own form; a section saves only what changed.
struct SettingsRoutes {
    let gate: AppGate
    let settings: ShopSettings
    let addAgent: AddAgent
    let changeRole: ChangeAgentRole
    let keys: ApiKeys
    let teams: ManageTeams
    let logos: ShopLogos
    let inbox: ReadInbox
    let views: Views
    let publicURL: String

    struct AgentForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let email: String?
        let name: String?
        let role: String?
        let password: String?
    }

    struct KeyForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let name: String?
        let readOnly: String?
    }

    struct ManageModel {
        struct AgentRow {
            let id: String
            let name: String
            let email: String
            let roles: [SettingsPageModel.Option]
            let isMe: Bool
        }

        struct KeyRow {
            let prefix: String
            let name: String
            let scope: String
            let created: String
            let lastUsed: String
            let active: Bool
        }

        struct TeamRow {
            let id: String
            let name: String
            let members: [Member]
        }

        struct Member {
            let id: String
            let name: String
            let checked: Bool
        }

        let settings: SettingsPageModel
        let agents: [AgentRow]
        let teams: [TeamRow]
        let hasTeams: Bool
        let teamsError: String?
        /// The uploaded logo, by its path here; nil when the brand has none of its own.
        let logo: String?
        let logoError: String?
        let roles: [SettingsPageModel.Option]
        let keys: [KeyRow]
        let newKey: String?
        let agentsError: String?
        let keysError: String?
    }

    static let managers: @Sendable (SignedInAgent) -> Bool = { $0.managesSettings }

    func texts(_ agent: SignedInAgent) -> Texts { views.localizer.texts(agent.language) }

    func register(on router: Router<ParleyRequestContext>) {
        registerTeams(on: router)
        registerLogo(on: router)
        router.get("app/settings") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                try await page(agent, saved: request.uri.queryParameters["saved"].map(String.init))
            }
        }
        router.post("app/settings/agents") { request, context in
            try await gate.form(request, context: context, AgentForm.self, need: Self.managers) { agent, form in
                try await agentsChange(agent) {
                    let role = form.role.flatMap(AgentRole.init(rawValue:)) ?? .agent
                    if role == .owner, agent.agent.role != .owner { throw AgentError.onlyOwnersChangeOwners }
                    _ = try await addAgent(
                        shop: agent.shop.id, email: form.email ?? "", name: form.name, role: role, password: form.password ?? "",
                        by: AuditActor(.agent, name: agent.agent.email))
                }
            }
        }
        router.post("app/settings/agents/:id/role") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            return try await gate.form(request, context: context, AgentForm.self, need: Self.managers) { agent, form in
                try await agentsChange(agent) {
                    guard let role = form.role.flatMap(AgentRole.init(rawValue:)) else {
                        throw InvalidInput(field: "role", reason: "must be owner, admin, agent or marketer")
                    }
                    _ = try await changeRole(shop: agent.shop.id, agentID: id, role: role, by: agent.agent)
                }
            }
        }
        router.post("app/settings/keys") { request, context in
            try await gate.form(request, context: context, KeyForm.self, need: Self.managers) { agent, form in
                do {
                    let created = try await keys.create(
                        shop: agent.shop.id, name: form.name ?? "", scope: form.readOnly == "on" ? .readOnly : .full,
                        by: AuditActor(.agent, name: agent.agent.email))
                    // Shown once, on this page: only its hash is stored.
                    return try await page(agent, newKey: created.key)
                } catch let error as InvalidInput {
                    return try await page(
                        agent, keysError: SettingsProblem.text(error, form: "keys", texts: texts(agent)), status: .unprocessableContent)
                }
            }
        }
        router.post("app/settings/keys/:prefix/revoke") { request, context in
            let prefix = try context.parameters.require("prefix")
            return try await gate.form(request, context: context, KeyForm.self, need: Self.managers) { agent, _ in
                _ = try await keys.revoke(shop: agent.shop.id, prefix: prefix, by: AuditActor(.agent, name: agent.agent.email))
                return Response.redirect(to: "/app/settings?saved=keys#keys", type: .normal)
            }
        }
        router.post("app/settings/:section") { request, context in
            let section = try context.parameters.require("section")
            guard let keys = SettingsPageModel.sections.first(where: { $0.id == section })?.keys else { throw HTTPError(.notFound) }
            var request = request
            let form = try await AgentRoutes.fields(&request)
            return try await gate.page(request, need: Self.managers) { agent in
                guard CSRF.matches(form["csrf_token"], agent.csrfToken) else {
                    return gate.problemPage(agent, key: "expired", status: .forbidden)
                }
                let current = try await settings.values(shop: agent.shop.id)
                var form = form
                // The week grid and date fields say the hours and closed days; hours typed as text win.
                if let hours = BusinessHoursForm.hours(from: form),
                    (form["inbox_business_hours"] ?? "").trimmingCharacters(in: .whitespaces) == current[.inboxBusinessHours] ?? ""
                {
                    form["inbox_business_hours"] = hours
                }
                if let closed = BusinessHoursForm.holidays(from: form) { form["inbox_holidays"] = closed }
                let shop = agent.shop
                var changes: [String: String?] = [:]
                for key in keys {
                    guard let submitted = form[key.replacingOccurrences(of: ".", with: "_")] else { continue }
                    let value = submitted.trimmingCharacters(in: .whitespacesAndNewlines)
                    let secret = ShopSetting.named(key)?.isSecret == true
                    // An empty secret field keeps the secret; "clear" removes it.
                    if secret, value.isEmpty, form[key.replacingOccurrences(of: ".", with: "_") + "_clear"] != "on" { continue }
                    let before =
                        switch key {
                        case "name": shop.name
                        case "default_locale": shop.defaultLocale
                        case "time_zone": shop.timeZone
                        default: current[key] ?? ""
                        }
                    if value != before { changes[key] = value }
                }
                if !changes.isEmpty {
                    do {
                        _ = try await settings.update(shop: agent.shop.id, changes, by: AuditActor(.agent, name: agent.agent.email))
                    } catch let error as InvalidInput {
                        return try await page(
                            agent, error: (section, SettingsProblem.text(error, texts: texts(agent))), submitted: form,
                            invalid: error.field, status: .unprocessableContent)
                    } catch let error as RoutingError {
                        return try await page(agent, error: (section, error.description), submitted: form, status: .conflict)
                    }
                }
                return Response.redirect(to: "/app/settings?saved=\(section)#\(section)", type: .normal)
            }
        }
    }

    /// Runs a change to the shop's agents: back to the agents section when it is made, or the page
    /// with the refusal's sentence beside the agents form.
    private func agentsChange(_ agent: SignedInAgent, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
        } catch let error as InvalidInput {
            return try await page(
                agent, agentsError: SettingsProblem.text(error, form: "agents", texts: texts(agent)), status: .unprocessableContent)
        } catch let error as AgentError where error.refusal != .notFound {
            return try await page(agent, agentsError: SettingsProblem.text(error, texts: texts(agent)), status: .unprocessableContent)
        }
        return Response.redirect(to: "/app/settings?saved=agents#agents", type: .normal)
    }

    func page(
        _ agent: SignedInAgent, saved: String? = nil, error: (section: String, text: String)? = nil,
        submitted: [String: String] = [:], newKey: String? = nil, agentsError: String? = nil, keysError: String? = nil,
        teamsError: String? = nil, logoError: String? = nil, invalid: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let profile = try await settings.profile(shop: agent.shop.id)
        let assignable = AgentRole.allCases.filter { agent.agent.role == .owner || $0 != .owner }
        let agents = try await inbox.agents(shop: agent.shop.id).map { member in
            ManageModel.AgentRow(
                id: String(member.id), name: member.name, email: member.email,
                roles: (member.role == .owner && agent.agent.role != .owner ? [.owner] : assignable).map {
                    SettingsPageModel.Option(value: $0.rawValue, label: texts["roles.\($0.rawValue)"], selected: member.role == $0)
                }, isMe: member.id == agent.agent.id)
        }
        let members = try await inbox.agents(shop: agent.shop.id).filter { $0.role != .marketer }
        let teamRows = try await teams.list(shop: agent.shop.id).map { team in
            ManageModel.TeamRow(
                id: String(team.id), name: team.name,
                members: members.map { .init(id: String($0.id), name: $0.name, checked: team.memberIDs.contains($0.id)) })
        }
        let keyRows = try await keys.list(shop: agent.shop.id, cursor: nil, limit: 200).items.map { key in
            ManageModel.KeyRow(
                prefix: key.prefix, name: key.name, scope: texts["app.settings.apiKeys.scopes.\(key.scope.rawValue)"],
                created: agent.format.exact(key.createdAt), lastUsed: key.lastUsedAt.map(agent.format.relative) ?? "—",
                active: key.revokedAt == nil && (key.expiresAt.map { $0 > agent.format.now } ?? true))
        }
        let model = ManageModel(
            settings: SettingsPageModel(
                profile: profile, publicURL: publicURL, texts: texts, savedSection: saved, error: error, submitted: submitted,
                invalid: invalid),
            agents: agents, teams: teamRows, hasTeams: !teamRows.isEmpty, teamsError: teamsError,
            logo: profile.settings[.brandLogoURL].flatMap { url in
                url.hasPrefix(publicURL + "/brand/") ? String(url.dropFirst(publicURL.count)) : nil
            }, logoError: logoError,
            roles: assignable.map {
                SettingsPageModel.Option(value: $0.rawValue, label: texts["roles.\($0.rawValue)"], selected: $0 == .agent)
            },
            keys: keyRows, newKey: newKey, agentsError: agentsError, keysError: keysError)
        return views.app(
            .settings, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "settings"), model: model, status: status)
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// The settings screen's teams: make one, choose its members, remove it.
extension SettingsRoutes {
    struct TeamForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let name: String?
        /// Agent ids, from checkboxes named `members[]`.
        let members: [String]?
    }

    func registerTeams(on router: Router<ParleyRequestContext>) {
        router.post("app/settings/teams") { request, context in
            try await gate.form(request, context: context, TeamForm.self, need: Self.managers) { agent, form in
                do {
                    _ = try await teams.create(shop: agent.shop.id, name: form.name ?? "", by: AuditActor(.agent, name: agent.agent.email))
                } catch let error as InvalidInput {
                    return try await page(
                        agent, teamsError: SettingsProblem.text(error, form: "teams", texts: texts(agent)), status: .unprocessableContent)
                } catch TeamError.nameTaken {
                    return try await page(
                        agent, teamsError: texts(agent).format("app.teams.exists", ["name": form.name ?? ""]), status: .conflict)
                }
                return Response.redirect(to: "/app/settings?saved=teams#teams", type: .normal)
            }
        }
        router.post("app/settings/teams/:id/members") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            return try await gate.form(request, context: context, TeamForm.self, need: Self.managers) { agent, form in
                do {
                    _ = try await teams.setMembers(
                        shop: agent.shop.id, team: id, agentIDs: (form.members ?? []).compactMap { Int64($0) },
                        by: AuditActor(.agent, name: agent.agent.email))
                } catch let error as InvalidInput {
                    return try await page(
                        agent, teamsError: SettingsProblem.text(error, form: "teams", texts: texts(agent)), status: .unprocessableContent)
                } catch let error as TeamError where error.refusal != .notFound {
                    return try await page(agent, teamsError: error.sentence, status: .unprocessableContent)
                }
                return Response.redirect(to: "/app/settings?saved=teams#teams", type: .normal)
            }
        }
        router.post("app/settings/teams/:id/delete") { request, context in
            let id = try context.parameters.require("id", as: Int64.self)
            return try await gate.form(request, context: context, TeamForm.self, need: Self.managers) { agent, _ in
                try await teams.delete(shop: agent.shop.id, team: id, by: AuditActor(.agent, name: agent.agent.email))
                return Response.redirect(to: "/app/settings?saved=teams#teams", type: .normal)
            }
        }
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// What an agent changes from the customer panel: the customer's name, language, time zone and
/// preferred channel, and a phone call logged on the customer (a new phone conversation).
struct CustomerPanelRoutes {
    let gate: AppGate
    let edit: EditCustomer
    let logCall: LogPhoneCall
    let views: Views
    let bus: any EventBus

    struct EditForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let name: String?
        let locale: String?
        let timeZone: String?
        let preferredChannel: String?
        let back: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.post("app/customers/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, EditForm.self, need: { $0.seesConversations }) { agent, form in
                do {
                    _ = try await edit(
                        shop: agent.shop.id, customer: id,
                        CustomerFields(
                            name: form.name, locale: form.locale, timeZone: form.timeZone,
                            preferredChannel: form.preferredChannel.flatMap(PreferredChannel.init(rawValue:))),
                        by: AuditActor(.agent, name: agent.agent.email))
                } catch let error as InvalidInput {
                    return gate.problemPage(agent, key: "invalid", status: .unprocessableContent, detail: "\(error.field): \(error.reason)")
                }
                return Response.redirect(to: InboxRoutes.back(form.back, fallback: "/app/inbox"), type: .normal)
            }
        }
        router.post("app/customers/:id/calls") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, PhoneCallForm.self, need: { $0.seesConversations }) { agent, form in
                let logged: (conversation: String, message: ConversationMessage)
                do {
                    logged = try await logCall(
                        shop: agent.shop.id, .customer(id), call: try form.call(), note: form.note ?? "", agentID: agent.agent.id,
                        subject: views.localizer.texts(agent.language)["app.calls.subject"])
                } catch let error as InvalidInput {
                    return gate.problemPage(agent, key: "invalid", status: .unprocessableContent, detail: "\(error.field): \(error.reason)")
                }
                await InboxEvents(bus: bus).publish(
                    InboxEvents.Payload(
                        type: .conversationCreated, conversation: logged.conversation, message: logged.message.publicID,
                        agent: agent.agent.id, agentName: agent.agent.name),
                    shop: agent.shop.id)
                return Response.redirect(to: "/app/conversations/\(logged.conversation)", type: .normal)
            }
        }
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/callbacks`: the callback queue, soonest window first, where agents log the call that
/// settles each request, or take it out of the queue.
struct CallbackRoutes {
    let gate: AppGate
    let callbacks: CallbackRequests
    let logCall: LogPhoneCall
    let inbox: ReadInbox
    let views: Views

    struct QueueModel {
        struct Row {
            let id: String
            let window: String
            /// The window in the customer's own time, when that differs from the agent's.
            let customerWindow: String?
            let state: String
            let stateLabel: String
            /// The badge's colour: the SLA badge's classes.
            let tone: String
            let customer: String?
            let phone: String
            let telHref: String
            let note: String?
            let conversationHref: String
            let assignee: String?
            let attempts: String?
            let callAction: String
            let cancelAction: String
        }

        let rows: [Row]
        let isEmpty: Bool
        let calls: PhoneCallForm.Options
        let notice: String?
    }

    struct CancelForm: Decodable, CSRFProtected {
        let csrfToken: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/callbacks") { request, _ in
            try await gate.page(request, need: { $0.seesConversations }) { agent in
                try await queuePage(agent, notice: request.uri.queryParameters["done"].map { _ in "done" })
            }
        }
        router.post("app/callbacks/:id/calls") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, PhoneCallForm.self, need: { $0.seesConversations }) { agent, form in
                do {
                    let call = try form.call()
                    _ = try await callbacks.logCall(
                        shop: agent.shop.id, request: id, outcome: call.outcome, durationSeconds: call.durationSeconds,
                        note: form.note ?? "", agentID: agent.agent.id, log: logCall)
                } catch let error as InvalidInput {
                    return gate.problemPage(agent, key: "invalid", status: .unprocessableContent, detail: "\(error.field): \(error.reason)")
                } catch let error as CallbackError where error.refusal == .conflict {
                    return gate.problemPage(agent, key: "invalid", status: .conflict, detail: error.description)
                }
                return Response.redirect(to: "/app/callbacks?done=1", type: .normal)
            }
        }
        router.post("app/callbacks/:id/cancel") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, CancelForm.self, need: { $0.seesConversations }) { agent, _ in
                do {
                    try await callbacks.cancel(shop: agent.shop.id, request: id, agentID: agent.agent.id)
                } catch let error as CallbackError where error.refusal == .conflict {
                    return gate.problemPage(agent, key: "invalid", status: .conflict, detail: error.description)
                }
                return Response.redirect(to: "/app/callbacks?done=1", type: .normal)
            }
        }
    }

    private func queuePage(_ agent: SignedInAgent, notice: String?) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let queue = try await callbacks.queue(shop: agent.shop.id)
        let names = Dictionary(
            try await inbox.agents(shop: agent.shop.id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let now = agent.format.now
        let rows = queue.map { item -> QueueModel.Row in
            let request = item.request
            let state =
                request.window.end < now
                ? "overdue" : request.window.start <= now.addingTimeInterval(CallbackRequests.reminderLead) ? "due" : "upcoming"
            let customerZone = TimeZone(identifier: request.timeZone)
            let differs =
                customerZone.map {
                    $0.secondsFromGMT(for: request.window.start) != agent.format.timeZone.secondsFromGMT(for: request.window.start)
                } ?? false
            return QueueModel.Row(
                id: request.publicID, window: agent.format.window(request.window),
                customerWindow: differs ? agent.format.window(request.window, in: customerZone) + " (\(request.timeZone))" : nil,
                state: state, stateLabel: texts["app.callbacks.states.\(state)"],
                tone: state == "overdue" ? "late" : state == "due" ? "soon" : "ok",
                customer: item.customerName, phone: request.phone, telHref: "tel:" + request.phone,
                note: request.note, conversationHref: "/app/conversations/\(item.conversationPublicID)",
                assignee: item.assigneeID.flatMap { names[$0] },
                attempts: request.attempts > 0
                    ? texts.plural("app.callbacks.attempts", request.attempts, number: agent.format.number(request.attempts)) : nil,
                callAction: "/app/callbacks/\(request.publicID)/calls", cancelAction: "/app/callbacks/\(request.publicID)/cancel")
        }
        let model = QueueModel(
            rows: rows, isEmpty: rows.isEmpty, calls: PhoneCallForm.Options(texts: texts),
            notice: notice.map { _ in texts["app.callbacks.saved"] })
        return views.app(.callbacks, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "callbacks"), model: model)
    }
}

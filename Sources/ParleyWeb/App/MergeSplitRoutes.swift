import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// Merging a duplicate conversation into another and splitting messages off into a new one, each
/// with an undo on the page it leads to.
struct MergeSplitRoutes {
    let gate: AppGate
    let merge: MergeConversations
    let split: SplitConversation
    let read: ReadConversations
    let bus: any EventBus

    struct MergeForm: Decodable, CSRFProtected {
        let csrfToken: String?
        /// The conversation to merge into: its public id, or its number (`#12` or `12`).
        let into: String?
    }

    struct SplitForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let messages: [String]?
    }

    private static let readers: @Sendable (SignedInAgent) -> Bool = { $0.seesConversations }

    func register(on router: Router<ParleyRequestContext>) {
        router.post("app/conversations/:id/merge") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, MergeForm.self, need: Self.readers) { agent, form in
                let into = try await target(form.into ?? "", shop: agent.shop.id)
                return try await refusals(agent) {
                    let merged = try await merge(shop: agent.shop.id, merge: id, into: into, agentID: agent.agent.id)
                    await announce(agent, merged.conversation.publicID)
                    return Response.redirect(to: "/app/conversations/\(merged.conversation.publicID)?merged=\(id)", type: .normal)
                }
            }
        }
        router.post("app/conversations/:id/unmerge") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, MergeForm.self, need: Self.readers) { agent, _ in
                try await refusals(agent) {
                    let restored = try await merge.undo(shop: agent.shop.id, merged: id, agentID: agent.agent.id)
                    await announce(agent, restored.conversation.publicID)
                    return Response.redirect(to: "/app/conversations/\(restored.conversation.publicID)", type: .normal)
                }
            }
        }
        router.post("app/conversations/:id/split") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, SplitForm.self, need: Self.readers) { agent, form in
                try await refusals(agent) {
                    let created = try await split(
                        shop: agent.shop.id, conversation: id, messages: form.messages ?? [], agentID: agent.agent.id)
                    await announce(agent, id)
                    return Response.redirect(to: "/app/conversations/\(created.conversation.publicID)?split=\(id)", type: .normal)
                }
            }
        }
        router.post("app/conversations/:id/unsplit") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, MergeForm.self, need: Self.readers) { agent, _ in
                try await refusals(agent) {
                    let original = try await split.undo(shop: agent.shop.id, split: id, agentID: agent.agent.id)
                    await announce(agent, original.conversation.publicID)
                    return Response.redirect(to: "/app/conversations/\(original.conversation.publicID)", type: .normal)
                }
            }
        }
    }

    /// Runs a move; one the rules refuse becomes the page that says why.
    private func refusals(_ agent: SignedInAgent, _ move: () async throws -> Response) async throws -> Response {
        do {
            return try await move()
        } catch let error as any UseCaseError where error.refusal != .notFound {
            return gate.problemPage(
                agent, key: "invalid", status: error.refusal.status, detail: error.sentence)
        }
    }

    /// A conversation named by public id or by its number as agents and customers see it (`#12`).
    private func target(_ text: String, shop: ShopID) async throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let number = Int64(digits), let found = try await read.publicID(shop: shop, number: number) { return found }
        return trimmed
    }

    private func announce(_ agent: SignedInAgent, _ conversation: String) async {
        await InboxEvents(bus: bus).publish(
            InboxEvents.Payload(type: .conversationUpdated, conversation: conversation, agent: agent.agent.id, agentName: agent.agent.name),
            shop: agent.shop.id)
    }
}

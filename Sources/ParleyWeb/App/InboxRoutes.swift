import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// The agent inbox: the list of conversations, one conversation with its customer beside it, and
/// every move on it (reply, note, assign, priority, tags, snooze, resolve), each a plain form post
/// that redirects back, so the app works without JavaScript.
struct InboxRoutes {
    let gate: AppGate
    let inbox: ReadInbox
    let countsCache: InboxCountsCache
    let teams: ManageTeams
    let read: ReadConversations
    let panel: ReadCustomerPanel
    let update: UpdateConversation
    let reply: ReplyToConversation
    let addNote: AddNote
    let canned: CannedResponses
    let logCall: LogPhoneCall
    let links: TrackingLinks
    let views: Views
    let bus: any EventBus

    private var events: InboxEvents { InboxEvents(bus: bus) }

    struct MessageForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let text: String?
        /// `reply`, `note` or `insert` (a canned response into the draft).
        let intent: String?
        /// The status to leave the conversation in after a reply.
        let then: String?
        let canned: String?
        /// `email` or `sms`.
        let channel: String?
        let back: String?
    }

    struct UpdateForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let status: String?
        let priority: String?
        /// An agent's id, `me`, or "" for nobody.
        let assignee: String?
        let tags: String?
        /// A team's name, or "" for none.
        let team: String?
        /// `datetime-local` in the agent's zone.
        let snoozeUntil: String?
        let back: String?
    }

    struct BulkForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let ids: [String]?
        /// `assign`, `resolve` or `tag`.
        let action: String?
        let assignee: String?
        let tag: String?
        let back: String?
    }

    static let readers: @Sendable (SignedInAgent) -> Bool = { $0.seesConversations }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app") { request, _ in
            try await gate.page(request) { agent in
                Response.redirect(to: agent.seesConversations ? "/app/inbox?view=\(InboxView.mine.rawValue)" : "/app/profile")
            }
        }
        router.get("app/inbox") { request, _ in
            try await gate.page(request, need: Self.readers) { agent in
                let parameters = Self.parameters(request)
                let query = InboxQueryParameters.decode(parameters)
                return try await inboxPage(agent, query: query, cursor: parameters["cursor"])
            }
        }
        router.get("app/conversations/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: Self.readers) { agent in
                try await conversationPage(agent, id: id, parameters: Self.parameters(request))
            }
        }
        router.post("app/conversations/:id/messages") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, MessageForm.self, need: Self.readers) { agent, form in
                try await postMessage(agent, id: id, form: form)
            }
        }
        router.post("app/conversations/:id/update") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, UpdateForm.self, need: Self.readers) { agent, form in
                do {
                    _ = try await update(
                        shop: agent.shop.id, conversation: id, try await changes(form, agent: agent), agentID: agent.agent.id)
                } catch let error as UpdateConversationError where error.refusal != .notFound {
                    return try await conversationPage(
                        agent, id: id, parameters: [:], error: error.sentence, status: .unprocessableContent)
                }
                await announce(.conversationUpdated, agent: agent, conversation: id)
                return Response.redirect(to: Self.back(form.back, fallback: "/app/conversations/\(id)"), type: .normal)
            }
        }
        router.post("app/conversations/:id/calls") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, PhoneCallForm.self, need: Self.readers) { agent, form in
                let logged: (conversation: String, message: ConversationMessage)
                do {
                    logged = try await logCall(
                        shop: agent.shop.id, .conversation(id), call: try form.call(), note: form.note ?? "", agentID: agent.agent.id,
                        subject: views.localizer.texts(agent.language)["app.calls.subject"])
                } catch let error as InvalidInput {
                    return try await conversationPage(
                        agent, id: id, parameters: [:], error: "\(error.field): \(error.reason)", status: .unprocessableContent)
                }
                await announce(.messageCreated, agent: agent, conversation: id, message: logged.message.publicID)
                return Response.redirect(to: "/app/conversations/\(id)#\(logged.message.publicID)", type: .normal)
            }
        }
        router.post("app/inbox/bulk") { request, context in
            try await gate.form(request, context: context, BulkForm.self, need: Self.readers) { agent, form in
                let changes: ConversationChanges
                switch form.action {
                case "resolve": changes = ConversationChanges(status: .resolved)
                case "assign": changes = ConversationChanges(assignee: try await assignee(form.assignee, agent: agent))
                default: changes = ConversationChanges()
                }
                for id in form.ids ?? [] {
                    if form.action == "tag", let tag = form.tag?.trimmingCharacters(in: .whitespaces), !tag.isEmpty {
                        let current = try await read.conversation(shop: agent.shop.id, publicID: id).tags
                        _ = try await update(
                            shop: agent.shop.id, conversation: id, ConversationChanges(tags: current + [tag]), agentID: agent.agent.id)
                    } else {
                        _ = try await update(shop: agent.shop.id, conversation: id, changes, agentID: agent.agent.id)
                    }
                    await announce(.conversationUpdated, agent: agent, conversation: id)
                }
                return Response.redirect(to: Self.back(form.back, fallback: "/app/inbox"), type: .normal)
            }
        }
    }

    // MARK: Pages

    private func inboxPage(_ agent: SignedInAgent, query: InboxQuery, cursor: String?) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let page: Page<ConversationSummary>
        do {
            page = try await inbox.page(shop: agent.shop.id, agentID: agent.agent.id, query, cursor: cursor, limit: 50)
        } catch is InvalidInput {
            // A cursor from an old bookmark: start again from the top.
            page = try await inbox.page(shop: agent.shop.id, agentID: agent.agent.id, query, cursor: nil, limit: 50)
        }
        let counts = try await countsCache.counts(shop: agent.shop.id, agentID: agent.agent.id)
        let list = InboxListModel(
            page: page, query: query, agent: agent, texts: texts, active: nil, agents: try await inbox.agents(shop: agent.shop.id),
            teams: try await teams.list(shop: agent.shop.id))
        return views.app(
            .inbox, agent: agent, chrome: AppChrome(agent: agent, texts: texts, counts: counts, active: Self.navKey(query)),
            model: InboxPageModel(list: list, conversation: nil, customer: nil))
    }

    private func conversationPage(
        _ agent: SignedInAgent, id: String, parameters: [String: String], draft: String = "", error: String? = nil,
        preview: ReplyComposition? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let shop = agent.shop.id
        let summary = try await inbox.open(shop: shop, agentID: agent.agent.id, conversation: id, markRead: true)
        if summary.unread { countsCache.read(shop: shop, agentID: agent.agent.id, summary.conversation) }
        if let target = summary.mergedIntoPublicID { return Response.redirect(to: "/app/conversations/\(target)") }
        let messages = try await read.messages(shop: shop, conversation: id)
        let agents = try await inbox.agents(shop: shop)
        var customerModel: CustomerPanelModel?
        var customer: Customer?
        if let customerID = summary.customerPublicID {
            let found = try await panel(shop: shop, customer: customerID, except: id)
            var pages: [String: String] = [:]
            for order in found.orders { pages[order.publicID] = try await links.url(shop: agent.shop, order: order.publicID) }
            customerModel = CustomerPanelModel(
                found, trackingPages: pages, agent: agent, texts: texts, back: "/app/conversations/\(id)")
            customer = found.customer
        }
        let query = InboxQueryParameters.decode(parameters)
        let shopTeams = try await teams.list(shop: shop)
        let list = InboxListModel(
            page: try await inbox.page(shop: shop, agentID: agent.agent.id, query, cursor: nil, limit: 50), query: query, agent: agent,
            texts: texts, active: id, agents: agents, teams: shopTeams)
        let conversation = ConversationModel(
            summary: summary, messages: messages, agents: agents, teams: shopTeams, canned: try await canned.list(shop: shop),
            email: ReplyToConversation.recipient(history: messages.map(\.message), customer: customer),
            phone: ReplyToConversation.phone(of: customer), agent: agent, texts: texts, draft: draft, error: error, notice: nil,
            backHref: list.bulkReturn, duplicates: try await read.duplicates(shop: shop, conversation: id),
            undo: try await undo(parameters, conversation: id, shop: shop, texts: texts), preview: preview)
        let counts = try await countsCache.counts(shop: shop, agentID: agent.agent.id)
        return views.app(
            .inbox, agent: agent, chrome: AppChrome(agent: agent, texts: texts, counts: counts, active: Self.navKey(query)),
            model: InboxPageModel(list: list, conversation: conversation, customer: customerModel), status: status)
    }

    /// After a merge into `conversation`, or a split that created it: what happened and how to take it back.
    private func undo(_ parameters: [String: String], conversation id: String, shop: ShopID, texts: Texts) async throws
        -> ConversationModel.Undo?
    {
        if let merged = parameters["merged"], let source = try? await read.conversation(shop: shop, publicID: merged),
            source.mergedIntoPublicID != nil
        {
            return .init(
                text: texts.format("app.merge.merged", ["number": "#\(source.conversation.number)"]),
                action: "/app/conversations/\(merged)/unmerge")
        }
        if let original = parameters["split"], let source = try? await read.conversation(shop: shop, publicID: original) {
            return .init(
                text: texts.format("app.merge.split", ["number": "#\(source.conversation.number)"]),
                action: "/app/conversations/\(id)/unsplit")
        }
        return nil
    }

    // MARK: Actions

    private func postMessage(_ agent: SignedInAgent, id: String, form: MessageForm) async throws -> Response {
        let text = form.text ?? ""
        do {
            switch form.intent {
            case "insert":
                guard let shortcut = form.canned, !shortcut.isEmpty else {
                    return try await conversationPage(agent, id: id, parameters: [:], draft: text)
                }
                let rendered = try await canned.render(shop: agent.shop.id, shortcut: shortcut, conversation: id, agentID: agent.agent.id)
                let draft = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? rendered : text + "\n\n" + rendered
                return try await conversationPage(agent, id: id, parameters: [:], draft: draft)
            case "preview":
                let preview = try await reply.preview(
                    shop: agent.shop.id, conversation: id, text: text, channel: form.channel.flatMap(Channel.init(rawValue:)))
                return try await conversationPage(agent, id: id, parameters: [:], draft: text, preview: preview)
            case "note":
                let note = try await addNote(shop: agent.shop.id, conversation: id, agentID: agent.agent.id, text: text)
                await announce(.messageCreated, agent: agent, conversation: id, message: note.publicID)
                return Response.redirect(to: "/app/conversations/\(id)#\(note.publicID)", type: .normal)
            default:
                let status = form.then.flatMap(ConversationStatus.init(rawValue:))
                let sent = try await reply(
                    shop: agent.shop.id, conversation: id, agentID: agent.agent.id, text: text, status: status,
                    channel: form.channel.flatMap(Channel.init(rawValue:)))
                await announce(.messageCreated, agent: agent, conversation: id, message: sent.publicID)
                return Response.redirect(to: "/app/conversations/\(id)#\(sent.publicID)", type: .normal)
            }
        } catch let error as any UseCaseError where error.refusal != .notFound {
            // Nothing is lost: the page comes back with the text as typed and the reason.
            return try await conversationPage(
                agent, id: id, parameters: [:], draft: text, error: Self.reason(error, texts: views.localizer.texts(agent.language)),
                status: error.refusal.status)
        }
    }

    private func changes(_ form: UpdateForm, agent: SignedInAgent) async throws -> ConversationChanges {
        var changes = ConversationChanges()
        if let status = form.status { changes.status = ConversationStatus(rawValue: status) }
        if let priority = form.priority { changes.priority = ConversationPriority(rawValue: priority) }
        if form.assignee != nil { changes.assignee = try await assignee(form.assignee, agent: agent) }
        changes.team = form.team
        if let tags = form.tags {
            changes.tags = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let until = form.snoozeUntil, !until.isEmpty {
            guard let date = agent.format.moment(until) else {
                throw InvalidInput(field: "snooze_until", reason: views.localizer.texts(agent.language)["app.errors.snoozeTime"])
            }
            changes.status = .snoozed
            changes.snoozedUntil = date
        }
        return changes
    }

    private func assignee(_ value: String?, agent: SignedInAgent) async throws -> ConversationChanges.Assignee {
        guard let value, !value.isEmpty else { return .nobody }
        if value == "me" { return .agent(email: agent.agent.email) }
        guard let found = try await inbox.agents(shop: agent.shop.id).first(where: { String($0.id) == value }) else {
            throw InvalidInput(field: "assignee", reason: "is not an agent of this shop")
        }
        return .agent(email: found.email)
    }

    // MARK: Helpers

    /// Tells the shop's other screens what this agent just changed.
    private func announce(_ kind: InboxEvents.Kind, agent: SignedInAgent, conversation: String, message: String? = nil) async {
        await events.publish(
            InboxEvents.Payload(
                type: kind, conversation: conversation, message: message, agent: agent.agent.id, agentName: agent.agent.name),
            shop: agent.shop.id)
    }

    private static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        return parameters
    }

    /// Where a form returns: a path inside the app, never another site.
    static func back(_ back: String?, fallback: String) -> String {
        guard let back, back.hasPrefix("/app/"), !back.hasPrefix("//"), !back.contains("\\") else { return fallback }
        return back
    }

    private static func navKey(_ query: InboxQuery) -> String {
        query.status == .resolved ? "resolved" : query.view.rawValue
    }

    /// What a refused message says to the agent who wrote it, beside their text.
    private static func reason(_ error: any UseCaseError, texts: Texts) -> String {
        switch error {
        case ReplyError.emptyText, AddNoteError.emptyText: texts["app.errors.emptyText"]
        default: error.sentence
        }
    }
}

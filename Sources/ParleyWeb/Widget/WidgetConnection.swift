import Foundation
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import WSCore

/// One widget's socket: the visitor's session, the conversation's live events, and the messages
/// already sent, so that each message reaches the widget once and in order.
///
/// Every message is read back from the store rather than taken from the event that announced it:
/// the event only says something is new, and a reconnecting widget gets the same answer from the
/// same place.
actor WidgetConnection {
    /// Answers the visitor once their message is stored, while the assistant handles the chat.
    typealias AssistantTurn = @Sendable (ChatSession, ChatLine) async -> Void

    private let chat: LiveChat
    private let events: ChatEvents
    private let shop: Shop
    private let outbound: WebSocketOutboundWriter
    private let assistant: AssistantTurn?
    private let logger: Logger
    private var session: ChatSession?
    /// Ids of the messages the widget has: what it said it had on connecting, and what was sent since.
    private var floor: Int64 = 0
    private var sent: Set<Int64> = []
    private var newest: Int64 = 0
    private var subscription: Task<Void, Never>?
    private let encoder = SnakeCaseKeys.encoder()
    private let decoder = SnakeCaseKeys.decoder()

    init(
        chat: LiveChat, events: ChatEvents, shop: Shop, outbound: WebSocketOutboundWriter, assistant: AssistantTurn?, logger: Logger
    ) {
        self.chat = chat
        self.events = events
        self.shop = shop
        self.outbound = outbound
        self.assistant = assistant
        self.logger = logger
    }

    /// Handles one text frame from the widget.
    func receive(_ text: String) async {
        guard let frame = try? decoder.decode(WidgetInbound.self, from: Data(text.utf8)) else {
            await fail("each frame is one JSON object with a known type (see docs/live-chat.md)")
            return
        }
        do {
            if frame.type == .hello {
                try await hello(frame)
                return
            }
            guard session != nil else {
                await fail("say hello first")
                return
            }
            switch frame.type {
            case .hello: break
            case .send: try await send(frame)
            case .typing: await visitorTyping()
            case .read:
                if let upTo = frame.upTo, let current = session { session = try await chat.markRead(current, upTo: upTo) }
            case .handover:
                if let current = session { session = try await chat.handOver(current, reason: "the visitor asked for a person") }
                await handlerChanged()
            case .email:
                guard let email = frame.email else { throw InvalidInput(field: "email", reason: "is required") }
                if let current = session { session = try await chat.setEmail(current, email: email) }
            case .transcript:
                if let current = session { try await chat.sendTranscript(current) }
            }
        } catch let error as any UseCaseError {
            // What the visitor can act on: the field and what is wrong with it, or the refusal itself.
            let text = if case .invalid(let field) = error.refusal { "\(field) \(error.sentence)" } else { error.description }
            await fail(text, clientID: frame.clientID)
        } catch {
            logger.warning("widget frame failed", metadata: ["error": "\(error)"])
            await fail("something went wrong; the widget will try again", clientID: frame.clientID)
        }
    }

    /// The socket closed.
    func close() {
        subscription?.cancel()
        subscription = nil
    }

    // MARK: Frames

    private func hello(_ frame: WidgetInbound) async throws {
        let session = try await chat.connect(shop: shop, token: frame.token, identity: frame.identity, locale: frame.locale)
        let resumed = session.thread != nil && session.visitor.id == self.session?.visitor.id
        self.session = session
        floor = max(0, frame.after ?? 0)
        sent = []
        let lines = try await chat.lines(session, after: frame.after.flatMap { $0 > 0 ? $0 : nil })
        for line in lines { remember(line.id) }
        var welcome = WidgetOutbound(type: .welcome)
        welcome.token = session.issuedToken
        welcome.visitor = session.visitor.publicID
        welcome.conversation = session.conversation
        welcome.handledBy = session.thread?.handledBy.rawValue
        welcome.agentsOnline = try await chat.agentsAvailable(shop: shop)
        welcome.messages = lines.map(WidgetMessage.init)
        await write(welcome)
        if !resumed { listen() }
    }

    private func send(_ frame: WidgetInbound) async throws {
        guard let clientID = frame.clientID else { throw InvalidInput(field: "client_id", reason: "is required") }
        guard let current = session else { return }
        let (updated, line) = try await chat.send(current, clientID: clientID, text: frame.text ?? "", pageURL: frame.page)
        session = updated
        remember(line.id)
        var ack = WidgetOutbound(type: .ack)
        ack.clientID = clientID
        ack.message = WidgetMessage(line)
        ack.conversation = session?.conversation
        await write(ack)
        if current.conversation != updated.conversation { listen() }
        if let session, session.thread?.handledBy == .assistant, let assistant { await assistant(session, line) }
    }

    private func visitorTyping() async {
        guard let conversation = session?.conversation else { return }
        await chat.visitorTyping(shop: shop.id, conversation: conversation)
    }

    private func handlerChanged() async {
        var frame = WidgetOutbound(type: .handler)
        frame.handledBy = session?.thread?.handledBy.rawValue
        await write(frame)
    }

    // MARK: Live events

    /// Follows the session's conversation on the bus.
    private func listen() {
        subscription?.cancel()
        guard let conversation = session?.conversation else { return }
        let stream = events.subscribe(shop: shop.id, conversation: conversation)
        subscription = Task { [weak self] in
            for await payload in stream {
                await self?.event(payload)
            }
        }
    }

    private func event(_ payload: ChatEvents.Payload) async {
        switch payload.type {
        case .message:
            // Every message has an event of its own: one this widget already shows (the visitor's
            // own, acknowledged) brings nothing new, and costs no read.
            if let message = payload.message, sent.contains(message) { return }
            await deliverNew()
        case .typing:
            var frame = WidgetOutbound(type: .typing)
            frame.name = payload.name
            await write(frame)
        case .read:
            var frame = WidgetOutbound(type: .read)
            frame.upTo = payload.message
            await write(frame)
        case .handler:
            if let detail = payload.detail, let handler = ChatThread.Handler(rawValue: detail) { session?.thread?.handledBy = handler }
            await handlerChanged()
        }
    }

    /// Sends what the widget does not have yet: everything after the newest message sent, and any
    /// message among the newest few that committed late, after a later one was already sent.
    private func deliverNew() async {
        guard let session else { return }
        do {
            let window = 50
            let recent = try await chat.lines(session, after: nil, limit: window)
            // The newest few hold everything after `newest` unless more than a window's worth arrived
            // at once: only then read the rest, so each event costs one query, not two.
            let gap = recent.count == window && (recent.first?.id ?? 0) > newest
            let after = gap ? try await chat.lines(session, after: newest) : []
            let fresh = (recent + after).filter { $0.id > floor && !sent.contains($0.id) }
            var seen: Set<Int64> = []
            for line in fresh.sorted(by: { $0.id < $1.id }) where seen.insert(line.id).inserted && !sent.contains(line.id) {
                remember(line.id)
                var frame = WidgetOutbound(type: .message)
                frame.message = WidgetMessage(line)
                await write(frame)
            }
        } catch {
            logger.warning("widget could not read new messages", metadata: ["error": "\(error)"])
        }
    }

    private func remember(_ id: Int64) {
        sent.insert(id)
        newest = max(newest, id)
        // Only the newest matter once older ones are delivered; keep the set small on long chats.
        if sent.count > 500 { sent = Set(sent.sorted().suffix(200)) }
    }

    private func fail(_ detail: String, clientID: String? = nil) async {
        var frame = WidgetOutbound(type: .error)
        frame.detail = detail
        frame.clientID = clientID
        await write(frame)
    }

    private func write(_ frame: WidgetOutbound) async {
        guard let data = try? encoder.encode(frame) else { return }
        try? await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// A visitor's place in the chat: who they are, the token their browser keeps, and the
/// conversation they are in.
public struct ChatSession: Sendable, Equatable {
    public var shop: Shop
    public var visitor: ChatVisitor
    /// A new token for the browser to keep, when it had none (or one that no longer works).
    public var issuedToken: String?
    public var thread: ChatThread?
    /// The public id of the thread's conversation.
    public var conversation: String?
}

/// Live chat from the widget on a shop's pages: visitors, their messages into the inbox, and who
/// answers them.
///
/// Every message is stored before the widget is told it arrived, and carries the widget's own id,
/// so a message sent again after a dropped connection is stored once.
public struct LiveChat: Sendable {
    /// How long after being resolved a chat still takes the visitor's next message.
    static let freshFor: TimeInterval = 86400
    /// The longest chat message: a long question fits, a pasted file does not.
    public static let longestMessage = 5_000
    /// An agent counts as online while their inbox stayed open this recently.
    static let presenceWindow: TimeInterval = 90

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let inbox: InboxEvents
    private let chat: ChatEvents

    public init(database: ParleyDatabase, clock: any WallClock, bus: any EventBus) {
        self.database = database
        self.clock = clock
        self.inbox = InboxEvents(bus: bus)
        self.chat = ChatEvents(bus: bus)
    }

    // MARK: Visitors

    /// The session for a browser holding `token` (a new visitor when it holds none that works),
    /// signed in as the customer `identity` vouches for when the shop sent one.
    public func connect(shop: Shop, token: String?, identity: String?, locale: String?) async throws -> ChatSession {
        let now = clock.now()
        var vouched: VisitorIdentity?
        if let identity, !identity.isEmpty {
            let settings = try await database.withConnection { sql in try await ShopSettingsRepository(sql).all(shop: shop.id) }
            guard let secret = settings[.widgetIdentitySecret], !secret.isEmpty else {
                throw ChatError.noIdentitySecret
            }
            vouched = try await VisitorIdentity.verify(identity, secret: secret, now: now)
        }
        let language = locale.flatMap { tag in (try? Validation.locale(tag, field: "locale")).map { tag } }
        return try await database.transaction { sql in
            let chats = ChatRepository(sql)
            var visitor =
                try await token.flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
                    try await chats.visitor(shop: shop.id, tokenHash: SecretDigest.hex($0))
                } ?? nil
            var issued: String?
            var customerID: Int64?
            if let vouched {
                let input = CustomerInput(
                    identities: [.init(kind: .external, value: vouched.identity.value)]
                        + (vouched.email.map { [.init(kind: .email, value: $0)] } ?? []),
                    name: vouched.name, locale: language)
                let identities = try UpsertCustomer.normalizedIdentities(input.identities)
                customerID = try await UpsertCustomer.apply(shop: shop.id, identities: identities, input: input, on: sql, now: now)
                    .customerID
            }
            // A browser that chatted as someone else starts afresh: a shared computer must not show
            // one customer's chat to the next.
            if let known = visitor, let customerID, let previous = known.customerID, previous != customerID { visitor = nil }
            if visitor == nil {
                let secret = OpaqueToken.make(prefix: "vt_", length: 32)
                visitor = try await chats.insertVisitor(
                    shop: shop.id, publicID: OpaqueToken.make(prefix: "vis_"), tokenHash: SecretDigest.hex(secret), locale: language,
                    now: now)
                issued = secret
            }
            guard var visitor else { throw StoreError.missingRow("chat visitor") }
            if let customerID { visitor.customerID = customerID }
            if let language { visitor.locale = language }
            visitor.lastSeenAt = now
            try await chats.updateVisitor(visitor)
            return try await Self.session(shop: shop, visitor: visitor, issuedToken: issued, on: sql)
        }
    }

    /// The visitor's session as the store has it: their newest chat and its conversation.
    private static func session(shop: Shop, visitor: ChatVisitor, issuedToken: String?, on sql: DatabaseSession) async throws
        -> ChatSession
    {
        let thread = try await ChatRepository(sql).latestThread(shop: shop.id, visitorID: visitor.id)
        let conversation = try await thread.asyncMap { try await ConversationRepository(sql).find(shop: shop.id, id: $0.conversationID) }
        return ChatSession(shop: shop, visitor: visitor, issuedToken: issuedToken, thread: thread, conversation: conversation??.publicID)
    }

    /// The session of the browser holding `token`, nil when it holds none that works; nothing is made.
    public func existing(shop: Shop, token: String) async throws -> ChatSession? {
        try await database.read { sql in
            let chats = ChatRepository(sql)
            guard let visitor = try await chats.visitor(shop: shop.id, tokenHash: SecretDigest.hex(token)) else { return nil }
            return try await Self.session(shop: shop, visitor: visitor, issuedToken: nil, on: sql)
        }
    }

    /// The public id of the chat the browser holding `token` is in, if it holds one that works; no
    /// visitor is made for an unknown token.
    public func conversation(shop: Shop, token: String) async throws -> String? {
        try await existing(shop: shop, token: token)?.conversation
    }

    // MARK: Messages

    /// What the visitor sees of their conversation: after the message `after`, or the newest ones.
    public func lines(_ session: ChatSession, after: Int64?, limit: Int = 200) async throws -> [ChatLine] {
        guard let thread = session.thread else { return [] }
        return try await database.read { sql in
            try await ChatRepository(sql).lines(shop: session.shop.id, conversationID: thread.conversationID, after: after, limit: limit)
        }
    }

    /// Stores what the visitor wrote; the same `clientID` again returns the stored message instead
    /// of a second one. A first message opens a conversation in the inbox.
    public func send(_ session: ChatSession, clientID: String, text: String, pageURL: String?) async throws
        -> (session: ChatSession, line: ChatLine)
    {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw InvalidInput(field: "text", reason: "write something to send") }
        try Validation.text(body, field: "text", limit: Self.longestMessage, multiline: true)
        return try await store(session, clientID: clientID, text: body, pageURL: pageURL, file: nil)
    }

    /// The largest file a visitor may send.
    public static let largestFile = 5 << 20

    /// Stores a file the visitor sent (an image or a PDF, told by its bytes) as a message of its own,
    /// its name as the text; the same `clientID` again returns the stored message.
    public func sendFile(_ session: ChatSession, clientID: String, filename: String?, bytes: [UInt8]) async throws
        -> (session: ChatSession, line: ChatLine)
    {
        guard !bytes.isEmpty else { throw InvalidInput(field: "file", reason: "is empty") }
        guard bytes.count <= Self.largestFile else { throw InvalidInput(field: "file", reason: "is larger than 5 MB") }
        guard let type = ShopLogos.imageType(bytes) ?? (bytes.starts(with: Array("%PDF-".utf8)) ? "application/pdf" : nil) else {
            throw InvalidInput(field: "file", reason: "must be a picture (PNG, JPEG, GIF, WebP) or a PDF")
        }
        let name = Validation.clipped(
            (filename ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)?.trimmingCharacters(in: .whitespaces)
                ?? "", limit: 120)
        let shown = name.isEmpty ? (type == "application/pdf" ? "document.pdf" : "image") : name
        return try await store(
            session, clientID: clientID, text: shown, pageURL: nil,
            file: NewAttachment(filename: shown, contentType: type, contentID: nil, isInline: false, data: bytes))
    }

    private func store(_ session: ChatSession, clientID: String, text body: String, pageURL: String?, file: NewAttachment?) async throws
        -> (session: ChatSession, line: ChatLine)
    {
        var session = session
        guard (1...64).contains(clientID.count),
            clientID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw InvalidInput(field: "client_id", reason: "must be 1–64 letters, digits, - or _") }
        let now = clock.now()
        let shop = session.shop
        var visitor = session.visitor
        let page = pageURL.map { Validation.clipped($0, limit: 1000) }
        let (line, conversation, thread, created, fresh) = try await database.transaction {
            sql -> (ChatLine, Conversation, ChatThread, Bool, Bool) in
            let chats = ChatRepository(sql)
            let conversations = ConversationRepository(sql)
            let latest = try await chats.latestThread(shop: shop.id, visitorID: visitor.id, sent: clientID)
            var thread = latest?.thread
            var conversation = try await thread.asyncMap { try await conversations.find(shop: shop.id, id: $0.conversationID) } ?? nil
            // The conversation as stored, so that only what this message changes is written.
            var stored = conversation
            if let thread, let conversation, latest?.sent != nil,
                let existing = try await chats.line(shop: shop.id, conversationID: thread.conversationID, clientID: clientID)
            {
                return (existing, conversation, thread, false, false)
            }
            if visitor.customerID == nil {
                let identities = [Identity(kind: .visitor, value: visitor.publicID)]
                visitor.customerID = try await UpsertCustomer.apply(
                    shop: shop.id, identities: identities,
                    input: CustomerInput(identities: [.init(kind: .visitor, value: visitor.publicID)], locale: visitor.locale), on: sql,
                    now: now
                ).customerID
                try await chats.updateVisitor(visitor)
            }
            var fresh = false
            if let current = conversation, current.status == .resolved, now.timeIntervalSince(current.lastMessageAt) > Self.freshFor {
                conversation = nil
            }
            if var current = conversation {
                if current.status == .resolved {
                    try await conversations.recordEvent(
                        shop: shop.id, conversationID: current.id, kind: "reopened", agentID: nil, detail: "the customer wrote again",
                        now: now)
                }
                current.setStatus(.open, at: now)
                conversation = current
            } else {
                let subject = String(body.split(whereSeparator: \.isNewline).first?.prefix(80) ?? "Chat")
                let opened = try await sql.insertConversation(
                    shop: shop.id, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                    NewConversation(
                        customerID: visitor.customerID, channel: .chat, subject: subject, normalizedSubject: SubjectLine.normalized(subject)
                    ),
                    now: now)
                conversation = opened
                stored = opened
                let started = ChatThread(
                    conversationID: opened.id, shopID: shop.id, visitorID: visitor.id, handledBy: .assistant, visitorReadID: 0,
                    pageURL: page, createdAt: now)
                try await chats.insertThread(started)
                thread = started
                fresh = true
            }
            guard var conversation, let thread else { throw StoreError.missingRow("chat conversation") }
            try await sql.save(&conversation, customerWroteAt: now, was: stored)
            let message = try await sql.insertMessage(
                shop: shop.id, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .incoming, channel: .chat, customerID: visitor.customerID, text: body, bodyText: body, clientID: clientID),
                now: now)
            if let file {
                try await AttachmentRepository(sql).insert(
                    shop: shop.id, conversationMessageID: message.id, publicID: OpaqueToken.make(prefix: "att_"), file, now: now)
            }
            let line = ChatLine(
                id: message.id, publicID: message.publicID, kind: .incoming, text: body, agentName: nil, clientID: clientID,
                files: file == nil ? 0 : 1, createdAt: now)
            return (line, conversation, thread, true, fresh)
        }
        session.visitor = visitor
        session.thread = thread
        session.conversation = conversation.publicID
        if created {
            await inbox.publish(
                fresh ? .conversationCreated : .messageCreated, shop: shop.id, conversation: conversation.publicID,
                message: line.publicID)
            await chat.publish(.init(type: .message, message: line.id), shop: shop.id, conversation: conversation.publicID)
        }
        return (session, line)
    }

    /// Stores the assistant's answer in the visitor's conversation.
    public func assistantSays(_ session: ChatSession, text: String) async throws -> ChatLine {
        guard let thread = session.thread, let conversation = session.conversation else {
            throw ChatError.noConversationYet
        }
        let now = clock.now()
        let message = try await database.transaction { sql in
            try await sql.insertMessage(
                shop: session.shop.id, conversationID: thread.conversationID, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(kind: .assistant, channel: .chat, text: text, bodyText: text, machine: "assistant"), now: now)
        }
        await inbox.publish(.messageCreated, shop: session.shop.id, conversation: conversation, message: message.publicID)
        await chat.publish(.init(type: .message, message: message.id), shop: session.shop.id, conversation: conversation)
        return ChatLine(
            id: message.id, publicID: message.publicID, kind: .assistant, text: text, agentName: nil, clientID: nil, files: 0,
            createdAt: now)
    }

    /// The visitor asked for a person (or the assistant could not help): agents answer from now on,
    /// and the conversation waits for them in the inbox.
    public func handOver(_ session: ChatSession, reason: String) async throws -> ChatSession {
        var session = session
        guard var thread = session.thread, let conversation = session.conversation, thread.handledBy != .person else { return session }
        let now = clock.now()
        thread.handledBy = .person
        let updated = thread
        try await database.transaction { sql in
            try await ChatRepository(sql).setHandler(shop: session.shop.id, conversationID: updated.conversationID, .person)
            try await ConversationRepository(sql).recordEvent(
                shop: session.shop.id, conversationID: updated.conversationID, kind: "handed_over", agentID: nil, detail: reason, now: now)
        }
        session.thread = thread
        await inbox.publish(.conversationUpdated, shop: session.shop.id, conversation: conversation)
        await chat.publish(
            .init(type: .handler, detail: ChatThread.Handler.person.rawValue), shop: session.shop.id, conversation: conversation)
        return session
    }

    /// The visitor has seen everything up to the message `upTo`.
    public func markRead(_ session: ChatSession, upTo: Int64) async throws -> ChatSession {
        var session = session
        guard var thread = session.thread, upTo > thread.visitorReadID else { return session }
        thread.visitorReadID = upTo
        let updated = thread
        try await database.withConnection { sql in
            try await ChatRepository(sql).setVisitorRead(shop: session.shop.id, conversationID: updated.conversationID, upTo)
        }
        session.thread = thread
        return session
    }

    /// Keeps the email address the visitor gave for the chat to continue by email, and gives it to
    /// their customer record unless it is another customer's (joining two people is for a person).
    public func setEmail(_ session: ChatSession, email: String) async throws -> ChatSession {
        var session = session
        guard let address = try UpsertCustomer.normalizedIdentities([.init(kind: .email, value: email)]).first?.value else {
            throw InvalidInput(field: "email", reason: "is not an email address")
        }
        var visitor = session.visitor
        visitor.email = address
        let updated = visitor
        let now = clock.now()
        let conversationID = session.thread?.conversationID
        try await database.transaction { sql in
            try await ChatRepository(sql).updateVisitor(updated)
            if let conversationID {
                try await ChatFollowUp.addressLeft(shop: session.shop.id, conversationID: conversationID, on: sql, now: now)
            }
            guard updated.customerID != nil else { return }
            let identities = [Identity(kind: .visitor, value: updated.publicID), Identity(kind: .email, value: address)]
            let input = CustomerInput(identities: identities.map { .init(kind: $0.kind, value: $0.value) })
            do {
                _ = try await UpsertCustomer.apply(shop: session.shop.id, identities: identities, input: input, on: sql, now: now)
            } catch CustomerError.identitiesOfDifferentCustomers {
                // The address is another customer's: the chat still continues there by email.
            }
        }
        session.visitor = visitor
        return session
    }

    /// Sends the whole chat to the address the visitor left.
    public func sendTranscript(_ session: ChatSession) async throws {
        guard session.visitor.email != nil else { throw ChatError.noEmailYet }
        guard let thread = session.thread else { throw ChatError.nothingWrittenYet }
        let now = clock.now()
        try await database.transaction { sql in
            try await ChatFollowUp.transcript(shop: session.shop.id, conversationID: thread.conversationID, on: sql, now: now)
        }
    }

    // MARK: Presence

    /// Whether a person can answer now: the shop is open and one of its agents has the inbox open.
    public func agentsAvailable(shop: Shop) async throws -> Bool {
        let now = clock.now()
        return try await database.withConnection { sql in
            let settings = try await ShopSettingsRepository(sql).all(shop: shop.id)
            guard BusinessHours(settings: settings, timeZone: shop.timeZone).isOpen(at: now) else { return false }
            return try await ChatRepository(sql).agentsSeen(shop: shop.id, since: now.addingTimeInterval(-Self.presenceWindow)) > 0
        }
    }

    /// The agent has the inbox open; called while their live connection lasts.
    public func agentSeen(shop: ShopID, agentID: Int64) async throws {
        let now = clock.now()
        try await database.withConnection { sql in try await ChatRepository(sql).agentSeen(shop: shop, agentID: agentID, now: now) }
    }

    /// Tells the agents the visitor is writing.
    public func visitorTyping(shop: ShopID, conversation: String) async {
        await inbox.publish(.visitorTyping, shop: shop, conversation: conversation)
    }

    /// An agent has the chat open: the visitor's widget marks everything so far as read.
    public func agentRead(shop: ShopID, conversation: Conversation) async {
        let newest = try? await database.withConnection { sql in
            try await ChatRepository(sql).lines(shop: shop, conversationID: conversation.id, after: nil, limit: 1).last?.id
        }
        guard let newest = newest ?? nil else { return }
        await chat.publish(.init(type: .read, message: newest), shop: shop, conversation: conversation.publicID)
    }

    /// Relays an agent's typing to the visitor's widget.
    public func agentTyping(shop: ShopID, conversation: String, name: String) async {
        await chat.publish(.init(type: .typing, name: name), shop: shop, conversation: conversation)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// What a customer asks for when they want to be called back.
public struct CallbackInput: Sendable {
    public var phone: String
    public var name: String?
    /// The start of one of the offered windows.
    public var start: Date
    /// The customer's time zone, to say the window in their time.
    public var timeZone: String
    public var note: String?
    public var locale: String?

    public init(phone: String, name: String? = nil, start: Date, timeZone: String, note: String? = nil, locale: String? = nil) {
        self.phone = phone
        self.name = name
        self.start = start
        self.timeZone = timeZone
        self.note = note
        self.locale = locale
    }
}

/// Callback requests: customers pick a window within business hours in their own time zone; the
/// requests wait in a queue ordered by their window, the assigned agent is reminded as it opens,
/// and the call's outcome is logged on the conversation.
public struct CallbackRequests: Sendable {
    /// How long before its window a request reminds the agents.
    public static let reminderLead: TimeInterval = 600
    public static let longestNote = 1_000
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let events: InboxEvents
    private let catalogs: MessageCatalogs?
    private let windows = CallbackWindows()

    public init(database: ParleyDatabase, clock: any WallClock, bus: any EventBus, catalogs: MessageCatalogs? = nil) {
        self.database = database
        self.clock = clock
        self.events = InboxEvents(bus: bus)
        self.catalogs = catalogs ?? (try? MessageCatalogs())
    }

    /// The windows the shop offers now, soonest first.
    public func offered(shop: Shop) async throws -> [DateInterval] {
        let settings = try await database.withConnection { sql in try await ShopSettingsRepository(sql).all(shop: shop.id) }
        return windows.offered(hours: BusinessHours(settings: settings, timeZone: shop.timeZone), now: clock.now())
    }

    /// Files a request: into the chat `conversation` the visitor is in, else as a new phone
    /// conversation of the customer the phone number names.
    public func request(shop: Shop, _ input: CallbackInput, conversation chatConversation: String? = nil) async throws -> CallbackRequest {
        guard
            let phone = try? UpsertCustomer.normalizedIdentities([.init(kind: .phone, value: input.phone)]).first?.value
        else {
            throw InvalidInput(field: "phone", reason: "is not a phone number; write it with the country code, such as +48 601 234 567")
        }
        try Validation.timeZone(input.timeZone, field: "time_zone")
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let note { try Validation.text(note, field: "note", limit: Self.longestNote, multiline: true) }
        if let name = input.name { try Validation.text(name, field: "name") }
        let now = clock.now()
        let settings = try await database.withConnection { sql in try await ShopSettingsRepository(sql).all(shop: shop.id) }
        guard
            let window = windows.offered(hours: BusinessHours(settings: settings, timeZone: shop.timeZone), now: now)
                .first(where: { $0.start == input.start })
        else { throw CallbackError.timeNotOffered }
        let (language, entries) = try catalogs?.catalog(for: input.locale, shopDefault: shop.defaultLocale) ?? ("en", [:])
        let (request, created) = try await database.transaction { sql -> (CallbackRequest, Bool) in
            let conversations = ConversationRepository(sql)
            let customerInput = CustomerInput(
                identities: [.init(kind: .phone, value: phone)], name: input.name?.nilIfEmpty, locale: input.locale,
                timeZone: input.timeZone)
            var conversation: Conversation
            var created = false
            if let chatConversation, let found = try await conversations.find(shop: shop.id, publicID: chatConversation),
                found.mergedIntoID == nil
            {
                conversation = found
                if let customerID = found.customerID,
                    let customer = try await CustomerRepository(sql).find(shop: shop.id, id: customerID),
                    let known = customer.identities.first
                {
                    // The number joins the chat's customer unless it is someone else's.
                    let identities = [known, Identity(kind: .phone, value: phone)]
                    _ = try? await UpsertCustomer.apply(
                        shop: shop.id, identities: identities,
                        input: CustomerInput(identities: identities.map { .init(kind: $0.kind, value: $0.value) }), on: sql, now: now)
                }
            } else {
                let customerID = try await UpsertCustomer.apply(
                    shop: shop.id, identities: [Identity(kind: .phone, value: phone)], input: customerInput, on: sql, now: now
                ).customerID
                let subject = entries["callback.subject"] ?? "Callback request"
                conversation = try await sql.insertConversation(
                    shop: shop.id, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                    NewConversation(
                        customerID: customerID, channel: .phone, subject: subject, normalizedSubject: SubjectLine.normalized(subject)),
                    now: now)
                created = true
            }
            let said = try MessageCatalogs.words(
                "callback.message", in: entries,
                values: [
                    "phone": phone, "window": Self.label(window, zone: TimeZone(identifier: input.timeZone) ?? .gmt, language: language),
                ])
            let text = [said, note].compactMap { $0 }.joined(separator: "\n\n")
            _ = try await sql.insertMessage(
                shop: shop.id, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .incoming, channel: .phone, customerID: conversation.customerID, sender: phone, text: text, bodyText: text),
                now: now)
            conversation.customerWrote(at: now, policy: try await ShopSLA.policy(shop: shop.id, priority: conversation.priority, on: sql))
            conversation.setStatus(.open, at: now)
            conversation.lastMessageAt = now
            try await sql.save(conversation, now: now)
            let request = try await CallbackRepository(sql).insert(
                CallbackRequest(
                    id: 0, shopID: shop.id, publicID: OpaqueToken.make(prefix: "cbk_"), conversationID: conversation.id,
                    customerID: conversation.customerID, phone: phone, window: window, timeZone: input.timeZone, note: note,
                    status: .waiting,
                    attempts: 0, createdAt: now, updatedAt: now))
            try await conversations.recordEvent(
                shop: shop.id, conversationID: conversation.id, kind: "callback_requested", agentID: nil,
                detail: ISO8601DateFormatter().string(from: window.start), now: now)
            try await CallbackReminder.schedule(request, on: sql, now: now)
            return (request, created)
        }
        let conversation = try await database.withConnection { sql in
            try await ConversationRepository(sql).find(shop: shop.id, id: request.conversationID)?.publicID
        }
        if let conversation {
            await events.publish(created ? .conversationCreated : .conversationUpdated, shop: shop.id, conversation: conversation)
        }
        return request
    }

    /// "Tue 24 Nov, 09:00–09:30": a window as said in `zone` and `language`, to customers and agents alike.
    public static func label(_ window: DateInterval, zone: TimeZone, language: String) -> String {
        var style = Date.IntervalFormatStyle(date: .abbreviated, time: .shortened)
        style.locale = Locale(identifier: language)
        style.timeZone = zone
        return (window.start..<window.end).formatted(style)
    }

    /// The waiting requests, soonest window first.
    public func queue(shop: ShopID, limit: Int = 200) async throws -> [QueuedCallback] {
        try await database.withConnection { sql in try await CallbackRepository(sql).queue(shop: shop, limit: limit) }
    }

    public func waitingCount(shop: ShopID) async throws -> Int {
        try await database.withConnection { sql in try await CallbackRepository(sql).waitingCount(shop: shop) }
    }

    /// An agent called: the call is logged on the conversation. Reaching the customer (or their
    /// voicemail) settles the request; no answer or a busy line keeps it in the queue for another try.
    public func logCall(
        shop: ShopID, request publicID: String, outcome: PhoneCall.Outcome, durationSeconds: Int, note: String, agentID: Int64?,
        log: LogPhoneCall
    ) async throws -> CallbackRequest {
        let (request, conversation) = try await database.withConnection { sql -> (CallbackRequest, String) in
            guard let request = try await CallbackRepository(sql).find(shop: shop, publicID: publicID),
                let conversation = try await ConversationRepository(sql).find(shop: shop, id: request.conversationID)
            else { throw CallbackError.requestNotFound(publicID) }
            return (request, conversation.publicID)
        }
        guard request.status == .waiting else { throw CallbackError.notWaiting(publicID, status: request.status.rawValue) }
        _ = try await log(
            shop: shop, .conversation(conversation),
            call: PhoneCall(direction: .outbound, durationSeconds: durationSeconds, outcome: outcome),
            note: note, agentID: agentID, subject: "")
        var settled = request
        settled.updatedAt = clock.now()
        switch outcome {
        case .answered, .voicemail: settled.status = .done
        case .noAnswer, .busy, .callbackRequested: settled.attempts += 1
        }
        let updated = settled
        try await database.withConnection { sql in try await CallbackRepository(sql).update(updated) }
        await events.publish(.conversationUpdated, shop: shop, conversation: conversation)
        return settled
    }

    /// Takes a request out of the queue without a call.
    public func cancel(shop: ShopID, request publicID: String, agentID: Int64?) async throws {
        let now = clock.now()
        let conversation = try await database.transaction { sql -> String in
            let callbacks = CallbackRepository(sql)
            guard var request = try await callbacks.find(shop: shop, publicID: publicID),
                let conversation = try await ConversationRepository(sql).find(shop: shop, id: request.conversationID)
            else { throw CallbackError.requestNotFound(publicID) }
            guard request.status == .waiting else { throw CallbackError.notWaiting(publicID, status: request.status.rawValue) }
            request.status = .cancelled
            request.updatedAt = now
            try await callbacks.update(request)
            try await ConversationRepository(sql).recordEvent(
                shop: shop, conversationID: conversation.id, kind: "callback_cancelled", agentID: agentID, detail: nil, now: now)
            return conversation.publicID
        }
        await events.publish(.conversationUpdated, shop: shop, conversation: conversation)
    }
}

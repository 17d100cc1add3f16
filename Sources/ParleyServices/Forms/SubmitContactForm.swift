import Foundation
import ParleyCore
import ParleyStore

/// A message from a shop's contact form (`/f/{shop}`, docs/live-chat.md): a new conversation on the
/// `form` channel for the customer with that email address, acknowledged by email like a new email
/// conversation.
///
/// There is no CAPTCHA. A hidden field people never fill, and a signed time stamp that a person
/// cannot send back within two seconds nor a replay after a day, keep most programs out; what they
/// post is set aside without a word, so they cannot tell what gave them away.
public struct SubmitContactForm: Sendable {
    /// The longest message, as in a chat: a long letter fits, a pasted file does not.
    public static let longestMessage = 5_000
    /// The longest order number: platforms' numbers are far shorter.
    public static let longestOrder = 40

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let catalogs: MessageCatalogs
    private let acknowledgement: AcknowledgeEmail
    private let events: InboxEvents

    /// `fallbackDomain` is the domain of the public URL, the acknowledgement's sender domain for shops that set no `email.from`.
    public init(database: ParleyDatabase, clock: any WallClock, bus: any EventBus, catalogs: MessageCatalogs, fallbackDomain: String) {
        self.database = database
        self.clock = clock
        self.catalogs = catalogs
        self.acknowledgement = AcknowledgeEmail(catalogs: catalogs, fallbackDomain: fallbackDomain)
        self.events = InboxEvents(bus: bus)
    }

    /// The token a form of `shop` drawn now carries.
    public func token(shop: Shop) async throws -> String {
        let now = clock.now()
        let key = try await database.transaction { sql in try await ShopLinkSigner.key(shop: shop.id, on: sql, now: now) }
        return ContactFormToken.make(shop: shop, at: now, key: key)
    }

    /// Takes `submission` for `shop`: stored and acknowledged, or set aside as a program's. Throws
    /// `ContactFormError` for what the customer should correct.
    public func callAsFunction(shop: Shop, _ submission: ContactFormSubmission) async throws -> ContactFormOutcome {
        let now = clock.now()
        let check = try await database.withConnection { sql in
            try await ContactFormToken.check(submission.token, shop: shop, now: now, on: sql)
        }
        guard submission.website.isEmpty else { return .discarded(.honeypot) }
        switch check {
        case .forged: return .discarded(.forged)
        case .tooFast: return .discarded(.tooFast)
        case .expired: throw ContactFormError.expired
        case .fresh: break
        }
        let form = try Self.validated(submission)
        let locale = submission.locale.flatMap { tag in (try? Validation.locale(tag, field: "locale")).map { tag } }
        let (_, entries) = try catalogs.catalog(for: locale, shopDefault: shop.defaultLocale)
        let summary = String(form.message.split(whereSeparator: \.isNewline).first?.prefix(80) ?? "")
        let subject =
            try form.order.map {
                try MessageCatalogs.words("contactForm.subject", in: entries, values: ["number": $0, "summary": summary])
            }
            ?? summary
        let text =
            try form.order.map { try MessageCatalogs.words("contactForm.orderLine", in: entries, values: ["number": $0]) + "\n\n" }
            ?? ""
        let (conversation, message) = try await database.transaction { sql -> (Conversation, ConversationMessage) in
            let customers = CustomerRepository(sql)
            let customerID: Int64
            // Someone known keeps the name they have: the form's is only what was typed into it.
            if let owner = try await customers.owners(shop: shop.id, of: [form.email])[form.email] {
                customerID = owner
            } else {
                let input = CustomerInput(identities: [.init(kind: .email, value: form.email.value)], name: form.name, locale: locale)
                customerID = try await UpsertCustomer.apply(shop: shop.id, identities: [form.email], input: input, on: sql, now: now)
                    .customerID
            }
            var conversation = try await sql.insertConversation(
                shop: shop.id, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                NewConversation(
                    customerID: customerID, channel: .form, subject: subject, normalizedSubject: SubjectLine.normalized(subject)),
                now: now)
            try await sql.save(&conversation, customerWroteAt: now)
            // The sender is where agents' replies go, as for an email.
            let message = try await sql.insertMessage(
                shop: shop.id, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .incoming, channel: .form, customerID: customerID, sender: form.email.value, subject: subject,
                    text: text + form.message, bodyText: text + form.message),
                now: now)
            try await TimelineRepository(sql).append(
                shop: shop.id, customerID: customerID, kind: TimelineEvent.Kind(rawValue: "form.received"), at: now,
                summary: "Contact form: \(subject)", data: ["conversation": conversation.publicID, "message": message.publicID])
            try await acknowledgement.queue(
                for: conversation, inReplyTo: nil, references: [], customerID: customerID, recipient: form.email.value, shop: shop.id,
                on: sql, now: now)
            return (conversation, message)
        }
        await events.publish(.conversationCreated, shop: shop.id, conversation: conversation.publicID, message: message.publicID)
        return .received(conversation: conversation.publicID)
    }

    private struct Form {
        let name: String?
        let email: Identity
        let order: String?
        let message: String
    }

    /// The submission trimmed and checked; every problem at once, so the customer corrects them in one go.
    private static func validated(_ submission: ContactFormSubmission) throws(ContactFormError) -> Form {
        var problems: [ContactFormError.Field: ContactFormError.Problem] = [:]
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let name = trimmed(submission.name)
        if let problem = problem(name, limit: Validation.Limit.line, multiline: false) { problems[.name] = problem }
        let address = trimmed(submission.email)
        var email: Identity?
        if address.isEmpty {
            problems[.email] = .missing
        } else if let problem = problem(address, limit: Validation.Limit.identity, multiline: false) {
            problems[.email] = problem
        } else {
            email = try? Identity.normalized(.email, address)
            if email == nil { problems[.email] = .invalid }
        }
        let order = OrderAnswer.number(submission.order)
        if let order, let problem = problem(order, limit: longestOrder, multiline: false) { problems[.order] = problem }
        let message = trimmed(submission.message)
        if message.isEmpty {
            problems[.message] = .missing
        } else if let problem = problem(message, limit: longestMessage, multiline: true) {
            problems[.message] = problem
        }
        guard problems.isEmpty, let email else { throw .invalid(problems) }
        return Form(name: name.isEmpty ? nil : name, email: email, order: order, message: message)
    }

    private static func problem(_ text: String, limit: Int, multiline: Bool) -> ContactFormError.Problem? {
        guard text.count <= limit else { return .tooLong }
        return (try? Validation.text(text, field: "", limit: limit, multiline: multiline)) == nil ? .invalid : nil
    }
}

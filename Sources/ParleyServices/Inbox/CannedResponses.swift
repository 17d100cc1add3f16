import Foundation
import Mustache
import ParleyCore
import ParleyStore

/// Saved answers agents insert by shortcut, with placeholders filled in for the conversation at
/// hand: `{{customer.name}}`, `{{customer.first_name}}`, `{{conversation.number}}`,
/// `{{conversation.subject}}`, `{{shop.name}}`, `{{agent.name}}`.
///
/// ```
/// Dzień dobry {{customer.first_name}}, dziękujemy za cierpliwość w sprawie #{{conversation.number}}.
/// ```
public struct CannedResponses: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID) async throws -> [CannedResponse] {
        try await database.withConnection { sql in try await CannedResponseRepository(sql).list(shop: shop) }
    }

    public func create(shop: ShopID, shortcut: String, title: String, body: String) async throws -> CannedResponse {
        let (shortcut, title, body) = try Self.validated(shortcut: shortcut, title: title, body: body)
        do {
            return try await database.withConnection { sql in
                try await CannedResponseRepository(sql).insert(
                    shop: shop, publicID: OpaqueToken.make(prefix: "cnd_"), shortcut: shortcut, title: title, body: body,
                    now: clock.now())
            }
        } catch  where isDuplicateKey(error) {
            throw CannedResponseError.shortcutTaken(shortcut)
        }
    }

    public func update(shop: ShopID, publicID: String, shortcut: String?, title: String?, body: String?) async throws
        -> CannedResponse
    {
        try await database.withConnection { sql in
            let repository = CannedResponseRepository(sql)
            guard var response = try await repository.find(shop: shop, publicID: publicID) else {
                throw CannedResponseError.responseNotFound(publicID)
            }
            (response.shortcut, response.title, response.body) = try Self.validated(
                shortcut: shortcut ?? response.shortcut, title: title ?? response.title, body: body ?? response.body)
            do {
                try await repository.update(shop: shop, response, now: clock.now())
            } catch  where isDuplicateKey(error) {
                throw CannedResponseError.shortcutTaken(response.shortcut)
            }
            return response
        }
    }

    public func delete(shop: ShopID, publicID: String) async throws {
        try await database.withConnection { sql in
            let repository = CannedResponseRepository(sql)
            guard let response = try await repository.find(shop: shop, publicID: publicID) else {
                throw CannedResponseError.responseNotFound(publicID)
            }
            try await repository.delete(shop: shop, id: response.id)
        }
    }

    /// The canned response `shortcut` written out for a conversation, ready to send or edit.
    public func render(shop: ShopID, shortcut: String, conversation publicID: String, agentID: Int64?) async throws -> String {
        try await database.withConnection { sql in
            guard let response = try await CannedResponseRepository(sql).find(shop: shop, shortcut: shortcut) else {
                throw CannedResponseError.noSuchShortcut(shortcut)
            }
            guard let conversation = try await ConversationRepository(sql).find(shop: shop, publicID: publicID),
                let shopRecord = try await ShopRepository(sql).find(id: shop)
            else { throw CannedResponseError.conversationNotFound(publicID) }
            var customer: Customer?
            if let customerID = conversation.customerID { customer = try await CustomerRepository(sql).find(shop: shop, id: customerID) }
            var agent: Agent?
            if let agentID { agent = try await AgentRepository(sql).find(shop: shop, id: agentID) }
            let firstName = customer?.name?.split(separator: " ").first.map(String.init)
            // The order a customer most likely writes about: their latest.
            let order = try await customer.asyncFlatMap { try await OrderRepository(sql).list(shop: shop, customerID: $0.id) }?
                .max { $0.placedAt < $1.placedAt }
            let values: [String: Any] = [
                "order": MessageCatalogs.present([
                    "number": order?.number, "carrier": order?.shipment?.carrier, "tracking_number": order?.shipment?.trackingNumber,
                ]),
                "customer": MessageCatalogs.present(["name": customer?.name, "first_name": firstName]),
                "conversation": ["number": String(conversation.number), "subject": conversation.subject],
                "shop": ["name": shopRecord.name], "agent": MessageCatalogs.present(["name": agent?.name]),
            ]
            return try MessageCatalogs.text(response.body).render(values)
        }
    }

    private static func validated(shortcut: String, title: String, body: String) throws -> (String, String, String) {
        let shortcut = shortcut.trimmingCharacters(in: .whitespaces).lowercased()
        guard !shortcut.isEmpty, shortcut.count <= 40, shortcut.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else { throw InvalidInput(field: "shortcut", reason: "use 1 to 40 letters, digits, - or _") }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidInput(field: "title", reason: "is empty") }
        try Validation.text(title, field: "title")
        try Validation.text(body, field: "body", limit: Validation.Limit.text, multiline: true)
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InvalidInput(field: "body", reason: "is empty")
        }
        do {
            _ = try MustacheTemplate(string: body)
        } catch {
            throw InvalidInput(field: "body", reason: "is not a valid template: \(error)")
        }
        return (shortcut, title.trimmingCharacters(in: .whitespaces), body)
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async throws -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

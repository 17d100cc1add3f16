import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What a test starts from, beside its shop, in the words of the test:
///
/// ```swift
/// let world = try await World.given(database, .agent(role: .owner), .customer(locale: "pl"), .order(stage: .paid))
/// ```
///
/// Each part is made through the use case a real shop would go through (`AddAgent`,
/// `UpsertCustomer`, `IngestOrderEvent`), so a world holds nothing the product could not.
public enum Given: Sendable {
    /// An agent who signs in with the password `correct horse battery`.
    case agent(email: String = "agent@acme.test", role: AgentRole = .agent, language: String? = nil)
    /// A customer with an email address, and a phone number when given.
    case customer(email: String = "ola@example.pl", phone: String? = nil, name: String? = "Ola", locale: String? = nil)
    /// An order of the last customer given (of a new one when none was), at `stage`.
    case order(number: String = "#1001", stage: OrderStage = .accepted, totalMinor: Int64 = 4_999, currency: String = "PLN")
}

extension World {
    public static let agentPassword = "correct horse battery"

    /// A shop, and then `parts` in order.
    public static func given(_ database: ParleyDatabase, _ parts: Given..., clock: TestClock = TestClock()) async throws -> World {
        try await given(database, parts, clock: clock)
    }

    /// A shop, and then `parts` in order.
    public static func given(_ database: ParleyDatabase, _ parts: [Given], clock: TestClock = TestClock()) async throws -> World {
        var world = try await given(database, clock: clock)
        for part in parts { try await world.add(part) }
        return world
    }

    private mutating func add(_ part: Given) async throws {
        switch part {
        case .agent(let email, let role, let language):
            var (agent, _) = try await AddAgent(database: database, clock: clock)(
                shop: shop.id, email: email, name: String(email.prefix { $0 != "@" }).capitalized, role: role,
                password: Self.agentPassword)
            if let language {
                try await database.withConnection { session in
                    try await AgentRepository(session).updateProfile(shop: shop.id, agentID: agent.id, locale: language, timeZone: nil)
                }
                agent.locale = language
            }
            agents.append(agent)
        case .customer(let email, let phone, let name, let locale):
            let identities =
                [CustomerInput.IdentityInput(kind: .email, value: email)] + (phone.map { [.init(kind: .phone, value: $0)] } ?? [])
            let (customer, _) = try await UpsertCustomer(database: database, clock: clock)(
                shop: shop.id, CustomerInput(identities: identities, name: name, locale: locale))
            customers.append(customer)
        case .order(let number, let stage, let totalMinor, let currency):
            if customers.isEmpty { try await add(.customer()) }
            guard let customer = customers.last else { return }
            let email = customer.identities.first { $0.kind == .email }?.value
            let event = OrderEvent(
                source: "test", eventID: nil, externalOrderID: "test:\(number)", number: number, stage: stage, occurredAt: clock.now(),
                customer: OrderCustomer(email: email, locale: customer.locale), currency: currency, totalMinor: totalMinor,
                items: [OrderItem(sku: nil, name: "Kubek", quantity: 1, unitPriceMinor: totalMinor)], shipment: nil)
            switch try await IngestOrderEvent(database: database, clock: clock)(shop: shop.id, event) {
            case .created(let order), .advanced(let order, _), .unchanged(let order): orders.append(order)
            case .replayed: break
            }
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport

@testable import ParleyServices

/// What the marketing tests share: a shop whose sending goes to the demo outbox, the preference
/// centre its emails link to, and a way to read what went out.
struct MarketingShop {
    let world: World
    let send: SendMessage
    let outbox: DemoOutbox
    let preferences: PreferenceCentre

    init(_ database: ParleyDatabase) async throws {
        // 2026-11-18 12:06 in Warsaw: daytime, so quiet hours keep out of the way.
        world = try await World.given(database)
        outbox = DemoOutbox(database: database, clock: world.clock)
        send = SendMessage(
            database: database, clock: world.clock, transports: AgentInboxTests.OutboxTransports(outbox: outbox),
            fallbackDomain: "acme.example")
        preferences = PreferenceCentre(database: database, clock: world.clock, publicURL: "https://help.acme.test")
    }

    /// Zofia Nowak, by `email`, in `locale`, with marketing email allowed at the checkout when `consent`.
    func customer(_ email: String, locale: String, consent: Bool = true) async throws -> Customer {
        try await UpsertCustomer(database: world.database, clock: world.clock)(
            shop: world.shop.id,
            CustomerInput(
                identities: [.init(kind: .email, value: email)], name: "Zofia Nowak", locale: locale,
                consents: consent ? [.init(channel: .email, status: .granted, source: "checkout")] : [])
        ).customer
    }

    /// Runs the due jobs of `handler`, then the sending.
    func runDue(_ handler: any JobHandler) async throws {
        _ = try await NotifyOrderStageTests.runJobs(handler.kind, world: world, handler: handler)
        _ = try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send)
    }

    func sent() async throws -> [OutboxEntry] {
        try await outbox.list(shop: world.shop.id, cursor: nil, limit: 50).items
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Moves a flow's run on when its time comes (job `flow.run`, one per run and due moment): with
/// the facts as they are then (the newest snapshot of a checkout, the customer's orders), the
/// run sends, waits again, or ends, as `FlowPolicy` decides.
///
/// No message is built for a customer without marketing consent on email. The one built is
/// marketing, so the contact-pressure budget decides when it goes, and it is given up if that is
/// after the run's expiry. A repeated or late job finds its run ended and does nothing.
public struct RunFlow: JobHandler {
    public static let kind = "flow.run"
    public var kind: String { Self.kind }

    private let writer: MarketingWriter

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, preferences: PreferenceCentre) {
        writer = MarketingWriter(database: database, clock: clock, catalogs: catalogs, preferences: preferences)
    }

    static func enqueue(_ run: FlowRepository.Run, shop: ShopID, at: Date, on sql: DatabaseSession, now: Date) async throws {
        _ = try await JobQueue.enqueue(
            NewJob(
                shop: shop, kind: kind, payload: String(run.id), runAt: at,
                idempotencyKey: "flow:\(run.id):\(Int(at.timeIntervalSince1970))"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let shopID = job.shop
        guard let runID = Int64(job.payload) else { throw PermanentJobFailure("not a flow run: \(job.payload)") }
        let now = writer.clock.now()
        try await writer.database.transaction { sql in
            let flows = FlowRepository(sql)
            guard let run = try await flows.find(shop: shopID, id: runID), run.status == "waiting",
                let shop = try await ShopRepository(sql).find(id: shopID),
                let settings = try await flows.settings(shop: shopID).first(where: { $0.recipe == run.recipe })
            else { return }
            guard settings.enabled else {
                _ = try await flows.finish(shop: shopID, id: runID, status: "switched_off", now: now)
                return
            }
            let letter = try await FlowLetter.gather(run, settings: settings, shop: shopID, on: sql)
            let wait = FlowTriggers.wait(settings, key: run.triggerKey)
            switch FlowPolicy.decide(run.recipe, facts: letter.facts, wait: wait, now: now) {
            case .later(let due):
                try await Self.enqueue(run, shop: shopID, at: due, on: sql, now: now)
            case .exit(let why):
                _ = try await flows.finish(shop: shopID, id: runID, status: why.rawValue, now: now)
            case .send:
                let due = letter.facts.changed + wait
                try await send(
                    run, letter, shop: shop, segmentID: settings.segmentID, expires: run.recipe.expiry(began: letter.facts.began, due: due),
                    on: sql, now: now)
            }
        }
    }

    /// Builds the message and queues it, unless the customer cannot get marketing email.
    private func send(
        _ run: FlowRepository.Run, _ letter: FlowLetter, shop: Shop, segmentID: Int64?, expires: Date, on sql: DatabaseSession, now: Date
    ) async throws {
        let flows = FlowRepository(sql)
        // A segment deleted since is no one: the marketer meant to keep the flow to some customers.
        if let segmentID,
            try await !SegmentRepository(sql).contains(
                shop: shop.id, segmentID: segmentID, customerID: run.customerID, defaultLocale: shop.defaultLocale, now: now)
        {
            _ = try await flows.finish(shop: shop.id, id: run.id, status: "not_in_segment", now: now)
            return
        }
        let customer = try await CustomerRepository(sql).find(shop: shop.id, id: run.customerID)
        guard let customer, MarketingMail.refusal(for: customer) == nil else {
            let why = customer.flatMap(MarketingMail.refusal(for:)) ?? .unreachable
            _ = try await flows.finish(shop: shop.id, id: run.id, status: why.rawValue, now: now)
            return
        }
        let (language, entries) = try writer.catalogs.catalog(for: customer.locale, shopDefault: shop.defaultLocale)
        let context = try await writer.context(shop: shop, on: sql, now: now)
        let mail = MarketingMail(shop: shop, customer: customer, language: language, entries: entries, context: context)
        guard
            let stored = try await mail.queue(
                run.recipe.topic, try letter.letter(mail), dedupeKey: "flow:\(run.id)", expires: expires, on: sql, now: now)
        else { return }
        _ = try await flows.finish(shop: shop.id, id: run.id, status: "sent", messageID: stored.id, now: now)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Turns a scheduled campaign's audience into messages (job `campaign.send`), a batch of members
/// per job so that no transaction holds a 100,000-customer shop: each member with marketing consent
/// on email gets the campaign in their language, queued for the contact-pressure budget (which may
/// hold it past the campaign's moment, up to its lifetime); each member's outcome is noted once, so
/// a repeated batch queues nobody twice. The segment is judged as each batch runs.
public struct SendCampaign: JobHandler {
    public static let kind = "campaign.send"
    public var kind: String { Self.kind }

    /// Members one job turns into messages.
    public static let batch = 500

    private let writer: MarketingWriter

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, preferences: PreferenceCentre) {
        writer = MarketingWriter(database: database, clock: clock, catalogs: catalogs, preferences: preferences)
    }

    /// The job for the batch after the customer id `after` (the first when nil), at `at`.
    static func enqueue(_ campaign: Campaign, shop: ShopID, after: Int64?, at: Date, on sql: DatabaseSession, now: Date) async throws {
        let cursor = after.map(String.init) ?? "start"
        _ = try await JobQueue.enqueue(
            NewJob(
                shop: shop, kind: kind, payload: "\(campaign.id):\(after ?? 0)", runAt: at,
                idempotencyKey: "campaign:\(campaign.id):\(cursor):\(Int(at.timeIntervalSince1970))"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let parts = job.payload.split(separator: ":").compactMap { Int64($0) }
        guard parts.count == 2 else { throw PermanentJobFailure("not a campaign batch: \(job.payload)") }
        let (campaignID, after) = (parts[0], parts[1] == 0 ? nil : parts[1])
        let now = writer.clock.now()
        try await writer.database.transaction { sql in
            let campaigns = CampaignRepository(sql)
            guard var campaign = try await campaigns.find(shop: job.shop, id: campaignID),
                let shop = try await ShopRepository(sql).find(id: job.shop)
            else { return }
            switch campaign.status {
            case .scheduled:
                // A job for an earlier moment of a campaign since moved to later is not its time.
                guard let at = campaign.scheduledAt, at <= now, after == nil else { return }
                guard try await campaigns.move(shop: shop.id, id: campaign.id, from: .scheduled, to: .sending, now: now) else { return }
                campaign.status = .sending
            case .sending:
                break
            case .draft, .sent, .cancelled:
                return
            }
            guard let segmentID = campaign.segmentID, let segment = try await SegmentRepository(sql).find(shop: shop.id, id: segmentID)
            else {
                _ = try await campaigns.move(shop: shop.id, id: campaign.id, from: .sending, to: .sent, finishedAt: now, now: now)
                return
            }
            let members = try await SegmentRepository(sql).members(
                shop: shop.id, rule: segment.rule, defaultLocale: shop.defaultLocale, now: now, after: after, limit: Self.batch)
            let context = try await writer.context(shop: shop, on: sql, now: now)
            for member in members {
                try await send(campaign, to: member.id, shop: shop, context: context, on: sql, now: now)
            }
            if members.count == Self.batch, let last = members.last {
                try await Self.enqueue(campaign, shop: shop.id, after: last.id, at: now, on: sql, now: now)
            } else {
                _ = try await campaigns.move(shop: shop.id, id: campaign.id, from: .sending, to: .sent, finishedAt: now, now: now)
            }
        }
    }

    private func send(
        _ campaign: Campaign, to customerID: Int64, shop: Shop, context: MarketingMail.Context, on sql: DatabaseSession, now: Date
    ) async throws {
        let campaigns = CampaignRepository(sql)
        guard let customer = try await CustomerRepository(sql).find(shop: shop.id, id: customerID) else { return }
        if let refusal = MarketingMail.refusal(for: customer) {
            let outcome: CampaignRepository.Outcome = refusal == .noConsent ? .noConsent : .unreachable
            _ = try await campaigns.record(
                shop: shop.id, campaignID: campaign.id, customerID: customerID, outcome: outcome, messageID: nil, now: now)
            return
        }
        guard let (language, content) = campaign.content(for: customer.locale, shopDefault: shop.defaultLocale) else { return }
        let (_, entries) = try writer.catalogs.catalog(for: language, shopDefault: shop.defaultLocale)
        let mail = MarketingMail(shop: shop, customer: customer, language: language, entries: entries, context: context)
        let stored = try await mail.queue(
            "marketing.campaign", try mail.letter(subject: content.subject, body: content.body, values: mail.values()),
            dedupeKey: "campaign:\(campaign.id):\(customerID)",
            expires: (campaign.scheduledAt ?? now) + Campaign.lifetime, on: sql, now: now)
        _ = try await campaigns.record(
            shop: shop.id, campaignID: campaign.id, customerID: customerID, outcome: .queued, messageID: stored?.id, now: now)
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about campaigns: the campaigns themselves, and what became of each member.
public struct CampaignRepository: Sendable {
    /// What became of a member: queued, or why not.
    public enum Outcome: String, Sendable, CaseIterable {
        case queued
        case noConsent = "no_consent"
        case unreachable
    }

    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, publicID: String, name: String, segmentID: Int64?, contents: [String: Campaign.Content], now: Date)
        async throws -> Campaign
    {
        try await sql.raw(
            """
            INSERT INTO campaigns (shop_id, public_id, name, segment_id, contents, status, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: name), \(bind: segmentID), \(bind: try Self.json(contents)),
                    'draft', \(bind: now), \(bind: now))
            """
        ).run()
        guard let campaign = try await find(shop: shop, publicID: publicID) else { throw StoreError.missingRow("campaign") }
        return campaign
    }

    /// Saves the name, audience, text, status and moments as `campaign` holds them.
    public func update(shop: ShopID, _ campaign: Campaign, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE campaigns SET name = \(bind: campaign.name), segment_id = \(bind: campaign.segmentID),
                contents = \(bind: try Self.json(campaign.contents)), status = \(bind: campaign.status.rawValue),
                scheduled_at = \(bind: campaign.scheduledAt), finished_at = \(bind: campaign.finishedAt), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: campaign.id)
            """
        ).run()
    }

    /// Moves the campaign from `from` to `to`; false when it was no longer in `from` (another worker, or a cancel, came first).
    public func move(shop: ShopID, id: Int64, from: Campaign.Status, to: Campaign.Status, finishedAt: Date? = nil, now: Date)
        async throws -> Bool
    {
        try await sql.raw(
            """
            UPDATE campaigns SET status = \(bind: to.rawValue), finished_at = COALESCE(\(bind: finishedAt), finished_at),
                updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status = \(bind: from.rawValue)
            RETURNING id
            """
        ).first() != nil
    }

    public func delete(shop: ShopID, id: Int64) async throws {
        try await sql.raw("DELETE FROM campaign_sends WHERE shop_id = \(bind: shop.rawValue) AND campaign_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM campaigns WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").run()
    }

    public func find(shop: ShopID, publicID: String) async throws -> Campaign? {
        try await sql.raw("SELECT * FROM campaigns WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.campaign)
    }

    public func find(shop: ShopID, id: Int64) async throws -> Campaign? {
        try await sql.raw("SELECT * FROM campaigns WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.campaign)
    }

    /// The shop's campaigns, newest first.
    public func list(shop: ShopID) async throws -> [Campaign] {
        try await sql.raw("SELECT * FROM campaigns WHERE shop_id = \(bind: shop.rawValue) ORDER BY id DESC").all().map(Self.campaign)
    }

    /// Campaigns waiting for, or sending to, the segment `segmentID`.
    public func pending(shop: ShopID, segmentID: Int64) async throws -> [Campaign] {
        try await sql.raw(
            """
            SELECT * FROM campaigns WHERE shop_id = \(bind: shop.rawValue) AND segment_id = \(bind: segmentID)
                AND status IN ('scheduled', 'sending')
            """
        ).all().map(Self.campaign)
    }

    /// Notes what became of `customerID`; false when a repeated batch had noted them before.
    public func record(shop: ShopID, campaignID: Int64, customerID: Int64, outcome: Outcome, messageID: Int64?, now: Date) async throws
        -> Bool
    {
        try await sql.raw(
            """
            INSERT INTO campaign_sends (shop_id, campaign_id, customer_id, outcome, message_id, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: campaignID), \(bind: customerID), \(bind: outcome.rawValue), \(bind: messageID),
                    \(bind: now))
            ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    /// Members by outcome: queued, no_consent, unreachable.
    public func outcomes(shop: ShopID, campaignID: Int64) async throws -> [String: Int] {
        var outcomes: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT outcome, COUNT(*) AS n FROM campaign_sends WHERE shop_id = \(bind: shop.rawValue) AND campaign_id = \(bind: campaignID)
            GROUP BY outcome
            """
        ).all() {
            outcomes[try row.value("outcome")] = Int(try row.value("n", as: Int64.self))
        }
        return outcomes
    }

    static func json(_ contents: [String: Campaign.Content]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(contents), as: UTF8.self)
    }

    private static func campaign(_ row: any SQLRow) throws -> Campaign {
        let text: String = try row.value("contents")
        let contents: [String: Campaign.Content]
        do {
            contents = try JSONDecoder().decode([String: Campaign.Content].self, from: Data(text.utf8))
        } catch {
            throw StoreError.undecodable(column: "contents", underlying: "\(error)")
        }
        guard let status = Campaign.Status(rawValue: try row.value("status")) else {
            throw StoreError.undecodable(column: "status", underlying: "unknown campaign status")
        }
        return Campaign(
            id: try row.value("id"), publicID: try row.value("public_id"), name: try row.value("name"),
            segmentID: try row.value("segment_id"), contents: contents, status: status, scheduledAt: try row.value("scheduled_at"),
            finishedAt: try row.value("finished_at"), createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// A shop's campaigns: written per language for a segment, scheduled, cancelled, and what became
/// of their members.
public struct ManageCampaigns: Sendable {
    /// A campaign with its audience's name and what became of its members so far.
    public struct Detail: Sendable, Equatable {
        public let campaign: Campaign
        public let segment: SegmentRepository.Segment?
        /// Members by outcome: queued, no_consent, unreachable.
        public let outcomes: [String: Int]
        /// The queued members' messages by status now, and the orders and unsubscribes after them.
        public let results: MarketingResults
    }

    /// What a marketer writes; nil leaves a field as it is.
    public struct Draft: Sendable, Equatable {
        public var name: String?
        /// The segment's public id; "" takes the audience away.
        public var segment: String?
        public var contents: [String: Campaign.Content]?

        public init(name: String? = nil, segment: String? = nil, contents: [String: Campaign.Content]? = nil) {
            self.name = name
            self.segment = segment
            self.contents = contents
        }
    }

    /// The longest text a campaign's language may have.
    public static let bodyLimit = 20_000

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID) async throws -> [Detail] {
        try await database.read { sql in
            var details: [Detail] = []
            for campaign in try await CampaignRepository(sql).list(shop: shop) {
                details.append(try await Self.detail(campaign, shop: shop, on: sql))
            }
            return details
        }
    }

    public func detail(shop: ShopID, id publicID: String) async throws -> Detail {
        try await database.read { sql in try await Self.detail(try await Self.find(publicID, shop: shop, on: sql), shop: shop, on: sql) }
    }

    public func create(shop: ShopID, _ draft: Draft, by actor: AuditActor) async throws -> Detail {
        let now = clock.now()
        let publicID = OpaqueToken.make(prefix: "cmp_")
        let name = try Self.checked(name: draft.name ?? "")
        let contents = try Self.checked(contents: draft.contents ?? [:])
        return try await database.transaction { sql in
            let segmentID = try await Self.segmentID(draft.segment, shop: shop, on: sql)
            let campaign = try await CampaignRepository(sql).insert(
                shop: shop, publicID: publicID, name: name, segmentID: segmentID, contents: contents, now: now)
            try await AuditLog.append(shop: shop, actor, "campaign.created", target: publicID, detail: ["name": name], on: sql, at: now)
            return try await Self.detail(campaign, shop: shop, on: sql)
        }
    }

    /// Changes a draft's or a scheduled campaign's name, audience or text. Audited.
    public func update(shop: ShopID, id publicID: String, _ draft: Draft, by actor: AuditActor) async throws -> Detail {
        let now = clock.now()
        let name = try draft.name.map(Self.checked(name:))
        let contents = try draft.contents.map(Self.checked(contents:))
        return try await database.transaction { sql in
            var campaign = try await Self.find(publicID, shop: shop, on: sql)
            guard campaign.status == .draft || campaign.status == .scheduled else {
                throw CampaignError.notEditable(publicID, campaign.status)
            }
            if let name { campaign.name = name }
            if let contents { campaign.contents = contents }
            if draft.segment != nil { campaign.segmentID = try await Self.segmentID(draft.segment, shop: shop, on: sql) }
            if campaign.status == .scheduled { try Self.ready(campaign) }
            try await CampaignRepository(sql).update(shop: shop, campaign, now: now)
            try await AuditLog.append(
                shop: shop, actor, "campaign.changed", target: publicID, detail: ["name": campaign.name], on: sql, at: now)
            return try await Self.detail(campaign, shop: shop, on: sql)
        }
    }

    /// Schedules the campaign for `at` (now when nil, or when `at` has passed); a scheduled one moves. Audited.
    public func schedule(shop: ShopID, id publicID: String, at: Date?, by actor: AuditActor) async throws -> Detail {
        let now = clock.now()
        if let at, at > now + 365 * 86400 { throw InvalidInput(field: "at", reason: "is more than a year ahead") }
        let moment = max(at ?? now, now)
        return try await database.transaction { sql in
            var campaign = try await Self.find(publicID, shop: shop, on: sql)
            guard campaign.status == .draft || campaign.status == .scheduled else {
                throw CampaignError.notEditable(publicID, campaign.status)
            }
            try Self.ready(campaign)
            campaign.status = .scheduled
            campaign.scheduledAt = moment
            try await CampaignRepository(sql).update(shop: shop, campaign, now: now)
            try await SendCampaign.enqueue(campaign, shop: shop, after: nil, at: moment, on: sql, now: now)
            try await AuditLog.append(
                shop: shop, actor, "campaign.scheduled", target: publicID,
                detail: ["at": moment.formatted(.iso8601), "name": campaign.name], on: sql, at: now)
            return try await Self.detail(campaign, shop: shop, on: sql)
        }
    }

    /// Stops a campaign that has not finished: nobody more is queued (those queued already stay). Audited.
    public func cancel(shop: ShopID, id publicID: String, by actor: AuditActor) async throws -> Detail {
        let now = clock.now()
        return try await database.transaction { sql in
            var campaign = try await Self.find(publicID, shop: shop, on: sql)
            guard [.draft, .scheduled, .sending].contains(campaign.status) else {
                throw CampaignError.notEditable(publicID, campaign.status)
            }
            guard try await CampaignRepository(sql).move(shop: shop, id: campaign.id, from: campaign.status, to: .cancelled, now: now)
            else {
                throw CampaignError.notEditable(publicID, campaign.status)
            }
            campaign.status = .cancelled
            try await AuditLog.append(
                shop: shop, actor, "campaign.cancelled", target: publicID, detail: ["name": campaign.name], on: sql, at: now)
            return try await Self.detail(campaign, shop: shop, on: sql)
        }
    }

    /// Deletes a campaign that is not sending. Audited.
    public func delete(shop: ShopID, id publicID: String, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let campaign = try await Self.find(publicID, shop: shop, on: sql)
            guard campaign.status != .sending else { throw CampaignError.notEditable(publicID, campaign.status) }
            try await CampaignRepository(sql).delete(shop: shop, id: campaign.id)
            try await AuditLog.append(
                shop: shop, actor, "campaign.deleted", target: publicID, detail: ["name": campaign.name], on: sql, at: now)
        }
    }

    static func find(_ publicID: String, shop: ShopID, on sql: DatabaseSession) async throws -> Campaign {
        guard let campaign = try await CampaignRepository(sql).find(shop: shop, publicID: publicID) else {
            throw CampaignError.campaignNotFound(publicID)
        }
        return campaign
    }

    static func detail(_ campaign: Campaign, shop: ShopID, on sql: DatabaseSession) async throws -> Detail {
        var segment: SegmentRepository.Segment?
        if let id = campaign.segmentID { segment = try await SegmentRepository(sql).find(shop: shop, id: id) }
        return Detail(
            campaign: campaign, segment: segment, outcomes: try await CampaignRepository(sql).outcomes(shop: shop, campaignID: campaign.id),
            results: try await MarketingResultsRepository(sql).results(shop: shop, of: .campaign(campaign.id)))
    }

    private static func segmentID(_ publicID: String?, shop: ShopID, on sql: DatabaseSession) async throws -> Int64? {
        guard let publicID, !publicID.isEmpty else { return nil }
        guard let segment = try await SegmentRepository(sql).find(shop: shop, publicID: publicID) else {
            throw InvalidInput(field: "segment", reason: "names no segment of this shop: \(publicID)")
        }
        return segment.id
    }

    /// A campaign may go once it has an audience and a text.
    private static func ready(_ campaign: Campaign) throws {
        guard campaign.segmentID != nil else { throw CampaignError.incomplete("choose the segment the campaign goes to") }
        guard !campaign.contents.isEmpty else { throw CampaignError.incomplete("write the campaign's subject and text") }
    }

    static func checked(name: String) throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw InvalidInput(field: "name", reason: "is empty; name the campaign, such as Spring coffee") }
        try Validation.text(name, field: "name", limit: 100)
        return name
    }

    /// The texts, each language's subject and body present and rendering as a template.
    static func checked(contents: [String: Campaign.Content]) throws -> [String: Campaign.Content] {
        var checked: [String: Campaign.Content] = [:]
        for (language, content) in contents {
            let field = "contents.\(language)"
            try Validation.locale(language, field: "contents")
            let subject = content.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            let body = content.body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !subject.isEmpty else { throw InvalidInput(field: "\(field).subject", reason: "is empty") }
            guard !body.isEmpty else { throw InvalidInput(field: "\(field).body", reason: "is empty") }
            try Validation.text(subject, field: "\(field).subject", limit: 200)
            try Validation.text(body, field: "\(field).body", limit: bodyLimit, multiline: true)
            for (part, text) in [("subject", subject), ("body", body)] {
                do {
                    _ = try MessageCatalogs.text(text)
                } catch {
                    throw InvalidInput(field: "\(field).\(part)", reason: "is not a template: \(error); use {{name}} and {{shop}}")
                }
            }
            checked[language.lowercased()] = Campaign.Content(subject: subject, body: body)
        }
        return checked
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/api/v1/campaigns`: one-off emails to a segment, written per language, scheduled or cancelled,
/// with what became of their members; `/api/v1/campaigns.csv` their results for a spreadsheet.
struct CampaignRoutes {
    let campaigns: ManageCampaigns

    struct Resource: Encodable {
        struct SegmentReference: Encodable {
            let id: String
            let name: String
        }

        let id: String
        let name: String
        let segment: SegmentReference?
        let contents: [String: Campaign.Content]
        let status: String
        let scheduledAt: Date?
        let finishedAt: Date?
        /// Members by outcome: queued, no_consent, unreachable.
        let members: [String: Int]
        /// The queued members' messages by status, and the orders and unsubscribes after them.
        let results: MarketingResultsResource
        let createdAt: Date
        let updatedAt: Date

        enum CodingKeys: CodingKey {
            case id, name, segment, contents, status, scheduledAt, finishedAt, members, results, createdAt, updatedAt
        }

        init(_ detail: ManageCampaigns.Detail) {
            id = detail.campaign.publicID
            name = detail.campaign.name
            segment = detail.segment.map { SegmentReference(id: $0.publicID, name: $0.name) }
            contents = detail.campaign.contents
            status = detail.campaign.status.rawValue
            scheduledAt = detail.campaign.scheduledAt
            finishedAt = detail.campaign.finishedAt
            members = detail.outcomes
            results = MarketingResultsResource(detail.results)
            createdAt = detail.campaign.createdAt
            updatedAt = detail.campaign.updatedAt
        }

        // The contract names every field, null when empty: a synthesized encoding would leave nils out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(segment, forKey: .segment)
            try container.encode(contents, forKey: .contents)
            try container.encode(status, forKey: .status)
            try container.encode(scheduledAt, forKey: .scheduledAt)
            try container.encode(finishedAt, forKey: .finishedAt)
            try container.encode(members, forKey: .members)
            try container.encode(results, forKey: .results)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
        }
    }

    struct Request: Decodable {
        let name: String?
        let segment: String?
        let contents: [String: Campaign.Content]?

        var draft: ManageCampaigns.Draft { .init(name: name, segment: segment, contents: contents) }
    }

    struct Schedule: Decodable {
        let at: Date?
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("campaigns") { _, context in
            try APIJSON.response(ListResource(data: try await campaigns.list(shop: context.shop).map(Resource.init), nextCursor: nil))
        }
        group.get("campaigns.csv") { _, context in
            CSVResponse.make(
                MarketingResultsCSV.csv(flows: [], campaigns: try await campaigns.list(shop: context.shop)), filename: "campaigns.csv")
        }
        group.post("campaigns") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let created = try await campaigns.create(shop: context.shop, body.draft, by: context.actor)
            return try APIJSON.response(
                Resource(created), status: .created, headers: [.location: "/api/v1/campaigns/\(created.campaign.publicID)"])
        }
        group.get("campaigns/:id") { _, context in
            try APIJSON.response(Resource(try await campaigns.detail(shop: context.shop, id: try context.parameters.require("id"))))
        }
        group.patch("campaigns/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let updated = try await campaigns.update(
                shop: context.shop, id: try context.parameters.require("id"), body.draft, by: context.actor)
            return try APIJSON.response(Resource(updated))
        }
        group.delete("campaigns/:id") { _, context in
            try await campaigns.delete(shop: context.shop, id: try context.parameters.require("id"), by: context.actor)
            return Response(status: .noContent)
        }
        group.post("campaigns/:id/schedule") { request, context in
            var request = request
            // No body is "now", as `{}` is.
            let empty = try await request.collectBody(upTo: context.maxUploadSize).readableBytes == 0
            let at = empty ? nil : try await request.decodeJSON(Schedule.self, context: context, dates: .iso8601).at
            let scheduled = try await campaigns.schedule(
                shop: context.shop, id: try context.parameters.require("id"), at: at, by: context.actor)
            return try APIJSON.response(Resource(scheduled))
        }
        group.post("campaigns/:id/cancel") { _, context in
            try APIJSON.response(
                Resource(try await campaigns.cancel(shop: context.shop, id: try context.parameters.require("id"), by: context.actor)))
        }
    }
}

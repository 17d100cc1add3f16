import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/api/v1/segments`: saved audiences, each with how many customers meet it now and a few of them.
struct SegmentRoutes {
    let segments: ManageSegments

    struct Resource: Encodable {
        let id: String
        let name: String
        let match: String
        let conditions: [SegmentCondition]
        let count: Int
        let sample: [MemberResource]?
        let createdAt: Date
        let updatedAt: Date

        init(_ segment: SegmentRepository.Segment, count: Int, sample: [SegmentRepository.Member]?) {
            id = segment.publicID
            name = segment.name
            match = segment.rule.match.rawValue
            conditions = segment.rule.conditions
            self.count = count
            self.sample = sample?.map(MemberResource.init)
            createdAt = segment.createdAt
            updatedAt = segment.updatedAt
        }
    }

    struct MemberResource: Encodable {
        let id: String
        let name: String?
        let locale: String?

        init(_ member: SegmentRepository.Member) {
            id = member.publicID
            name = member.name
            locale = member.locale
        }
    }

    struct Request: Decodable {
        let name: String?
        let match: SegmentRule.Match?
        let conditions: [SegmentCondition]?
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("segments") { _, context in
            let list = try await segments.list(shop: context.shop)
            return try APIJSON.response(
                ListResource(data: list.map { Resource($0.segment, count: $0.count, sample: nil) }, nextCursor: nil))
        }
        group.post("segments") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let created = try await segments.create(
                shop: context.shop, name: body.name ?? "", rule: SegmentRule(match: body.match ?? .all, conditions: body.conditions ?? []),
                by: context.actor)
            return try APIJSON.response(
                Self.resource(created), status: .created, headers: [.location: "/api/v1/segments/\(created.segment.publicID)"])
        }
        group.get("segments/:id") { _, context in
            try APIJSON.response(Self.resource(try await segments.preview(shop: context.shop, id: try context.parameters.require("id"))))
        }
        group.patch("segments/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let updated = try await segments.update(
                shop: context.shop, id: try context.parameters.require("id"), name: body.name, match: body.match,
                conditions: body.conditions, by: context.actor)
            return try APIJSON.response(Self.resource(updated))
        }
        group.delete("segments/:id") { _, context in
            try await segments.delete(shop: context.shop, id: try context.parameters.require("id"), by: context.actor)
            return Response(status: .noContent)
        }
        group.get("segments/:id/members") { request, context in
            let page = try await segments.members(
                shop: context.shop, id: try context.parameters.require("id"),
                cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(MemberResource.init), nextCursor: page.nextCursor))
        }
    }

    static func resource(_ preview: ManageSegments.Preview) -> Resource {
        Resource(preview.segment, count: preview.count, sample: preview.sample)
    }
}

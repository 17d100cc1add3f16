import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/api/v1/campaigns` as a developer uses it: a draft written in two languages for a segment,
/// refused until it has both, scheduled, moved, cancelled; a bad template named by its field.
@Suite("Campaigns API")
struct CampaignAPITests {
    @Test(
        "a campaign is written, scheduled with or without a moment, and cancelled; refusals say what is missing",
        arguments: TestDatabase.available)
    func lifecycle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let segment = try await client.execute(
                uri: "/api/v1/segments", method: .post, headers: .bearer(key),
                body: .init(json: #"{"name":"Subscribers","conditions":[{"fact":"consent","channel":"email"}]}"#)
            ) { $0.json["id"] as? String }
            let draft =
                #"{"name":"Ethiopia","contents":{"pl":{"subject":"{{shop}}: nowa kawa","body":"Dzień dobry{{#name}} {{name}}{{/name}}!"},"en":{"subject":"{{shop}}: new coffee","body":"Hello!"}}}"#
            let id = try await client.execute(uri: "/api/v1/campaigns", method: .post, headers: .bearer(key), body: .init(json: draft)) {
                response -> String? in
                #expect(response.status == .created && response.json["status"] as? String == "draft" && response.json["segment"] is NSNull)
                return response.json["id"] as? String
            }
            let campaign = try #require(id)
            try await client.execute(uri: "/api/v1/campaigns/\(campaign)/schedule", method: .post, headers: .bearer(key)) { response in
                #expect(response.status == .conflict && (response.json["detail"] as? String)?.contains("segment") == true)
            }
            try await client.execute(
                uri: "/api/v1/campaigns/\(campaign)", method: .patch, headers: .bearer(key),
                body: .init(json: #"{"segment":"\#(segment!)"}"#)
            ) { #expect(($0.json["segment"] as? [String: Any])?["name"] as? String == "Subscribers") }
            let tomorrow = (world.clock.now() + 86400).formatted(.iso8601)
            try await client.execute(
                uri: "/api/v1/campaigns/\(campaign)/schedule", method: .post, headers: .bearer(key),
                body: .init(json: #"{"at":"\#(tomorrow)"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "scheduled")
                #expect(response.json["scheduled_at"] as? String == tomorrow)
            }
            try await client.execute(
                uri: "/api/v1/campaigns/\(campaign)", method: .patch, headers: .bearer(key),
                body: .init(json: #"{"contents":{"pl":{"subject":"{{#shop}}","body":"x"}}}"#)
            ) { response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "contents.pl.subject")
            }
            try await client.execute(uri: "/api/v1/campaigns/\(campaign)/cancel", method: .post, headers: .bearer(key)) {
                #expect($0.json["status"] as? String == "cancelled")
            }
            try await client.execute(
                uri: "/api/v1/campaigns/\(campaign)", method: .patch, headers: .bearer(key), body: .init(json: #"{"name":"Again"}"#)
            ) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/campaigns", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.first?["name"] as? String == "Ethiopia")
            }
            try await client.execute(uri: "/api/v1/campaigns/\(campaign)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .noContent)
            }
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/app/campaigns` as a marketer uses it: a campaign written in Polish for a segment, previewed as
/// a customer gets it, scheduled, then sent now; a broken template refused as typed.
@Suite("Campaigns page")
struct CampaignPageTests {
    @Test(
        "a marketer writes a campaign, sees the Polish preview with the footer, schedules it, and a broken template is refused as typed",
        arguments: TestDatabase.available)
    func write(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "mark@acme.test", role: .marketer), .agent(email: "agent@acme.test")) { client, world, _ in
            let segment = try await ManageSegments(database: world.database, clock: world.clock).create(
                shop: world.shop.id, name: "Subscribers", rule: SegmentRule(conditions: [SegmentCondition(.consent, channel: .email)]),
                by: .system)
            let marketer = try await AgentAppTests.session(client, email: "mark@acme.test")
            func post(_ path: String, _ body: String) async throws -> (HTTPResponse.Status, String, String?) {
                try await client.execute(
                    uri: path, method: .post, headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "csrf_token=\(marketer.csrf)&" + body)
                ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
            }
            let text =
                "name=Etiopia&segment=\(segment.segment.publicID)&subject_pl=%7B%7Bshop%7D%7D%3A+nowa+kawa"
                + "&body_pl=Dzie%C5%84+dobry%7B%7B%23name%7D%7D+%7B%7Bname%7D%7D%7B%7B%2Fname%7D%7D%2C%0D%0Amamy+now%C4%85+kaw%C4%99.&subject_en=&body_en="
            let (status, _, location) = try await post("/app/campaigns", text)
            #expect(status == .seeOther)
            let path = try #require(location?.split(separator: "?").first.map(String.init))
            let (_, page) = try await AgentAppTests.page(client, path, cookie: marketer.cookie)
            #expect(page.contains("Acme: nowa kawa") && page.contains("Dzień dobry Zofia,"), "the preview greets a Polish sample customer")
            #expect(page.contains("/unsubscribe"), "the preview shows the footer")
            let campaigns = ManageCampaigns(database: world.database, clock: world.clock)
            #expect(
                try await campaigns.list(shop: world.shop.id).first?.campaign.contents.keys.sorted() == ["pl"],
                "blank languages are not written")

            let broken = try await post(path, text.replacingOccurrences(of: "nowa+kawa", with: "%7B%7B%23oops%7D%7D"))
            #expect(broken.0 == .unprocessableContent && broken.1.contains("{{#oops}}") && broken.1.contains("role=\"alert\""))

            let (scheduled, _, _) = try await post(path + "/schedule", "when=at&at=2026-11-19T09%3A30")
            #expect(scheduled == .seeOther)
            let detail = try #require(try await campaigns.list(shop: world.shop.id).first)
            #expect(detail.campaign.status == .scheduled)
            #expect(detail.campaign.scheduledAt == ISO8601DateFormatter().date(from: "2026-11-19T08:30:00Z"), "09:30 in Warsaw")
            let (_, list) = try await AgentAppTests.page(client, "/app/campaigns", cookie: marketer.cookie)
            #expect(list.contains("Etiopia") && list.contains("Subscribers") && list.contains("Scheduled"))

            // The results as a spreadsheet, for the marketer; not for an agent.
            let (csvStatus, csv) = try await AgentAppTests.page(client, "/app/campaigns.csv", cookie: marketer.cookie)
            #expect(csvStatus == .ok && csv.hasPrefix("kind,id,name,status,queued,sent,"))
            #expect(csv.contains("campaign,\(detail.campaign.publicID),Etiopia,scheduled,0,0,0,0,0,0,0,0,0,0,0,0\r\n"))
            let (flowsStatus, flows) = try await AgentAppTests.page(client, "/app/automation.csv", cookie: marketer.cookie)
            #expect(flowsStatus == .ok && flows.contains("\r\nflow,abandoned_cart,abandoned_cart,off,"))
            let agent = try await AgentAppTests.session(client, email: "agent@acme.test")
            #expect(try await AgentAppTests.page(client, "/app/campaigns.csv", cookie: agent.cookie).0 == .forbidden)
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// A campaign's opens and clicks as a marketer reads them: a person's open and click counted, a
/// privacy proxy's open kept apart, a scanner's click not counted, a forged target refused, and a
/// shop that switched tracking off sends plain links and no pixel.
@Suite("Marketing email opens and clicks")
struct MarketingEngagementTests {
    static let thunderbird = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0"

    /// The signed path parts and the target of a tracked address in an email's HTML.
    struct Tracked {
        let shop: String
        let message: String
        let signature: String
        let target: String?

        init(_ url: String) throws {
            let components = try #require(URLComponents(string: url.replacingOccurrences(of: "&amp;", with: "&")))
            let parts = components.path.split(separator: "/").map(String.init)
            try #require(parts.count == 5 && parts[0] == "e")
            (shop, message, signature) = (parts[2], parts[3], parts[4])
            target = components.queryItems?.first { $0.name == "u" }?.value
        }
    }

    static func addresses(_ html: String, _ pattern: String) -> [String] {
        html.matches(of: try! Regex(pattern)).compactMap { $0.output[1].substring.map(String.init) }
    }

    func campaign(_ shop: CampaignTests.Shop, _ name: String) async throws -> ManageCampaigns.Detail {
        let audience = try await shop.segment([SegmentCondition(.consent, channel: .email)])
        let contents = [
            "en": Campaign.Content(
                subject: "{{shop}}: a new coffee",
                body:
                    "Hello{{#name}} {{name}}{{/name}},\n\nsee the new coffee (https://kubki.example/kawa?from=mail&x=1).\n<b>Fresh</b> & roasted."
            )
        ]
        let created = try await shop.campaigns.create(
            shop: shop.world.shop.id, .init(name: name, segment: audience, contents: contents), by: .system)
        _ = try await shop.campaigns.schedule(shop: shop.world.shop.id, id: created.campaign.publicID, at: nil, by: .system)
        try await shop.runDue()
        return created
    }

    @Test("opens and clicks are counted by who made them; a changed target is refused", arguments: TestDatabase.available)
    func counts(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await CampaignTests.Shop(database)
            try await shop.customer("zofia@example.pl", name: "Zofia Nowak", locale: "en")
            try await shop.customer("john@example.com", name: "John Smith", locale: "en")
            let created = try await campaign(shop, "Coffee")
            let messages = try await MessageRepository.all(shop.world, topic: "marketing.campaign")
            #expect(messages.count == 2 && messages.allSatisfy { $0.status == .sent })
            let zofia = try #require(messages.first { $0.content.recipient == "zofia@example.pl" })
            let john = try #require(messages.first { $0.content.recipient == "john@example.com" })
            let html = try #require(zofia.content.html)
            #expect(html.contains("&lt;b&gt;Fresh&lt;/b&gt; &amp; roasted."), "the marketer's text is text, not markup")
            #expect(zofia.content.text.contains("(https://kubki.example/kawa?from=mail&x=1)."), "the text part keeps the plain address")
            let links = Self.addresses(html, #"<a href="([^"]+/e/c/[^"]+)""#)
            #expect(links.count == 1, "the shop's link is tracked; the footer's preference and unsubscribe links are not")
            #expect(html.contains(">https://kubki.example/kawa?from=mail&amp;x=1</a>)."), "the bracket and the full stop stay outside")
            #expect(html.contains("href=\"https://help.acme.test/p/acme/"), "the preference centre is linked as it is")
            let click = try Tracked(try #require(links.first))
            #expect(click.target == "https://kubki.example/kawa?from=mail&x=1")
            let pixel = try Tracked(try #require(Self.addresses(html, #"<img src="([^"]+/e/o/[^"]+)""#).first))
            let johnHTML = try #require(john.content.html)
            let johnPixel = try Tracked(try #require(Self.addresses(johnHTML, #"<img src="([^"]+/e/o/[^"]+)""#).first))
            let johnLink = try Tracked(try #require(Self.addresses(johnHTML, #"<a href="([^"]+/e/c/[^"]+)""#).first))

            let tracking = EngagementTracking(database: database, clock: shop.world.clock)
            // A security gateway follows John's link two seconds after sending; Apple's proxy fetches his pixel.
            shop.world.clock.advance(by: 2)
            _ = try await tracking.click(
                shopSlug: johnLink.shop, message: johnLink.message, signature: johnLink.signature, target: johnLink.target ?? "",
                userAgent: Self.thunderbird, head: false)
            try await tracking.open(
                shopSlug: johnPixel.shop, message: johnPixel.message, signature: johnPixel.signature, userAgent: "Mozilla/5.0", head: false)
            // Zofia reads it an hour later, twice, and follows the link.
            shop.world.clock.advance(by: 3600)
            for _ in 0..<2 {
                try await tracking.open(
                    shopSlug: pixel.shop, message: pixel.message, signature: pixel.signature, userAgent: Self.thunderbird, head: false)
            }
            let target = try await tracking.click(
                shopSlug: click.shop, message: click.message, signature: click.signature, target: click.target ?? "",
                userAgent: Self.thunderbird, head: false)
            #expect(target == "https://kubki.example/kawa?from=mail&x=1")
            await #expect(throws: EngagementError.linkNotFound) {
                _ = try await tracking.click(
                    shopSlug: click.shop, message: click.message, signature: click.signature, target: "https://evil.example/login",
                    userAgent: Self.thunderbird, head: false)
            }
            await #expect(throws: EngagementError.linkNotFound) {
                _ = try await tracking.click(
                    shopSlug: click.shop, message: john.publicID, signature: click.signature, target: click.target ?? "",
                    userAgent: Self.thunderbird, head: false)
            }

            let results = try await shop.campaigns.detail(shop: shop.world.shop.id, id: created.campaign.publicID).results
            #expect(results.opened == 1, "Zofia's two opens are one email opened")
            #expect(results.openedByMachine == 1, "John's only open was Apple's proxy")
            #expect(results.clicked == 1, "the gateway's click two seconds after sending is not John's")
            #expect(results.links == [MarketingResults.Link(url: "https://kubki.example/kawa?from=mail&x=1", messages: 1)])

            let csv = MarketingResultsCSV.csv(
                flows: [], campaigns: [try await shop.campaigns.detail(shop: shop.world.shop.id, id: created.campaign.publicID)])
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(
                lines.first
                    == "kind,id,name,status,queued,sent,delivered,bounced,failed,unreachable,opened,opened_by_machine_only,clicked,complained,orders,unsubscribed"
            )
            #expect(lines.last == "campaign,\(created.campaign.publicID),Coffee,sent,0,2,0,0,0,0,1,1,1,0,0,0")
        }
    }

    @Test(
        "a spam complaint from a feedback loop counts against the campaign and ends the customer's marketing email",
        arguments: TestDatabase.available)
    func complaint(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await CampaignTests.Shop(database)
            try await shop.customer("zofia@example.pl", name: "Zofia Nowak", locale: "pl")
            let created = try await campaign(shop, "Coffee")
            let message = try #require(try await MessageRepository.all(shop.world, topic: "marketing.campaign").first)
            // Parley's Message-IDs are the message's public id at the sender's domain.
            let messageID = "\(message.publicID)@acme.example"
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../ParleyMailTests/Fixtures/complaints/yahoo-arf.eml")
            let raw = try String(contentsOf: fixture, encoding: .utf8)
                .replacingOccurrences(of: "msg_campaign7.zofia@kubki.example", with: messageID)
            let world = shop.world
            _ = try await ReceiveEmail(database: database, clock: world.clock)(
                shop: world.shop.id,
                NewInboundMail(source: "smtp", envelopeFrom: "", envelopeTo: ["fbl@acme.example"], remoteAddress: nil, raw: Array(raw.utf8))
            )
            let filer = FileIncomingEmail(
                database: database, clock: world.clock, catalogs: try MessageCatalogs(), fallbackDomain: "acme.example",
                events: InboxEvents(bus: LocalEventBus()),
                links: TrackingLinks(database: database, clock: world.clock, publicURL: "https://help.acme.test"))
            _ = try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: world, handler: filer)

            let results = try await shop.campaigns.detail(shop: world.shop.id, id: created.campaign.publicID).results
            #expect(results.complained == 1 && results.opened == 0, "a complaint is no open")
            let zofia = try #require(try await CustomerRepository.find(world, email: "zofia@example.pl"))
            #expect(zofia.consent(.email, for: .marketing) == .revoked)
            #expect(zofia.consents.first { $0.purpose == .marketing && $0.channel == .email }?.source == "spam complaint")
            #expect(try await DatabaseRows.count("conversations", in: database) == 0, "a feedback report is no conversation for agents")
        }
    }

    @Test("a shop that does not count opens and clicks sends plain links and no pixel", arguments: TestDatabase.available)
    func trackingOff(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await CampaignTests.Shop(database)
            _ = try await ShopSettings(database: database, clock: shop.world.clock).update(
                shop: shop.world.shop.id, ["marketing.tracking": "off"])
            try await shop.customer("zofia@example.pl", name: "Zofia Nowak", locale: "en")
            _ = try await campaign(shop, "Coffee")
            let html = try #require(try await MessageRepository.all(shop.world, topic: "marketing.campaign").first?.content.html)
            #expect(html.contains("<a href=\"https://kubki.example/kawa?from=mail&amp;x=1\""))
            #expect(!html.contains("/e/o/") && !html.contains("/e/c/"))
        }
    }

    @Test("the CSV gives revenue in major units, as every spreadsheet reads a number")
    func csvFields() {
        #expect(MarketingResultsCSV.amount(minor: 12_905, code: "PLN") == "129.05")
        #expect(MarketingResultsCSV.amount(minor: -5, code: "EUR") == "-0.05")
        #expect(MarketingResultsCSV.amount(minor: 1500, code: "JPY") == "1500")
    }
}

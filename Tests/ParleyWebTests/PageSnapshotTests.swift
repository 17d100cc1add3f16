import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyStore
import ParleyTestSupport
import SnapshotTesting
import Testing

@testable import ParleyServices

/// Every page as its reader gets it, in each of the five languages, kept in `__Snapshots__`: a change
/// to a template, a view model or a catalog shows up in review as the HTML it produces. Tokens and
/// ids that differ at each run are replaced by `…`. After a deliberate change, delete the language's
/// file and run again to record it (the run that records fails once, so it is never silent).
@Suite("Page snapshots", .snapshots(record: .missing))
struct PageSnapshotTests {
    @Test("the public pages and every screen of the agent app", arguments: ["en", "pl", "el", "ru", "hi"])
    func pages(language: String) async throws {
        // What pages say, not how rows are stored: on SQLite only, so the recorded ids stay put.
        try await withApp(.sqlite, demoOutbox: true) { client, world, key in
            let shop = world.shop.id
            let add = AddAgent(database: world.database, clock: world.clock)
            let (owner, _) = try await add(
                shop: shop, email: "owner@acme.test", name: "Olga", role: .owner, password: "correct horse battery")
            let (marketer, _) = try await add(
                shop: shop, email: "mark@acme.test", name: "Mark", role: .marketer, password: "correct horse battery")
            let (careful, _) = try await add(
                shop: shop, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery")
            try await Self.turnOnTwoStep(careful, world: world)
            for agent in [owner, marketer, careful] {
                try await world.database.withConnection { sql in
                    try await AgentRepository(sql).updateProfile(shop: shop, agentID: agent.id, locale: language, timeZone: "Europe/Warsaw")
                }
            }
            let tracking = try await Self.order(client, key: key, language: language)
            try await RecordSMSCallback(database: world.database, clock: world.clock)(
                shop: shop,
                .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: "Where is my parcel #1042?", providerMessageID: nil)))
            let conversation = try #require(
                try await ReadConversations(database: world.database).list(
                    shop: shop, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 1
                ).items.first)

            let mail = try await Self.email(client, world: world, key: key)

            var dump = ""
            func record(_ name: String, _ uri: String, cookie: String? = nil) async throws {
                var headers: HTTPFields = [.acceptLanguage: language]
                if let cookie { headers[.cookie] = cookie }
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    dump +=
                        "═══ \(name): GET \(Self.normalized(uri)) → \(response.status.code)\n\(Self.normalized(String(buffer: response.body)))\n\n"
                }
            }
            try await record("sign-in", "/app/login")
            try await record("tracking", tracking)
            let article = try await Self.article(client, key: key, language: language)
            try await record("help", "/help/acme?lang=\(language)")
            try await record("help article", "/help/acme/\(article)?lang=\(language)")
            try await record("contact form", "/f/acme?lang=\(language)")
            try await record("widget sample", "/widget-demo/acme?lang=\(language)")
            try await record("address confirmation, a wrong link", "/confirm/acme/claim/signature")
            try await record("address confirmation", try await Self.confirmationLink(client, key: key, world: world))
            let preferences = try await Self.preferences(client, key: key, language: language)
            try await record("preference centre", preferences)
            try await record("unsubscribe", preferences + "/unsubscribe")
            try await record("double opt-in", preferences + "/subscribe")
            try await record("preference centre, a wrong link", "/p/acme/cus_nobody/signature")

            let webhook = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: .bearer(key),
                body: .init(
                    json:
                        #"{"url":"https://crm.acme.example/parley","events":["message.created","order.stage_reached"],"description":"CRM"}"#
                )
            ) { try #require($0.json["id"] as? String) }
            try await client.execute(uri: "/api/v1/webhooks/\(webhook)/test", method: .post, headers: .bearer(key)) { _ in }
            let session = try await AgentAppTests.session(client, email: "owner@acme.test").cookie
            for (name, uri) in [
                ("inbox", "/app/inbox"), ("conversation", "/app/conversations/\(conversation.conversation.publicID)"),
                ("callbacks", "/app/callbacks"), ("mail problems", "/app/mail-problems"), ("settings", "/app/settings"),
                ("order-update texts", "/app/settings/messages?stage=shipped"), ("articles", "/app/settings/articles"),
                ("new article", "/app/settings/articles/new"), ("profile", "/app/profile"), ("two-step sign-in", "/app/security"),
                ("webhooks", "/app/webhooks"), ("a webhook and its deliveries", "/app/webhooks/\(webhook)"),
                ("automation", "/app/automation"),
            ] {
                try await record(name, uri, cookie: session)
            }
            let page = try await client.execute(
                uri: "/app/conversations/\(mail.conversation)", method: .get, headers: [.cookie: session]
            ) { String(buffer: $0.body) }
            let source = try #require(page.firstMatch(of: /href="(\/app\/emails\/[^"]+)"/).map { String($0.1) })
            try await record("email conversation", "/app/conversations/\(mail.conversation)", cookie: session)
            try await record("an email's source", source, cookie: session)
            try await record("an email's own HTML", "/app/messages/\(mail.message)/original.html", cookie: session)
            try await record("outbox", "/app/outbox", cookie: session)
            let marketerSession = try await AgentAppTests.session(client, email: "mark@acme.test").cookie
            try await record("not for the role", "/app/inbox", cookie: marketerSession)
            let waiting = try await TwoFactorTests.password(client, email: "ala%40acme.test")
            try await record("sign-in code", "/app/login/code", cookie: waiting.cookie)
            assertSnapshot(of: dump, as: .lines, named: language)
        }
    }

    /// An order of a customer who reads `language`, shipped; returns its tracking page's path.
    static func order(_ client: any TestClientProtocol, key: String, language: String) async throws -> String {
        let order = """
            {"external_id":"1042","number":"#1042","currency":"EUR","total":"45.98","placed_at":"2026-11-20T10:00:00Z",
             "customer":{"email":"alex@example.com","phone":"+48601234567","name":"Alex","locale":"\(language)"},
             "items":[{"name":"Mug <green>","quantity":2,"unit_price":"12.99"},{"name":"Tea, 100 g","quantity":1,"unit_price":"20.00"}]}
            """
        let id = try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: order)) {
            try #require($0.json["id"] as? String)
        }
        let shipped = """
            {"stage":"shipped","occurred_at":"2026-11-21T08:30:00Z","shipment":{"carrier":"DHL","tracking_number":"JD0146000038",
             "tracking_url":"https://www.dhl.com/track?id=JD0146000038","expected_delivery_at":"2026-11-24T12:00:00Z"}}
            """
        let link = try await client.execute(
            uri: "/api/v1/orders/\(id)/events", method: .post, headers: .bearer(key), body: .init(json: shipped)
        ) { try #require($0.json["tracking_page"] as? String) }
        return try #require(URL(string: link)?.path)
    }

    /// The preference centre's path of a customer who reads `language` and allowed marketing email.
    static func preferences(_ client: any TestClientProtocol, key: String, language: String) async throws -> String {
        let customer = """
            {"email":"pref@example.com","phone":"+48609876543","locale":"\(language)","time_zone":"Asia/Kolkata",
             "consents":[{"channel":"email","status":"granted","source":"checkout"}]}
            """
        let id = try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: customer)) {
            try #require($0.json["id"] as? String)
        }
        let link = try await client.execute(uri: "/api/v1/customers/\(id)/preferences", method: .get, headers: .bearer(key)) {
            try #require($0.json["url"] as? String)
        }
        return try #require(URL(string: link)?.path)
    }

    /// The path of the link in the mail that asks to confirm a support address set through the API,
    /// as the mail carries it (an address set there routes mail only once confirmed from its mailbox).
    static func confirmationLink(_ client: any TestClientProtocol, key: String, world: World) async throws -> String {
        try await client.execute(
            uri: "/api/v1/shop", method: .patch, headers: .bearer(key), body: .init(json: #"{"support.email":"pomoc@acme.example"}"#)
        ) { #expect($0.status == .ok) }
        let link = try await world.database.transaction { sql in
            let claim = try #require(
                try await RoutingRepository(sql).holders(kind: .email, value: "pomoc@acme.example").first { $0.shop == world.shop.id })
            #expect(claim.status == .pending)
            return try await AddressConfirmations(database: world.database, clock: world.clock, publicURL: "http://127.0.0.1:8080")
                .link(shop: world.shop, claim: claim, on: sql)
        }
        return try #require(URL(string: link)?.path)
    }

    /// Two-step sign-in in force for `agent`, set up as an authenticator app would.
    static func turnOnTwoStep(_ agent: Agent, world: World) async throws {
        let twoFactor = TwoFactor(database: world.database, clock: world.clock)
        let setup = try await twoFactor.begin(shop: world.shop.id, agent: agent, shopName: "Acme")
        let secret = try #require(Base32.decode(setup.secret.replacingOccurrences(of: " ", with: "")))
        _ = try await twoFactor.confirm(shop: world.shop.id, agent: agent, code: TOTP(secret: secret).code(at: world.clock.now()))
    }

    /// An HTML email from a Polish customer, filed; the public ids of its conversation and message.
    static func email(_ client: any TestClientProtocol, world: World, key: String) async throws -> (conversation: String, message: String) {
        _ = try await ShopSettings(database: world.database, clock: world.clock).update(
            shop: world.shop.id, ["support.email": "sklep@acme.example"])
        let raw = """
            From: Zofia Nowak <zofia@example.pl>\r
            To: sklep@acme.example\r
            Subject: =?UTF-8?Q?St=C5=82uczony_kubek?=\r
            Date: Sat, 21 Nov 2026 09:15:00 +0100\r
            Message-ID: <mug-1@example.pl>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=iso-8859-2\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Kubek przyszed=B3 st=B3uczony.\r
            --b1\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>Kubek przyszedł <b>stłuczony</b>.</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>\r
            --b1--\r

            """
        try await client.execute(
            uri: "/api/v1/inbound/email", method: .post, headers: InboxAPITests.headers(key), body: .init(string: raw)
        ) { #expect($0.status == .accepted) }
        try await InboxAPITests.file(world)
        let read = ReadConversations(database: world.database)
        let conversation = try #require(
            try await read.list(shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 1).items.first
        )
        let message = try #require(try await read.messages(shop: world.shop.id, conversation: conversation.conversation.publicID).first)
        return (conversation.conversation.publicID, message.message.publicID)
    }

    /// A published help article in `language`, in the Markdown shops write; returns its id.
    static func article(_ client: any TestClientProtocol, key: String, language: String) async throws -> String {
        let body = #"""
            {"title":"Returns","category":"Orders","locale":"\#(language)","status":"published",
             "body":"## How to return\n\n1. Write to us with the order number.\n2. Pack the parcel.\n\nSee [the form](https://acme.example/returns) or `RET-1`.\n\n> Refunds take 14 days."}
            """#
        return try await client.execute(uri: "/api/v1/articles", method: .post, headers: .bearer(key), body: .init(json: body)) {
            try #require($0.json["id"] as? String)
        }
    }

    /// `html` without what differs at each run: tokens, random ids and signatures.
    static func normalized(_ html: String) -> String {
        [
            // Before the ids' rule: a random signature can hold what looks like an id (`abc_…`).
            (#"(/confirm/[a-z]+/[0-9]+)/[A-Za-z0-9_-]+"#, "$1/…"),
            (#"(/p/[a-z]+/cus_[A-Za-z0-9_-]+)/[A-Za-z0-9_-]{22}"#, "$1/…"),
            (#"name="csrf_token" value="[^"]*""#, #"name="csrf_token" value="…""#),
            (#"name="token" value="[^"]*""#, #"name="token" value="…""#),
            (#"data-csrf="[^"]*""#, #"data-csrf="…""#),
            (#"\bprl_[A-Za-z0-9]{8}\b"#, "prl_…"),
            (#"whsec_[A-Za-z0-9+/=]+"#, "whsec_…"),
            (#"/app/settings/keys/[A-Za-z0-9]{8}/"#, "/app/settings/keys/…/"),
            (#"\b([a-z]{2,4})_[A-Za-z0-9_-]{12,}"#, "$1_…"),
            // The signature may hold what the ids' rule took for an id.
            (#"(/t/[a-z]+/[a-z]+_…)/[A-Za-z0-9_…-]+"#, "$1/…"),
        ].reduce(html) { text, rule in text.replacingOccurrences(of: rule.0, with: rule.1, options: .regularExpression) }
    }
}

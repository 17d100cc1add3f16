import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// The agent application's pages as a browser gets them: each role sees what it may, forms need
/// the session's CSRF token, a form that cannot be saved comes back with what was typed, and
/// nothing of another shop can be opened.
@Suite("The agent application's pages and roles")
struct AgentAppTests {
    /// Signs `email` in (password `correct horse battery`); returns the session cookie and its CSRF token.
    static func session(_ client: any TestClientProtocol, email: String) async throws -> (cookie: String, csrf: String) {
        let (csrf, csrfCookie) = try await SignInTests.loginForm(client)
        let cookie = try await client.execute(
            uri: "/app/login", method: .post, headers: SignInTests.form(cookie: csrfCookie),
            body: .init(
                string: "email=\(email.replacingOccurrences(of: "@", with: "%40"))&password=correct+horse+battery&csrf_token=\(csrf)")
        ) { try #require($0.headers[.setCookie]?.split(separator: ";").first.map(String.init)) }
        let token = try await client.execute(uri: "/app/profile", method: .get, headers: [.cookie: cookie]) {
            try #require(SignInTests.hiddenToken(String(buffer: $0.body)))
        }
        return (cookie, token)
    }

    static func page(_ client: any TestClientProtocol, _ uri: String, cookie: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    @Test(
        "each role sees what it may: agents the inbox, owners and admins the settings, marketers neither inbox nor settings",
        arguments: TestDatabase.available)
    func roles(kind: TestDatabase) async throws {
        try await withApp(
            kind, .agent(email: "owner@acme.test", role: .owner), .agent(email: "agent@acme.test"),
            .agent(email: "mark@acme.test", role: .marketer), .agent(email: "admin@acme.test", role: .admin)
        ) { client, world, _ in
            let owner = try await Self.session(client, email: "owner@acme.test")
            let agent = try await Self.session(client, email: "agent@acme.test")
            let marketer = try await Self.session(client, email: "mark@acme.test")
            #expect(try await Self.page(client, "/app/settings", cookie: owner.cookie).0 == .ok)
            #expect(try await Self.page(client, "/app/settings", cookie: agent.cookie).0 == .forbidden)
            #expect(try await Self.page(client, "/app/settings/messages", cookie: agent.cookie).0 == .forbidden)
            let (previewStatus, previews) = try await Self.page(client, "/app/settings/messages?stage=delivered", cookie: owner.cookie)
            #expect(previewStatus == .ok && previews.components(separatedBy: "class=\"card\"").count == 6, "one card per language")
            try await client.execute(
                uri: "/app/settings/messages/preview.html?stage=delivered&locale=pl", method: .get, headers: [.cookie: owner.cookie]
            ) { response in
                #expect(response.status == .ok && (response.headers[.contentSecurityPolicy] ?? "").hasPrefix("sandbox"))
                #expect(String(buffer: response.body).contains("#1001"))
            }
            #expect(try await Self.page(client, "/app/inbox", cookie: agent.cookie).0 == .ok)
            let (status, body) = try await Self.page(client, "/app/inbox", cookie: marketer.cookie)
            #expect(status == .forbidden && body.contains("Not for your role"))
            #expect(try await Self.page(client, "/app/mail-problems", cookie: marketer.cookie).0 == .forbidden)
            let (_, ownerInbox) = try await Self.page(client, "/app/inbox", cookie: owner.cookie)
            #expect(ownerInbox.contains("href=\"/app/settings\""))
            let (_, agentInbox) = try await Self.page(client, "/app/inbox", cookie: agent.cookie)
            #expect(!agentInbox.contains("href=\"/app/settings\""), "agents do not see settings")

            // Settings: saved with the token, refused without; an invalid value comes back as typed.
            let headers = SignInTests.form(cookie: owner.cookie)
            try await client.execute(
                uri: "/app/settings/inbox", method: .post, headers: headers,
                body: .init(string: "csrf_token=forged&sla_first_response=2h")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/app/settings/inbox", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&sla_first_response=2h%3B+urgent+30m&inbox_holidays=")
            ) { #expect($0.status == .seeOther && $0.headers[.location] == "/app/settings?saved=inbox#inbox") }
            #expect(
                try await ShopSettings(database: world.database, clock: world.clock).value(shop: world.shop.id, key: "sla.first_response")
                    == "2h; urgent 30m")
            try await client.execute(
                uri: "/app/settings/inbox", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&inbox_business_hours=weekdays")
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .unprocessableContent && body.contains("value=\"weekdays\"") && body.contains("role=\"alert\""))
                #expect(body.contains("“Business hours” was not saved."), "the field by name, with what it takes")
                #expect(body.contains("aria-invalid=\"true\""))
            }
            // The week grid and the closed days' date fields become the settings' text.
            let week =
                (["mon", "tue", "wed", "thu", "fri"].map { "hours_\($0)_open=on&hours_\($0)_from=09%3A00&hours_\($0)_to=17%3A00" }
                + ["hours_sat_open=on&hours_sat_from=10%3A00&hours_sat_to=14%3A00", "hours_sun_from=10%3A00&hours_sun_to=14%3A00"])
                .joined(separator: "&")
            try await client.execute(
                uri: "/app/settings/inbox", method: .post, headers: headers,
                body: .init(
                    string:
                        "csrf_token=\(owner.csrf)&hours_grid=1&inbox_business_hours=&\(week)&closed_0=2026-12-25&closed_1=2026-12-24&closed_2="
                )
            ) { #expect($0.status == .seeOther) }
            let stored = try await ShopSettings(database: world.database, clock: world.clock).values(shop: world.shop.id)
            #expect(stored["inbox.business_hours"] == "mon-fri 09:00-17:00; sat 10:00-14:00")
            #expect(stored["inbox.holidays"] == "2026-12-24, 2026-12-25")
            let (_, hoursPage) = try await Self.page(client, "/app/settings", cookie: owner.cookie)
            #expect(hoursPage.contains("name=\"hours_sat_from\" value=\"10:00\""))
            #expect(hoursPage.contains("name=\"closed_0\" value=\"2026-12-24\""))
            // A secret left empty stays; the page never shows it.
            try await client.execute(
                uri: "/app/settings/platforms", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&shopify_webhook_secret=s3cret-value-123")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(
                uri: "/app/settings/platforms", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&shopify_webhook_secret=")
            ) { #expect($0.status == .seeOther) }
            let (_, settingsPage) = try await Self.page(client, "/app/settings", cookie: owner.cookie)
            #expect(!settingsPage.contains("s3cret-value-123"))
            #expect(
                try await ShopSettings(database: world.database, clock: world.clock).value(
                    shop: world.shop.id, key: "shopify.webhook_secret") == "s3cret-value-123")

            // An admin cannot make owners; the last owner cannot be demoted.
            let ownerID = try #require(
                try await ReadInbox(database: world.database, clock: world.clock).agents(shop: world.shop.id).first { $0.role == .owner }?
                    .id)
            try await client.execute(
                uri: "/app/settings/agents/\(ownerID)/role", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&role=agent")
            ) { response in
                #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("make someone else owner first"))
            }
            let admin = try await Self.session(client, email: "admin@acme.test")
            let agentID = try #require(
                try await ReadInbox(database: world.database, clock: world.clock).agents(shop: world.shop.id).first { $0.role == .agent }?
                    .id)
            for (uri, body) in [
                ("/app/settings/agents/\(agentID)/role", "role=owner"),
                ("/app/settings/agents", "email=new%40acme.test&role=owner&password=correct+horse+battery"),
            ] {
                try await client.execute(
                    uri: uri, method: .post, headers: SignInTests.form(cookie: admin.cookie),
                    body: .init(string: "csrf_token=\(admin.csrf)&\(body)")
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("Only an owner makes someone an owner or takes that role away."))
                }
            }
        }
    }

    @Test("a conversation or customer of another shop is not found, whatever the route", arguments: TestDatabase.available)
    func otherShop(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "ala@acme.test", role: .owner)) { client, world, _ in
            let other = try await world.otherShop()
            try await RecordSMSCallback(database: world.database, clock: world.clock)(
                shop: other.id, .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: "Halo", providerMessageID: nil)))
            let theirs = try #require(
                try await ReadConversations(database: world.database).list(
                    shop: other.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 1
                ).items.first)
            let ala = try await Self.session(client, email: "ala@acme.test")
            let id = theirs.conversation.publicID
            #expect(try await Self.page(client, "/app/conversations/\(id)", cookie: ala.cookie).0 == .notFound)
            let headers = SignInTests.form(cookie: ala.cookie)
            for (uri, body) in [
                ("/app/conversations/\(id)/messages", "intent=reply&text=hi"), ("/app/conversations/\(id)/update", "status=resolved"),
                ("/app/conversations/\(id)/calls", "direction=inbound&outcome=answered&minutes=1&note=x"),
                ("/app/customers/\(theirs.customerPublicID ?? "")", "name=Mallory"),
                ("/app/customers/\(theirs.customerPublicID ?? "")/calls", "direction=inbound&outcome=answered&minutes=1&note=x"),
            ] {
                try await client.execute(uri: uri, method: .post, headers: headers, body: .init(string: "csrf_token=\(ala.csrf)&" + body)) {
                    #expect($0.status == .notFound, "\(uri)")
                }
            }
            let after = try await ReadConversations(database: world.database).messages(shop: other.id, conversation: id)
            #expect(after.count == 1, "nothing was added to the other shop's conversation")
        }
    }

    @Test("merge a likely duplicate and undo it; split a message off and undo it; resolve in bulk", arguments: TestDatabase.available)
    func mergeSplitBulk(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery")
            let texts = RecordSMSCallback(database: world.database, clock: world.clock)
            for body in ["Gdzie paczka?", "Numer 1042"] {
                try await texts(
                    shop: world.shop.id, .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: body, providerMessageID: nil)))
            }
            let read = ReadConversations(database: world.database)
            let sms = try #require(
                try await read.list(shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 5).items
                    .first)
            let customer = try #require(sms.customerPublicID)
            let log = LogPhoneCall(database: world.database, clock: world.clock)
            let call = PhoneCall(direction: .inbound, durationSeconds: 60, outcome: .answered)
            let first = try await log(shop: world.shop.id, .customer(customer), call: call, note: "a", agentID: nil, subject: "Telefon")
            let second = try await log(shop: world.shop.id, .customer(customer), call: call, note: "b", agentID: nil, subject: "Telefon")
            let ala = try await Self.session(client, email: "ala@acme.test")
            let headers = SignInTests.form(cookie: ala.cookie)

            let (_, page) = try await Self.page(client, "/app/conversations/\(second.conversation)", cookie: ala.cookie)
            #expect(page.contains("/app/conversations/\(first.conversation)/merge"), "the other call is suggested as a duplicate")
            try await client.execute(
                uri: "/app/conversations/\(first.conversation)/merge", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(ala.csrf)&into=\(second.conversation)")
            ) { #expect($0.headers[.location] == "/app/conversations/\(second.conversation)?merged=\(first.conversation)") }
            let (_, merged) = try await Self.page(
                client, "/app/conversations/\(second.conversation)?merged=\(first.conversation)", cookie: ala.cookie)
            #expect(merged.contains("/app/conversations/\(first.conversation)/unmerge"), "an undo beside the notice")
            try await client.execute(
                uri: "/app/conversations/\(first.conversation)/unmerge", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(ala.csrf)")
            ) { #expect($0.status == .seeOther) }
            #expect(try await read.conversation(shop: world.shop.id, publicID: first.conversation).mergedIntoPublicID == nil)

            // Split the second text off the SMS conversation, then put it back.
            let messages = try await read.messages(shop: world.shop.id, conversation: sms.conversation.publicID)
            let split = try await client.execute(
                uri: "/app/conversations/\(sms.conversation.publicID)/split", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(ala.csrf)&messages[]=\(try #require(messages.last?.message.publicID))")
            ) { response in
                #expect(response.status == .seeOther)
                return String(try #require(response.headers[.location]?.split(separator: "?").first?.split(separator: "/").last))
            }
            #expect(try await read.messages(shop: world.shop.id, conversation: split).map(\.message.text) == ["Numer 1042"])
            try await client.execute(
                uri: "/app/conversations/\(split)/unsplit", method: .post, headers: headers, body: .init(string: "csrf_token=\(ala.csrf)")
            ) { #expect($0.status == .seeOther) }
            #expect(try await read.messages(shop: world.shop.id, conversation: sms.conversation.publicID).count == 2)

            // Resolve two at once from the list.
            try await client.execute(
                uri: "/app/inbox/bulk", method: .post, headers: headers,
                body: .init(
                    string:
                        "csrf_token=\(ala.csrf)&action=resolve&ids[]=\(first.conversation)&ids[]=\(second.conversation)&back=%2Fapp%2Finbox%3Fview%3Dall"
                )
            ) { #expect($0.headers[.location] == "/app/inbox?view=all") }
            for id in [first.conversation, second.conversation] {
                #expect(try await read.conversation(shop: world.shop.id, publicID: id).conversation.status == .resolved)
            }
        }
    }

    @Test(
        "an owner makes a team and chooses its members; agents give conversations to it and filter the inbox by it",
        arguments: TestDatabase.available)
    func teams(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let add = AddAgent(database: world.database, clock: world.clock)
            let owner = try await add(
                shop: world.shop.id, email: "owner@acme.test", name: "Olga", role: .owner, password: "correct horse battery"
            ).agent
            let ala = try await add(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery"
            ).agent
            let texts = RecordSMSCallback(database: world.database, clock: world.clock)
            try await texts(
                shop: world.shop.id,
                .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: "Zwrot kubka", providerMessageID: nil)))
            let sms = try #require(
                try await ReadConversations(database: world.database).list(
                    shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 5
                ).items.first
            ).conversation.publicID
            let session = try await Self.session(client, email: "owner@acme.test")
            let headers = SignInTests.form(cookie: session.cookie)

            try await client.execute(
                uri: "/app/settings/teams", method: .post, headers: headers, body: .init(string: "csrf_token=\(session.csrf)&name=Zwroty")
            ) { #expect($0.headers[.location] == "/app/settings?saved=teams#teams") }
            try await client.execute(
                uri: "/app/settings/teams", method: .post, headers: headers, body: .init(string: "csrf_token=\(session.csrf)&name=zwroty")
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("There is a team named zwroty already."))
            }
            let team = try #require(try await ManageTeams(database: world.database, clock: world.clock).list(shop: world.shop.id).first)
            try await client.execute(
                uri: "/app/settings/teams/\(team.id)/members", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(session.csrf)&members[]=\(ala.id)&members[]=\(owner.id)")
            ) { #expect($0.status == .seeOther) }
            let (_, settings) = try await Self.page(client, "/app/settings", cookie: session.cookie)
            #expect(settings.contains("<legend>Zwroty</legend>"))
            #expect(settings.contains("value=\"\(ala.id)\" checked"), "Ala is a member")

            let (_, before) = try await Self.page(client, "/app/conversations/\(sms)", cookie: session.cookie)
            #expect(before.contains("<option value=\"Zwroty\">Zwroty</option>"), "the team is offered on the conversation")
            try await client.execute(
                uri: "/app/conversations/\(sms)/update", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(session.csrf)&team=Zwroty")
            ) { #expect($0.status == .seeOther) }
            let (_, filtered) = try await Self.page(client, "/app/inbox?view=all&team=Zwroty", cookie: session.cookie)
            #expect(filtered.contains("/app/conversations/\(sms)") && filtered.contains("<option value=\"Zwroty\" selected>"))
            let (_, none) = try await Self.page(client, "/app/inbox?view=all&team=Hurt", cookie: session.cookie)
            #expect(!none.contains("/app/conversations/\(sms)"), "another team's filter does not show it")
            try await client.execute(
                uri: "/app/conversations/\(sms)/update", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(session.csrf)&team=Hurt")
            ) { #expect($0.status == .unprocessableContent) }

            // Removed, the team leaves its conversations with none.
            try await client.execute(
                uri: "/app/settings/teams/\(team.id)/delete", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(session.csrf)")
            ) { #expect($0.status == .seeOther) }
            #expect(
                try await ReadConversations(database: world.database).conversation(shop: world.shop.id, publicID: sms).conversation.team
                    == nil)
        }
    }

    @Test(
        "an owner uploads the shop's logo; emails and pages get it from Parley; what is not an image is refused",
        arguments: TestDatabase.available)
    func logo(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "owner@acme.test", name: "Olga", role: .owner, password: "correct horse battery")
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery")
            let owner = try await Self.session(client, email: "owner@acme.test")
            let agent = try await Self.session(client, email: "ala@acme.test")
            // A 1×1 PNG.
            let png: [UInt8] = Array(
                Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!)
            func upload(_ bytes: [UInt8], filename: String, session: (cookie: String, csrf: String)) async throws -> (
                HTTPResponse.Status, String
            ) {
                let boundary = "parley-test-boundary"
                var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(session.csrf)\r\n".utf8)
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"\(filename)\"\r\n".utf8)
                body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8) + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
                return try await client.execute(
                    uri: "/app/settings/logo", method: .post,
                    headers: [.cookie: session.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
                    body: ByteBuffer(bytes: body)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            #expect(try await upload(png, filename: "logo.png", session: agent).0 == .forbidden, "agents do not change the brand")
            let (refused, page) = try await upload(Array("<svg onload=alert(1)>".utf8), filename: "logo.svg", session: owner)
            #expect(refused == .unprocessableContent && page.contains("Choose a PNG, JPEG, GIF or WebP image of up to 512 KB."))
            #expect(try await upload(png, filename: "logo.png", session: owner).0 == .seeOther)

            let url = try #require(
                try await ShopSettings(database: world.database, clock: world.clock).values(shop: world.shop.id)["brand.logo_url"])
            #expect(url.contains("/brand/\(world.shop.slug)/logo?v="), "the brand points at the uploaded logo")
            try await client.execute(uri: "/brand/\(world.shop.slug)/logo", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
                #expect(Array(response.body.readableBytesView) == png)
            }
            let (_, settings) = try await Self.page(client, "/app/settings", cookie: owner.cookie)
            #expect(settings.contains("class=\"logo-preview\" src=\"/brand/\(world.shop.slug)/logo?v="))
            try await client.execute(
                uri: "/app/settings/logo/remove", method: .post, headers: SignInTests.form(cookie: owner.cookie),
                body: .init(string: "csrf_token=\(owner.csrf)")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/brand/\(world.shop.slug)/logo", method: .get) { #expect($0.status == .notFound) }
            #expect(
                try await ShopSettings(database: world.database, clock: world.clock).values(shop: world.shop.id)["brand.logo_url"] == nil)
        }
    }

    @Test("an email's HTML opens in a sandbox that runs nothing and loads remote images only when asked", arguments: TestDatabase.available)
    func originalHTML(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            _ = try await ShopSettings(database: world.database, clock: world.clock).update(
                shop: world.shop.id, ["support.email": "sklep@acme.example"])
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery")
            let raw = """
                From: Zofia <zofia@example.pl>\r
                To: sklep@acme.example\r
                Subject: Zdjęcie\r
                Message-ID: <html-1@example.pl>\r
                MIME-Version: 1.0\r
                Content-Type: text/html; charset=utf-8\r
                \r
                <p>Kubek <b>stłuczony</b></p><img src="https://tracker.example/pixel.gif"><script>alert(1)</script>\r

                """
            try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: InboxAPITests.headers(key), body: .init(string: raw)
            ) { #expect($0.status == .accepted) }
            try await InboxAPITests.file(world)
            let read = ReadConversations(database: world.database)
            let conversation = try #require(
                try await read.list(shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 1).items
                    .first)
            let message = try #require(try await read.messages(shop: world.shop.id, conversation: conversation.conversation.publicID).first)
            let ala = try await Self.session(client, email: "ala@acme.test")
            let (_, page) = try await Self.page(client, "/app/conversations/\(conversation.conversation.publicID)", cookie: ala.cookie)
            #expect(page.contains("<iframe src=\"/app/messages/\(message.message.publicID)/original.html\""))
            try await client.execute(
                uri: "/app/messages/\(message.message.publicID)/original.html", method: .get, headers: [.cookie: ala.cookie]
            ) { response in
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                let body = String(buffer: response.body)
                #expect(
                    policy.hasPrefix("sandbox") && policy.contains("default-src 'none'") && policy.contains("img-src data: cid;") == false)
                #expect(policy.contains("img-src data: cid:;") && !policy.contains("https:"))
                #expect(body.contains("<b>stłuczony</b>") && !body.contains("<script"))
            }
            try await client.execute(
                uri: "/app/messages/\(message.message.publicID)/original.html?images=1", method: .get, headers: [.cookie: ala.cookie]
            ) { #expect(($0.headers[.contentSecurityPolicy] ?? "").contains("img-src data: cid: https:")) }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

@Suite("Agent sign-in")
struct SignInTests {
    static let password = "correct horse battery"

    @Test("sign in with the form's CSRF token, see the app, sign out", arguments: TestDatabase.available)
    func signInAndOut(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "Ala@Acme.test", name: "Ala Kot", role: .agent, password: Self.password)
            let (csrf, csrfCookie) = try await Self.loginForm(client)
            try await client.execute(
                uri: "/app/login", method: .post, headers: Self.form(cookie: csrfCookie),
                body: .init(string: "email=ala%40acme.test&password=correct+horse+battery&csrf_token=\(csrf)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/app")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.hasPrefix("parley_session="))
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            }
            let session = try await Self.signIn(client, csrf: csrf, csrfCookie: csrfCookie)
            try await client.execute(uri: "/app", method: .get, headers: [.cookie: session]) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/app/inbox?view=mine")
            }
            let logoutToken = try await client.execute(uri: "/app/inbox", method: .get, headers: [.cookie: session]) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(page.contains("Ala Kot") && page.contains("Acme"))
                return try #require(Self.hiddenToken(page))
            }
            try await client.execute(
                uri: "/app/logout", method: .post, headers: Self.form(cookie: session), body: .init(string: "csrf_token=forged")
            ) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(
                uri: "/app/logout", method: .post, headers: Self.form(cookie: session), body: .init(string: "csrf_token=\(logoutToken)")
            ) { #expect($0.headers[.location] == "/app/login") }
            try await client.execute(uri: "/app", method: .get, headers: [.cookie: session]) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/app/login")
            }
        }
    }

    @Test("a login without the CSRF token is refused, and guessing is throttled", arguments: TestDatabase.available)
    func csrfAndThrottle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", role: .agent, password: Self.password)
            try await client.execute(
                uri: "/app/login", method: .post, headers: Self.form(cookie: nil), body: .init(string: "email=ala%40acme.test&password=x")
            ) { #expect($0.status == .forbidden) }
            let (csrf, csrfCookie) = try await Self.loginForm(client)
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/app/login", method: .post, headers: Self.form(cookie: csrfCookie),
                    body: .init(string: "email=ala%40acme.test&password=wrong-guess&csrf_token=\(csrf)")
                ) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(
                uri: "/app/login", method: .post, headers: Self.form(cookie: csrfCookie),
                body: .init(string: "email=ala%40acme.test&password=correct+horse+battery&csrf_token=\(csrf)")
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }

    @Test("one address trying many accounts is stopped too, though no single account saw five failures", arguments: TestDatabase.available)
    func throttleAcrossAccounts(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", role: .agent, password: Self.password)
            let (csrf, csrfCookie) = try await Self.loginForm(client)
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<25 {
                try await client.execute(
                    uri: "/app/login", method: .post, headers: Self.form(cookie: csrfCookie),
                    body: .init(string: "email=guess\(index)%40acme.test&password=wrong-guess&csrf_token=\(csrf)")
                ) { statuses.append($0.status) }
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unauthorized } && statuses.dropFirst(20).allSatisfy { $0 == .tooManyRequests })
            // The range stays closed even for a right password, until the window passes.
            try await client.execute(
                uri: "/app/login", method: .post, headers: Self.form(cookie: csrfCookie),
                body: .init(string: "email=ala%40acme.test&password=correct+horse+battery&csrf_token=\(csrf)")
            ) { #expect($0.status == .tooManyRequests) }
        }
    }

    @Test("address ranges: IPv4 by /24, IPv6 by /64 in any spelling")
    func ranges() {
        #expect(LoginThrottle.addressRange("203.0.113.77") == "203.0.113.0/24")
        #expect(LoginThrottle.addressRange("2001:db8:0:0:1::5") == "2001:db8:0:0::/64")
        #expect(LoginThrottle.addressRange("2001:DB8::1") == LoginThrottle.addressRange("2001:db8:0000:0000:ffff::2"))
    }

    @Test(
        "the login page speaks the browser's language",
        arguments: [
            ("pl-PL,pl;q=0.9,en;q=0.8", "Zaloguj się"), ("el", "Σύνδεση"), ("ru", "Вход"), ("hi-IN", "साइन इन करें"), ("de", "Sign in"),
        ])
    func localized(acceptLanguage: String, title: String) async throws {
        try await withApp(.sqlite) { client, _, _ in
            try await client.execute(uri: "/app/login", method: .get, headers: [.acceptLanguage: acceptLanguage]) { response in
                #expect(String(buffer: response.body).contains("<h1>\(title)</h1>"))
            }
        }
    }

    static func loginForm(_ client: any TestClientProtocol) async throws -> (token: String, cookie: String) {
        try await client.execute(uri: "/app/login", method: .get) { response in
            let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(cookie.hasPrefix("parley_csrf="))
            return (try #require(hiddenToken(String(buffer: response.body))), cookie)
        }
    }

    static func signIn(_ client: any TestClientProtocol, csrf: String, csrfCookie: String) async throws -> String {
        try await client.execute(
            uri: "/app/login", method: .post, headers: form(cookie: csrfCookie),
            body: .init(string: "email=ala%40acme.test&password=correct+horse+battery&csrf_token=\(csrf)")
        ) { try #require($0.headers[.setCookie]?.split(separator: ";").first.map(String.init)) }
    }

    static func form(cookie: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    static func hiddenToken(_ page: String) -> String? {
        guard let range = page.range(of: #"name="csrf_token" value="([A-Za-z0-9]+)""#, options: .regularExpression) else { return nil }
        return String(page[range].split(separator: "\"")[3])
    }
}

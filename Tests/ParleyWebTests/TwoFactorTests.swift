import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// Two-step sign-in through the agent application's own forms, with codes made as an authenticator
/// app makes them.
@Suite("Two-step sign-in")
struct TwoFactorTests {
    @Test(
        "set up, sign in with a code, a code works once, a recovery code works once, a shop may require it",
        arguments: TestDatabase.available)
    func flow(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: SignInTests.password)
            let (csrf, csrfCookie) = try await SignInTests.loginForm(client)
            let session = try await SignInTests.signIn(client, csrf: csrf, csrfCookie: csrfCookie)
            let token = try await client.execute(uri: "/app/security", method: .get, headers: [.cookie: session]) { response in
                #expect(response.status == .ok)
                return try #require(SignInTests.hiddenToken(String(buffer: response.body)))
            }
            let setupPage = try await client.execute(
                uri: "/app/security/two-factor", method: .post, headers: SignInTests.form(cookie: session),
                body: .init(string: "csrf_token=\(token)")
            ) { String(buffer: $0.body) }
            let secret = try #require(
                setupPage.firstMatch(of: /<code class="secret">([A-Z2-7 ]+)<\/code>/).map { String($0.1) }.flatMap(Base32.decode))
            #expect(setupPage.contains("otpauth://totp/Parley%20Acme%3Aala@acme.test?secret="))
            let totp = TOTP(secret: secret)
            // A mistyped code shows the same key again.
            try await client.execute(
                uri: "/app/security/two-factor/confirm", method: .post, headers: SignInTests.form(cookie: session),
                body: .init(string: "csrf_token=\(token)&code=000000")
            ) { response in
                #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("not right"))
                #expect(
                    String(buffer: response.body).contains(setupPage.firstMatch(of: /class="secret">[^<]+/).map { String($0.0) } ?? "?"))
            }
            let codesPage = try await client.execute(
                uri: "/app/security/two-factor/confirm", method: .post, headers: SignInTests.form(cookie: session),
                body: .init(string: "csrf_token=\(token)&code=\(totp.code(at: world.clock.now()))")
            ) { String(buffer: $0.body) }
            let recovery = codesPage.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.1) }
            try #require(recovery.count == 10, "\(codesPage)")

            // Now the password alone opens only the code form; the code opens the app, once.
            world.clock.advance(by: 60)
            let pending = try await Self.password(client)
            try await client.execute(uri: "/app", method: .get, headers: [.cookie: pending.cookie]) {
                #expect($0.status == .seeOther && $0.headers[.location] == "/app/login")
            }
            let code = totp.code(at: world.clock.now())
            let full = try await Self.code(client, pending, code) { #expect($0.status == .seeOther && $0.headers[.location] == "/app") }
            try await client.execute(uri: "/app/inbox", method: .get, headers: [.cookie: try #require(full)]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/app", method: .get, headers: [.cookie: pending.cookie]) { #expect($0.status == .seeOther) }
            let replay = try await Self.password(client)
            _ = try await Self.code(client, replay, code) { response in
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("used already"))
            }
            _ = try await Self.code(client, replay, recovery[3]) { #expect($0.status == .seeOther && $0.headers[.location] == "/app") }
            let again = try await Self.password(client)
            _ = try await Self.code(client, again, recovery[3]) { #expect($0.status == .unauthorized) }

            // An owner requires it: an agent without it may only set it up.
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key), body: .init(json: #"{"security.require_two_factor":"on"}"#)
            ) { #expect($0.status == .ok) }
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ola@acme.test", role: .agent, password: SignInTests.password)
            let enrolling = try await Self.password(client, email: "ola%40acme.test") { response in
                #expect(response.headers[.location] == "/app/security")
            }
            try await client.execute(uri: "/app", method: .get, headers: [.cookie: enrolling.cookie]) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/app/security", method: .get, headers: [.cookie: enrolling.cookie]) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("requires two-step sign-in"))
            }
            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 20)
            #expect(log.items.contains { $0.action == "two_factor.enabled" && $0.target == "ala@acme.test" })
        }
    }

    struct Pending {
        let cookie: String
        let csrf: String
    }

    /// Email and password; the session that waits for the code, with its form's token.
    static func password(
        _ client: any TestClientProtocol, email: String = "ala%40acme.test", check: @escaping @Sendable (TestResponse) -> Void = { _ in }
    ) async throws -> Pending {
        let (csrf, csrfCookie) = try await SignInTests.loginForm(client)
        let cookie = try await client.execute(
            uri: "/app/login", method: .post, headers: SignInTests.form(cookie: csrfCookie),
            body: .init(string: "email=\(email)&password=correct+horse+battery&csrf_token=\(csrf)")
        ) { response in
            check(response)
            return try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        }
        let token = try await client.execute(uri: "/app/login/code", method: .get, headers: [.cookie: cookie]) { response in
            SignInTests.hiddenToken(String(buffer: response.body)) ?? ""
        }
        return Pending(cookie: cookie, csrf: token)
    }

    /// Sends `code` for `pending`; the new session cookie when one was set.
    static func code(
        _ client: any TestClientProtocol, _ pending: Pending, _ code: String, check: @escaping @Sendable (TestResponse) -> Void
    ) async throws
        -> String?
    {
        try await client.execute(
            uri: "/app/login/code", method: .post, headers: SignInTests.form(cookie: pending.cookie),
            body: .init(string: "csrf_token=\(pending.csrf)&code=\(code)")
        ) { response in
            check(response)
            return response.headers[.setCookie]?.split(separator: ";").first.map(String.init)
        }
    }
}

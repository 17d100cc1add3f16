import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@testable import ParleyWeb

@Suite("Rate limits on public endpoints")
struct RateLimitTests {
    @Test("a bucket lets a burst through, then one request per refill, per key")
    func bucket() {
        let limiter = RateLimiter()
        let limit = RateLimiter.Limit(burst: 3, rate: 2)
        let start = ContinuousClock.now
        #expect((0..<4).map { _ in limiter.allow("a", limit: limit, now: start) } == [true, true, true, false])
        #expect(limiter.allow("b", limit: limit, now: start))
        #expect(!limiter.allow("a", limit: limit, now: start + .milliseconds(400)))
        #expect(limiter.allow("a", limit: limit, now: start + .milliseconds(600)))
        #expect(!limiter.allow("a", limit: limit, now: start + .milliseconds(700)))
    }

    @Test("a client guessing tracking links is slowed to 429 with Retry-After; the API with a key is not limited")
    func trackingPages() async throws {
        try await withApp(.sqlite) { client, _, key in
            var allowed = 0
            var limited = false
            while !limited && allowed < 300 {
                try await client.execute(uri: "/t/acme/ord_guess\(allowed)/deadbeef", method: .get) { response in
                    guard response.status == .tooManyRequests else {
                        #expect(response.status == .notFound)
                        allowed += 1
                        return
                    }
                    limited = true
                    #expect(response.headers[.retryAfter] == "1")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            #expect(limited && allowed >= 30)
            for _ in 0..<40 {
                try await client.execute(uri: "/api/v1/shop", method: .get, headers: .bearer(key)) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("a platform's verified burst of webhooks is never slowed; a client failing signatures is, before its requests are read")
    func webhooks() async throws {
        try await withApp(.sqlite) { client, _, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"shopify.webhook_secret\":\"\(ShopifyWebhookTests.secret)\"}")
            ) { #expect($0.status == .ok) }
            // More than the burst of 500, at once: a shop fulfilling its orders in bulk.
            var answered: [HTTPResponse.Status: Int] = [:]
            for n in 0..<520 {
                let body = "{\"id\":\(n)}"
                try await client.execute(
                    uri: "/hooks/shopify/acme", method: .post,
                    headers: ShopifyWebhookTests.headers("customers/create", id: "bulk-\(n)", body: body), body: .init(string: body)
                ) { answered[$0.status, default: 0] += 1 }
            }
            #expect(answered == [.ok: 520])
            var refused = 0
            var limited = false
            while !limited && refused < 5000 {
                try await client.execute(
                    uri: "/hooks/shopify/acme", method: .post,
                    headers: ShopifyWebhookTests.headers("orders/create", id: "guess-\(refused)", body: "{}", secret: "guess-\(refused)"),
                    body: .init(string: "{}")
                ) { response in
                    guard response.status == .tooManyRequests else {
                        #expect(response.status == .unauthorized)
                        refused += 1
                        return
                    }
                    limited = true
                    #expect(response.headers[.retryAfter] == "1")
                }
            }
            // The bucket refills at 100 a second meanwhile.
            #expect(limited && refused >= 500)
        }
    }
}

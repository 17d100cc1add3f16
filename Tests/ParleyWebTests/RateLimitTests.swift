import HTTPTypes
import HummingbirdTesting
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
}

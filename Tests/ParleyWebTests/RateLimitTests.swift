import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Synchronization
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

    @Test(
        "a client guessing tracking links is slowed to 429 with Retry-After; the API with a key is not limited",
        arguments: TestDatabase.available)
    func trackingPages(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
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

    @Test("a platform's verified burst of webhooks beyond the limit's burst is never slowed", arguments: TestDatabase.available)
    func webhooks(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
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
        }
    }

    @Test("counting only refusals: a client that fails its checks is refused once its tokens are spent, before its request is read")
    func refusalsOnly() async throws {
        // A limit of its own, refilling too slowly to matter within the test, whatever the machine's load.
        let router = Router(context: ParleyRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: RateLimitMiddleware(limits: [("/hooks/", .init(burst: 3, rate: 0.001, refusalsOnly: true))]))
        let reads = ReadCounter()
        router.post("hooks/:platform") { request, _ -> HTTPResponse.Status in
            var request = request
            _ = try await request.collectBody(upTo: 1 << 16)
            reads.increment()
            guard request.headers[.authorization] == "good" else { throw HTTPError(.unauthorized) }
            return .ok
        }
        try await Application(router: router).test(.router) { client in
            func post(_ authorization: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/hooks/x", method: .post, headers: [.authorization: authorization], body: .init(string: "{}")
                ) {
                    $0.status
                }
            }
            var answers: [HTTPResponse.Status] = []
            for _ in 0..<10 { answers.append(try await post("good")) }
            for _ in 0..<4 { answers.append(try await post("bad")) }
            answers.append(try await post("good"))
            #expect(
                answers == Array(repeating: .ok, count: 10) + [
                    .unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .tooManyRequests,
                ])
            #expect(reads.value == 13, "the two requests over the limit were never read")
        }
    }
}

/// Counts requests a handler read.
final class ReadCounter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

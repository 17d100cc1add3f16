import HTTPTypes
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Rate limits on public endpoints")
struct RateLimitTests {
    @Test("a client guessing tracking links is slowed to 429 with Retry-After; the API with a key is not limited")
    func trackingPages() async throws {
        try await withApp(.sqlite) { client, _, key in
            var statuses: [HTTPResponse.Status] = []
            for attempt in 0..<31 {
                try await client.execute(uri: "/t/acme/ord_guess\(attempt)/deadbeef", method: .get) { response in
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        #expect(response.headers[.retryAfter] == "1")
                        #expect(response.headers[.contentType] == "application/problem+json")
                    }
                }
            }
            #expect(statuses.prefix(30).allSatisfy { $0 == .notFound })
            #expect(statuses.last == .tooManyRequests)
            for _ in 0..<40 {
                try await client.execute(uri: "/api/v1/shop", method: .get, headers: .bearer(key)) { #expect($0.status == .ok) }
            }
        }
    }
}

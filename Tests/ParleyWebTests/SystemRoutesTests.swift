import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Health and metrics")
struct SystemRoutesTests {
    @Test("health names the database that answered; metrics count the requests served", arguments: TestDatabase.available)
    func healthAndMetrics(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["database"] as? String == world.database.backend.rawValue)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(text.contains("hb_requests") && text.contains("/health"))
            }
        }
    }
}

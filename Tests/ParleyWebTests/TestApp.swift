import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import NIOCore
import NIOFoundationCompat
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import ParleyWeb
import Prometheus

/// A Parley application on a fresh database with a shop, `parts` in it and an API key, driven through its router;
/// `demoOutbox` as `parley serve --demo` has it; webhooks may go where `webhookPolicy` allows.
func withApp(
    _ kind: TestDatabase, _ parts: Given..., demoOutbox: Bool = false, webhookPolicy: NetworkAddressPolicy = .init(),
    test: @Sendable @escaping (any TestClientProtocol, World, String) async throws -> Void
) async throws {
    try await kind.withFresh { database, _ in
        let world = try await World.given(database, parts)
        let key = try await ApiKeys(database: database, clock: world.clock).create(shop: world.shop.id, name: "test").key
        let router = try await buildRouter(
            database: database, registry: metricsRegistry, clock: world.clock, demoOutbox: demoOutbox,
            webhookPolicy: webhookPolicy)
        try await Application(router: router).test(.router) { client in try await test(client, world, key) }
    }
}

/// The registry every test app reports to: swift-metrics takes one factory per process, as in `parley serve`.
let metricsRegistry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

extension HTTPFields {
    static func bearer(_ key: String) -> HTTPFields {
        [.authorization: "Bearer \(key)", .contentType: "application/json"]
    }
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }
}

extension ByteBuffer {
    init(json: String) { self.init(string: json) }
}

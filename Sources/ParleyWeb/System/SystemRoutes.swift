import Foundation
import Hummingbird
import NIOCore
import ParleyServices
import ParleyStore
import Prometheus

/// `/health`, `/metrics` and the API contract at `/api/v1/openapi.yaml`.
struct SystemRoutes {
    let database: ParleyDatabase
    let registry: PrometheusCollectorRegistry
    let openAPIDocument: ByteBuffer
    let settings: ShopSettings

    struct Health: Encodable {
        let status: String
        let database: String
        let warnings: [String]
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("health") { _, _ in
            // A node whose database does not answer must leave the load balancer's rotation.
            do {
                try await database.ping()
            } catch {
                throw HTTPError(.serviceUnavailable, message: "the database does not answer: \(error)")
            }
            // Messages parked by a shop's broken setting do not make the node unhealthy, but an
            // operator watching /health should hear of them (the shop's API names the setting).
            let waiting = try await settings.waitingEverywhere()
            var warnings: [String] = []
            if waiting.messages > 0 {
                warnings.append(
                    "\(waiting.messages) message(s) of \(waiting.shops) shop(s) wait for a shop setting to be fixed; GET /api/v1/shop names it"
                )
            }
            return try APIJSON.response(Health(status: "ok", database: database.backend.rawValue, warnings: warnings))
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("api/v1/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: openAPIDocument))
        }
    }
}

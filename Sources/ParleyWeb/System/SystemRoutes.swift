import Foundation
import Hummingbird
import NIOCore
import ParleyStore
import Prometheus

/// `/health`, `/metrics` and the API contract at `/api/v1/openapi.yaml`.
struct SystemRoutes {
    let database: ParleyDatabase
    let registry: PrometheusCollectorRegistry
    let openAPIDocument: ByteBuffer

    func register(on router: Router<ParleyRequestContext>) {
        router.get("health") { _, _ in
            // A node whose database does not answer must leave the load balancer's rotation.
            do {
                try await database.ping()
            } catch {
                throw HTTPError(.serviceUnavailable, message: "the database does not answer: \(error)")
            }
            return try APIJSON.response(["status": "ok", "database": database.backend.rawValue])
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

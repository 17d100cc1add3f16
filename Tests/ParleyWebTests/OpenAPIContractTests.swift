import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyStore
import ParleyTestSupport
import ParleyWeb
import Prometheus
import Testing

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    @Test("every route is in openapi.yaml, every documented operation is a route, and the server serves the file")
    func routesMatchDocument() async throws {
        let document = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        // The routes, not the rows: one database is enough.
        try await TestDatabase.sqlite.withFresh { database, _ in
            let router = try await buildRouter(database: database, registry: PrometheusCollectorRegistry(), clock: TestClock())
            let routes = Set(router.routes.map { "\($0.method) \(Self.openAPIPath($0.path.description))" })
            let documented = Self.operations(in: document)
            #expect(routes.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
            #expect(documented.subtracting(routes).sorted() == [], "operations in openapi.yaml with no route")
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                    #expect(String(buffer: response.body) == document)
                }
            }
        }
    }

    /// `GET /api/v1/customers/{id}` for each operation under `paths:`.
    static func operations(in yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var path: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line.hasPrefix("paths:") }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                let methods = ["get", "head", "post", "put", "patch", "delete"]
                if methods.contains(String(method)) { operations.insert("\(method.uppercased()) \(path)") }
            }
        }
        return operations
    }

    /// `/api/v1/customers/:id` → `/api/v1/customers/{id}`.
    static func openAPIPath(_ path: String) -> String {
        let segments = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "/" + segments.joined(separator: "/")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

import Foundation
import ParleyTestSupport

/// `Fixtures/sms_provider_fake.py` on loopback: Twilio, Kannel and a webhook endpoint that answer as
/// the real ones do and write down every request they get.
struct SMSProviderFake {
    /// One request as the fake received it.
    struct Request: Decodable {
        let method: String
        let path: String
        /// The query exactly as sent, still percent-encoded.
        let rawQuery: String
        let query: [String: String]
        let headers: [String: String]
        let body: String
        /// For the webhook: whether `X-Parley-Signature` is python's own HMAC-SHA256 of the body.
        let signatureValid: Bool?

        /// The body's form fields, decoded by Foundation rather than by the code under test.
        var form: [String: String] {
            var components = URLComponents()
            components.percentEncodedQuery = body
            return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        }
    }

    static let secret = "fake-provider-secret-1"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sms_provider_fake.py")
        .path

    let fixture: PythonFixture
    var port: Int { fixture.port }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() async throws {
        fixture = try await PythonFixture(script: Self.script, arguments: [Self.secret])
    }

    /// Every request so far, oldest first.
    func requests() throws -> [Request] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let text = (try? String(contentsOf: fixture.directory.appendingPathComponent("requests.jsonl"), encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try decoder.decode(Request.self, from: Data($0.utf8)) }
    }

    func stop() { fixture.stop() }
}

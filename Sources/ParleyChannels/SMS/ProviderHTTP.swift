import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyCore

/// One request to a provider's HTTP API. Not reaching the provider at all is temporary; what the
/// provider answered is for the provider's transport to judge.
struct ProviderHTTP: Sendable {
    /// The provider's name as errors show it (`Twilio`, `Kannel`, `the SMS webhook`).
    let name: String
    let client: HTTPClient
    let timeout: Duration

    struct Answer {
        let status: Int
        let body: String
    }

    func perform(_ request: HTTPClientRequest) async throws(TransportError) -> Answer {
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            // Answers worth reading are short; a runaway body is cut off rather than held in memory.
            let body = try await response.body.collect(upTo: 64 * 1024)
            return Answer(status: Int(response.status.code), body: String(buffer: body))
        } catch {
            // Only the host: Kannel's URL carries the password in its query.
            let url = URLComponents(string: request.url)
            let host = (url?.host ?? "an invalid URL") + (url?.port.map { ":\($0)" } ?? "")
            throw .temporary("cannot reach \(name) at \(host): \(error)")
        }
    }
}

extension TransportError {
    /// A refusal by HTTP status: the provider is overloaded or broken (429, 408, 5xx), or refuses the
    /// shop's credentials (401, 403), so try again later, once it recovers or the shop fixes its
    /// settings; or it refused this message for good (other 4xx, such as an invalid number).
    static func refused(status: Int, _ detail: String) -> TransportError {
        [401, 403, 408, 429].contains(status) || status >= 500 ? .temporary(detail) : .permanent(detail)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ParleyCore

/// Posts webhooks over HTTP(S) to public addresses only.
///
/// The host is resolved here and every address it has is checked against the policy. A plain-http
/// request then goes to the checked address itself (the name in the Host header), so a resolver
/// answering differently on a second lookup cannot turn it inward; an https request names the host
/// and TLS only completes with a certificate for that name, which no inward service has.
/// Redirects are not followed, since one could point anywhere.
public struct HTTPWebhookSender: WebhookSender {
    private let policy: NetworkAddressPolicy
    private let timeout: Duration

    public init(policy: NetworkAddressPolicy, timeout: Duration = .seconds(10)) {
        self.policy = policy
        self.timeout = timeout
    }

    /// One client for the process, never shut down (like `HTTPClient.shared`), with the settings webhooks need.
    private static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(30))))

    public func send(_ request: WebhookRequest) async throws(WebhookSendError) -> WebhookResponse {
        guard var components = URLComponents(string: request.url), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { throw .refused("\(request.url) is not an http or https URL") }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await Self.addresses(of: name)
        for address in addresses {
            if let refusal = policy.refusal(for: address) { throw .refused(refusal) }
        }
        var url = request.url
        var hostHeader: String?
        if scheme == "http", IPAddress(parsing: name) == nil {
            let address = addresses[0]
            components.percentEncodedHost = address.bytes.count == 16 ? "[\(address)]" : address.description
            url = components.string ?? url
            hostHeader = name + (components.port.map { ":\($0)" } ?? "")
        }
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = .POST
        if let hostHeader { outgoing.headers.add(name: "Host", value: hostHeader) }
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await Self.client.execute(outgoing, timeout: TimeAmount(timeout))
            // The log keeps the start of an answer; a receiver streaming gigabytes is cut off, not read.
            var body = ByteBuffer()
            for try await var part in response.body {
                body.writeBuffer(&part)
                if body.readableBytes >= 4096 { break }
            }
            return WebhookResponse(status: Int(response.status.code), body: String(buffer: body))
        } catch {
            throw .unreachable("cannot reach \(name): \(error)")
        }
    }

    private static func addresses(of host: String) async throws(WebhookSendError) -> [IPAddress] {
        if let literal = IPAddress(parsing: host) { return [literal] }
        let result: Result<[IPAddress], WebhookSendError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive { HostResolver.resolve(host) }
        } catch {
            throw .unreachable("cannot resolve \(host): \(error)")
        }
        return try result.get()
    }
}

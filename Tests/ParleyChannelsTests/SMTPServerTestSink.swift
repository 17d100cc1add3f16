import Foundation
import ParleyChannels
import ParleyCore
import ParleyTestSupport

/// Keeps what the listener delivers; refuses recipients `nobody@…`; fails to store while `failing`;
/// when `slow`, takes a moment over every answer, as a database would.
actor SMTPServerTestSink: InboundMailSink {
    struct Delivery: Sendable {
        let envelope: InboundEnvelope
        let message: [UInt8]

        /// The message without the `Received:` field the listener put on top.
        var body: [UInt8] {
            let text = String(decoding: message, as: UTF8.self)
            guard text.hasPrefix("Received: "), let end = text.range(of: " +0000\r\n") else { return message }
            return Array(text[end.upperBound...].utf8)
        }
    }

    private(set) var deliveries: [Delivery] = []
    private var failing = false
    private let slow: Bool

    init(slow: Bool = false) { self.slow = slow }

    func fail(_ failing: Bool) { self.failing = failing }

    func checkRecipient(_ address: String) async -> RecipientDecision {
        if slow { try? await Task.sleep(for: .milliseconds(20)) }
        return address.hasPrefix("nobody@") ? .reject("No such user here") : .accept
    }

    func deliver(_ envelope: InboundEnvelope, message: [UInt8]) async throws -> String {
        struct StoreDown: Error {}
        if slow { try? await Task.sleep(for: .milliseconds(20)) }
        guard !failing else { throw StoreDown() }
        deliveries.append(Delivery(envelope: envelope, message: message))
        return "MSG\(deliveries.count)"
    }
}

/// Runs `body` against a listener on a free loopback port, then stops the listener.
func withSMTPServer(
    _ configuration: InboundSMTPServer.Configuration, sink: SMTPServerTestSink, _ body: @Sendable (Int) async throws -> Void
) async throws {
    let server = InboundSMTPServer(host: "127.0.0.1", port: FreePort.pick(), sink: sink, configuration: configuration)
    try await withThrowingTaskGroup { group in
        group.addTask { try await server.run() }
        try await body(try await server.listeningPort())
        group.cancelAll()
        try await group.waitForAll()
    }
}

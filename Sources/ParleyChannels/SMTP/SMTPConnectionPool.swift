import NIOConcurrencyHelpers
import ParleyCore

/// Keeps connections to SMTP servers open between messages, so a burst of order updates pays for the
/// TCP handshake, the greeting, EHLO, STARTTLS and AUTH once per connection rather than per message:
/// a message on a kept connection is MAIL, RCPT and DATA (one round trip with PIPELINING) and the
/// message itself.
///
/// A connection waits at most `idleTimeout` for its next message (servers close idle clients after
/// minutes, RFC 5321 §4.5.3.2.7, some sooner), carries at most `messagesPerConnection`, and at most
/// `idlePerServer` wait per server; a message never waits for a busy connection but opens one of its
/// own. A message that fails on a kept connection before any of it was written, as when the server
/// closed the connection meanwhile, is sent at once on a new one.
public final class SMTPConnectionPool: Sendable {
    public let idleTimeout: Duration
    public let messagesPerConnection: Int
    public let idlePerServer: Int

    private struct Idle {
        var connections: [Server: [(connection: SMTPConnection, since: ContinuousClock.Instant)]] = [:]
        var sweeping = false
    }

    /// Transports with the same key have interchangeable connections: the same server, TLS and login.
    private typealias Server = String

    private static func server(_ transport: SMTPTransport) -> Server {
        let credentials = transport.credentials
        return [
            transport.host, String(transport.port), transport.hostname, transport.tls.rawValue, credentials?.username ?? "",
            credentials?.password ?? "", transport.trustedCAFile ?? "",
        ].joined(separator: "\u{0}")
    }

    private let idle = NIOLockedValueBox(Idle())

    public init(idleTimeout: Duration = .seconds(10), messagesPerConnection: Int = 100, idlePerServer: Int = 16) {
        self.idleTimeout = idleTimeout
        self.messagesPerConnection = messagesPerConnection
        self.idlePerServer = idlePerServer
    }

    func send(_ envelope: MailEnvelope, over transport: SMTPTransport) async throws -> DeliveryReceipt {
        let server = Self.server(transport)
        if let kept = take(server) {
            do {
                return try await kept.send(envelope)
            } catch is SMTPConnection.Stale {
                // Nothing of the message was taken: a new connection tries at once.
            }
        }
        let connection = SMTPConnection(transport: transport, maximumMessages: messagesPerConnection) { [weak self] connection in
            self?.keep(connection, for: server) ?? connection.finish()
        }
        do {
            return try await connection.send(envelope)
        } catch let stale as SMTPConnection.Stale {
            throw stale.error
        }
    }

    /// The connection that waited least, if any waits.
    private func take(_ server: Server) -> SMTPConnection? {
        idle.withLockedValue { idle in idle.connections[server]?.popLast()?.connection }
    }

    private func keep(_ connection: SMTPConnection, for server: Server) {
        let (kept, startSweeping) = idle.withLockedValue { idle -> (Bool, Bool) in
            guard idle.connections[server, default: []].count < idlePerServer else { return (false, false) }
            idle.connections[server, default: []].append((connection, .now))
            defer { idle.sweeping = true }
            return (true, !idle.sweeping)
        }
        if !kept { connection.finish() }
        if startSweeping { Task { await sweep() } }
    }

    /// Finishes connections idle for `idleTimeout`, as long as any wait.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: idleTimeout / 2)
            let (expired, done) = idle.withLockedValue { idle -> ([SMTPConnection], Bool) in
                let cutoff = ContinuousClock.now - idleTimeout
                var expired: [SMTPConnection] = []
                for (server, waiting) in idle.connections {
                    expired += waiting.filter { $0.since <= cutoff }.map(\.connection)
                    let kept = waiting.filter { $0.since > cutoff }
                    idle.connections[server] = kept.isEmpty ? nil : kept
                }
                idle.sweeping = !idle.connections.isEmpty
                return (expired, !idle.sweeping)
            }
            for connection in expired { connection.finish() }
            if done { return }
        }
    }
}

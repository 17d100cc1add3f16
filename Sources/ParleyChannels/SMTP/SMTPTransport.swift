import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ParleyCore

/// Sends mail to an SMTP server over SwiftNIO: one connection per message, or connections kept open
/// between messages when given a `pool` (as `parley serve` does).
///
/// Speaks ESMTP (EHLO with HELO fallback, STARTTLS or implicit TLS, AUTH PLAIN and LOGIN, PIPELINING,
/// SIZE, 8BITMIME, SMTPUTF8) with dot-stuffed DATA. Every reply is judged by `SMTPSession`: a 4xx reply
/// or a lost connection is a temporary failure to retry, a 5xx a permanent one.
/// ```swift
/// let relay = try SMTPTransport(url: "smtp://shop%40kubki.example:s3cret@smtp.example.com:587")
/// let receipt = try await relay.send(envelope)
/// ```
public struct SMTPTransport: EmailTransport {
    public let host: String
    public let port: Int
    /// The name this client gives in EHLO.
    public let hostname: String
    public let timeout: Duration
    public let tls: TLSMode
    public let credentials: SMTPCredentials?
    /// A PEM file of certificate authorities to trust besides the system's, for a private relay.
    public let trustedCAFile: String?
    /// Where connections wait for the next message; without one, each message has a connection of its own.
    public var pool: SMTPConnectionPool?

    /// A transport to `host`; `tls` is `.required` when there are credentials, `.opportunistic`
    /// otherwise, and `port` 465 for implicit TLS, 25 otherwise.
    public init(
        host: String, port: Int? = nil, hostname: String = "parley.localhost", timeout: Duration = .seconds(60), tls: TLSMode? = nil,
        credentials: SMTPCredentials? = nil, trustedCAFile: String? = nil
    ) {
        let tls = tls ?? (credentials == nil ? .opportunistic : .required)
        self.host = host
        self.port = port ?? (tls == .implicit ? 465 : 25)
        self.hostname = hostname
        self.timeout = timeout
        self.tls = tls
        self.credentials = credentials
        self.trustedCAFile = trustedCAFile
    }

    public func send(_ envelope: MailEnvelope) async throws -> DeliveryReceipt {
        if let pool { return try await pool.send(envelope, over: self) }
        return try await SMTPConnection(transport: self, maximumMessages: 1, release: { _ in }).send(envelope)
    }

    /// The error a failed step of a conversation with the server reports.
    func describe(_ error: any Error) -> TransportError {
        switch error {
        case let error as TransportError:
            return error
        case let error where error is NIOSSLError || error is NIOSSLExtraError:
            // Temporary, as a mail server defers such mail: a certificate gets renewed, a CA added.
            let hint = "\(error)".contains("CERTIFICATE_VERIFY_FAILED") ? " (for a private CA, add ?ca=/path/to/ca.pem)" : ""
            return .temporary("TLS with the SMTP server at \(host):\(port) failed\(hint): \(error)")
        default:
            return .temporary("cannot talk to the SMTP server at \(host):\(port): \(error)")
        }
    }

    /// What a message that took longer than `timeout` reports.
    var timedOut: TransportError {
        .temporary("the SMTP server at \(host):\(port) did not finish within \(timeout)")
    }

    /// A new connection to the server, with TLS from the first byte when `tls` is `.implicit`.
    func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let implicitTLS = tls == .implicit ? try makeTLSContext() : nil
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(30))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try addTLS(to: channel, context: implicitTLS) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Puts TLS under an open connection, after the server agreed to STARTTLS.
    func startTLS(on channel: any NIOCore.Channel) async throws {
        let context = try makeTLSContext()
        try await channel.eventLoop.submit { try addTLS(to: channel, context: context) }.get()
    }
}

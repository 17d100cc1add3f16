import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ParleyCore

/// Sends mail to an SMTP server over SwiftNIO, one connection per message.
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
        do {
            return try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
                group.addTask { try await self.converse(envelope) }
                group.addTask {
                    try await Task.sleep(for: self.timeout)
                    throw TransportError.temporary("the SMTP server at \(self.host):\(self.port) did not finish within \(self.timeout)")
                }
                defer { group.cancelAll() }
                guard let receipt = try await group.next() else { throw TransportError.temporary("no answer") }
                return receipt
            }
        } catch let error as TransportError {
            throw error
        } catch let error where error is NIOSSLError || error is NIOSSLExtraError {
            // Temporary, as a mail server defers such mail: a certificate gets renewed, a CA added.
            let hint = "\(error)".contains("CERTIFICATE_VERIFY_FAILED") ? " (for a private CA, add ?ca=/path/to/ca.pem)" : ""
            throw TransportError.temporary("TLS with the SMTP server at \(host):\(port) failed\(hint): \(error)")
        } catch {
            throw TransportError.temporary("cannot talk to the SMTP server at \(host):\(port): \(error)")
        }
    }

    private func converse(_ envelope: MailEnvelope) async throws -> DeliveryReceipt {
        let implicitTLS = tls == .implicit ? try makeTLSContext() : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(30))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try addTLS(to: channel, context: implicitTLS) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(hostname: hostname, envelope: envelope, tls: tls, credentials: credentials)
            var parser = SMTPReplyParser()
            var pending = ByteBuffer()
            var outcome: Result<DeliveryReceipt, TransportError>?
            do {
                reading: for try await chunk in inbound {
                    pending.writeImmutableBuffer(chunk)
                    while let line = pending.readSMTPLine() {
                        guard let reply = try parser.feed(line) else { continue }
                        switch session.received(reply) {
                        case .send(let command):
                            try await outbound.write(ByteBuffer(commands: [command]))
                        case .pipeline(let commands):
                            try await outbound.write(ByteBuffer(commands: commands))
                        case .readNextReply:
                            break
                        case .startTLS(let command):
                            // Bytes behind the 220 came in the clear but would be read as if they came over
                            // TLS: someone in the middle injecting replies (CVE-2011-0411's flaw, client side).
                            guard pending.readableBytes == 0 else {
                                throw TransportError.temporary("the SMTP server at \(host):\(port) sent more after agreeing to STARTTLS")
                            }
                            let context = try makeTLSContext()
                            try await channel.channel.eventLoop.submit { try addTLS(to: channel.channel, context: context) }.get()
                            // A failed handshake closes the channel, so this write fails too, with a bare "I/O on
                            // closed channel"; the handshake's own error follows on the inbound stream, and is the
                            // one reported.
                            try? await outbound.write(ByteBuffer(commands: [command]))
                        case .sendMessage:
                            try await outbound.write(ByteBuffer(bytes: envelope.dataBytes))
                        case .delivered(let receipt):
                            outcome = .success(receipt)
                            try await outbound.write(ByteBuffer(commands: ["QUIT"]))
                        case .failed(let error):
                            outcome = .failure(error)
                            try await outbound.write(ByteBuffer(commands: ["QUIT"]))
                        case .close:
                            break reading
                        }
                    }
                }
            } catch {
                // A server that hangs up once the outcome is known (over TLS often without close_notify)
                // does not change it.
                guard outcome != nil else { throw error }
            }
            return try (outcome ?? .failure(.temporary("the SMTP server closed the connection early"))).get()
        }
    }
}

extension ByteBuffer {
    /// Command lines, each ended by CRLF.
    fileprivate init(commands: [String]) {
        self.init(string: commands.map { $0 + "\r\n" }.joined())
    }

    /// The next CRLF- (or LF-) terminated line, without its ending.
    fileprivate mutating func readSMTPLine() -> String? {
        guard let newline = readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = newline - readerIndex
        guard var line = readString(length: length) else { return nil }
        moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

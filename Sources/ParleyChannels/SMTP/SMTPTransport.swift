import Foundation
import NIOCore
import NIOPosix
import ParleyCore

/// Sends mail to an SMTP server over SwiftNIO, one connection per message.
///
/// Speaks ESMTP (EHLO with HELO fallback, SIZE, SMTPUTF8) with dot-stuffed DATA. Every reply is
/// judged by `SMTPSession`: a 4xx reply or a lost connection is a temporary failure to retry, a 5xx
/// a permanent one.
public struct SMTPTransport: EmailTransport {
    public let host: String
    public let port: Int
    /// The name this client gives in EHLO.
    public let hostname: String
    public let timeout: Duration

    public init(host: String, port: Int = 25, hostname: String = "parley.localhost", timeout: Duration = .seconds(60)) {
        self.host = host
        self.port = port
        self.hostname = hostname
        self.timeout = timeout
    }

    /// The server named by `smtp://host:port` (port 25 by default).
    public init(url: String) throws(TransportError) {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "smtp", let host = components.host,
            !host.isEmpty
        else { throw .permanent("expected an smtp://host:port URL, got \(url)") }
        self.init(host: host, port: components.port ?? 25)
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
        } catch {
            throw TransportError.temporary("cannot talk to the SMTP server at \(host):\(port): \(error)")
        }
    }

    private func converse(_ envelope: MailEnvelope) async throws -> DeliveryReceipt {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(30))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(hostname: hostname, envelope: envelope)
            var parser = SMTPReplyParser()
            var pending = ByteBuffer()
            var outcome: Result<DeliveryReceipt, TransportError>?
            for try await chunk in inbound {
                pending.writeImmutableBuffer(chunk)
                while let line = pending.readSMTPLine() {
                    guard let reply = try parser.feed(line) else { continue }
                    switch session.received(reply) {
                    case .send(let command):
                        try await outbound.write(ByteBuffer(string: command + "\r\n"))
                    case .sendMessage:
                        try await outbound.write(ByteBuffer(bytes: envelope.dataBytes))
                    case .delivered(let receipt):
                        outcome = .success(receipt)
                        try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                    case .failed(let error):
                        outcome = .failure(error)
                        try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                    case .close:
                        return try outcome.unwrapped()
                    }
                }
            }
            // The server closed the connection; what was decided before that still stands.
            return try (outcome ?? .failure(.temporary("the SMTP server closed the connection early"))).get()
        }
    }
}

extension ByteBuffer {
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

extension Optional where Wrapped == Result<DeliveryReceipt, TransportError> {
    fileprivate func unwrapped() throws(TransportError) -> DeliveryReceipt {
        guard let self else { throw .temporary("the SMTP conversation ended without an outcome") }
        return try self.get()
    }
}

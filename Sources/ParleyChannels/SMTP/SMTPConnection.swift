import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ParleyCore

/// One connection to an SMTP server that carries messages one after another, each judged by
/// `SMTPSession`: the first after the greeting, EHLO, STARTTLS and AUTH, the next ones right after the
/// one before (RFC 5321 §4.1.4). A task of its own owns the socket; senders hand it a message and wait
/// for the outcome.
///
/// After each message taken it offers itself to `release` (the pool), which either keeps it for the
/// next message or finishes it; it says `QUIT` when finished, after a failure, or after
/// `maximumMessages`. Each message has `transport.timeout` from its first write to its outcome; past
/// it the socket is closed.
final class SMTPConnection: Sendable {
    /// A message failed on a connection that carried mail before, temporarily and before a byte of
    /// the message was written: most likely the server closed the connection while it sat idle (or
    /// limits the messages a connection may carry). Nothing was taken, so another connection may try at once.
    struct Stale: Error {
        let error: TransportError
    }

    private struct Request: Sendable {
        let envelope: MailEnvelope
        let outcome: CheckedContinuation<DeliveryReceipt, any Error>
    }

    private let requests: AsyncStream<Request>.Continuation

    /// Starts the connection's task; it connects when handed its first message.
    init(transport: SMTPTransport, maximumMessages: Int, release: @escaping @Sendable (SMTPConnection) -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Request.self)
        requests = continuation
        // The task holds the connection until it ends: after its last message, or when finished.
        Task { [self] in
            var pending = stream.makeAsyncIterator()
            guard let first = await pending.next() else { return }
            await Self.carry(first, then: &pending, over: transport, maximumMessages: maximumMessages) { release(self) }
        }
    }

    /// Sends `envelope` over this connection. Throws `TransportError`, or `Stale` when another
    /// connection may simply try again.
    func send(_ envelope: MailEnvelope) async throws -> DeliveryReceipt {
        try await withCheckedThrowingContinuation { outcome in
            if case .terminated = requests.yield(Request(envelope: envelope, outcome: outcome)) {
                outcome.resume(throwing: Stale(error: .temporary("the connection to the SMTP server was closed")))
            }
        }
    }

    /// Says `QUIT` once the message it is carrying, if any, is done.
    func finish() {
        requests.finish()
    }

    private static func carry(
        _ first: Request, then pending: inout AsyncStream<Request>.Iterator, over transport: SMTPTransport, maximumMessages: Int,
        release: @Sendable () -> Void
    ) async {
        var current: Request? = first
        do {
            let channel = try await transport.connect()
            try await channel.executeThenClose { inbound, outbound in
                var replies = SMTPReplyReader(inbound.makeAsyncIterator())
                var session = SMTPSession(
                    hostname: transport.hostname, envelope: first.envelope, tls: transport.tls, credentials: transport.credentials)
                var wroteMessage = false
                let closedEarly = TransportError.temporary(
                    "the SMTP server at \(transport.host):\(transport.port) closed the connection early")

                /// Carries out `action` and those that follow, to the message's outcome.
                func converse(from action: SMTPSession.Action?, _ envelope: MailEnvelope) async throws -> Result<
                    DeliveryReceipt, TransportError
                > {
                    var action = action
                    while true {
                        switch action {
                        case nil, .readNextReply?:
                            break
                        case .send(let command)?:
                            try await outbound.write(ByteBuffer(commands: [command]))
                        case .pipeline(let commands)?:
                            try await outbound.write(ByteBuffer(commands: commands))
                        case .startTLS(let command)?:
                            // Bytes behind the 220 came in the clear but would be read as if they came over
                            // TLS: someone in the middle injecting replies (CVE-2011-0411's flaw, client side).
                            guard replies.unreadBytes == 0 else {
                                throw TransportError.temporary(
                                    "the SMTP server at \(transport.host):\(transport.port) sent more after agreeing to STARTTLS")
                            }
                            try await transport.startTLS(on: channel.channel)
                            // A failed handshake closes the channel, so this write fails too, with a bare "I/O on
                            // closed channel"; the handshake's own error follows on the inbound stream, and is the
                            // one reported.
                            try? await outbound.write(ByteBuffer(commands: [command]))
                        case .sendMessage?:
                            wroteMessage = true
                            try await outbound.write(ByteBuffer(bytes: envelope.dataBytes))
                        case .delivered(let receipt)?:
                            return .success(receipt)
                        case .failed(let error)?:
                            try? await outbound.write(ByteBuffer(commands: ["QUIT"]))
                            return .failure(error)
                        case .close?:
                            return .failure(closedEarly)
                        }
                        guard let reply = try await replies.next() else { return .failure(closedEarly) }
                        action = session.received(reply)
                    }
                }

                var carried = 0
                while let request = current {
                    let deadline = Deadline(closing: channel.channel, after: transport.timeout)
                    wroteMessage = false
                    var outcome: Result<DeliveryReceipt, TransportError>
                    do {
                        outcome = try await converse(from: carried == 0 ? nil : session.next(request.envelope), request.envelope)
                    } catch {
                        outcome = .failure(transport.describe(error))
                    }
                    deadline.cancel()
                    // The deadline closed the socket: whatever that broke, the reason is the time.
                    if case .failure = outcome, deadline.passed { outcome = .failure(transport.timedOut) }
                    carried += 1
                    switch outcome {
                    case .success(let receipt):
                        current = nil
                        let more = carried < maximumMessages
                        // Offered before the sender hears, so the sender's next message finds it waiting.
                        if more { release() }
                        request.outcome.resume(returning: receipt)
                        if more { current = await pending.next() }
                    case .failure(let error):
                        current = nil
                        if carried > 1, !wroteMessage, case .temporary = error {
                            request.outcome.resume(throwing: Stale(error: error))
                        } else {
                            request.outcome.resume(throwing: error)
                        }
                        return
                    }
                }
                try? await outbound.write(ByteBuffer(commands: ["QUIT"]))
            }
        } catch {
            current?.outcome.resume(throwing: transport.describe(error))
        }
    }
}

/// Closes a channel unless cancelled in time: a message's limit, kept on the channel's event loop.
private final class Deadline: Sendable {
    private let task: Scheduled<Void>
    private let fired: NIOLockedValueBox<Bool>

    init(closing channel: any NIOCore.Channel, after limit: Duration) {
        let fired = NIOLockedValueBox(false)
        self.fired = fired
        let (seconds, attoseconds) = limit.components
        task = channel.eventLoop.scheduleTask(in: TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {
            fired.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
    }

    var passed: Bool { fired.withLockedValue { $0 } }

    func cancel() { task.cancel() }
}

/// The replies arriving on a connection, one whole (multiline) reply at a time.
struct SMTPReplyReader {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var parser = SMTPReplyParser()
    private var pending = ByteBuffer()

    init(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.inbound = inbound
    }

    /// Bytes received beyond the last reply.
    var unreadBytes: Int { pending.readableBytes }

    /// The next reply, or nil when the server closed the connection first.
    mutating func next() async throws -> SMTPReply? {
        while true {
            while let line = pending.readSMTPLine() {
                if let reply = try parser.feed(line) { return reply }
            }
            guard let chunk = try await inbound.next() else { return nil }
            pending.writeImmutableBuffer(chunk)
        }
    }
}

extension ByteBuffer {
    /// Command lines, each ended by CRLF.
    init(commands: [String]) {
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

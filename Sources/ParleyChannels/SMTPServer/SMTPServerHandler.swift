import Foundation
import Logging
import NIOCore
import NIOSSL
import ParleyCore

/// Carries out one connection's `SMTPServerSession` on a channel: frames the bytes into lines,
/// writes the replies, asks the sink, adds TLS, closes.
///
/// Lines are handled one at a time, in order. While the sink is thinking the handler reads nothing
/// more from the socket (it holds back `read`), so a pipelining client's later commands and a slow
/// sink never overtake each other, and a client cannot make it buffer without bound.
final class SMTPServerHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The server is stopping: say 421 and close, or do so once the sink has answered.
    struct ShutDown: Sendable {}

    private var session: SMTPServerSession
    private var framer = SMTPLineFramer()
    private let sink: any InboundMailSink
    private let tls: NIOSSLContext?
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var active = true
    private var readHeldBack = false
    private var lastActivity = NIODeadline.now()
    private var idleTimer: Scheduled<Void>?
    private var lastWrite: EventLoopFuture<Void>?

    init(session: SMTPServerSession, sink: any InboundMailSink, tls: NIOSSLContext?, idleTimeout: Duration, logger: Logger) {
        self.session = session
        self.sink = sink
        self.tls = tls
        self.idleTimeout = TimeAmount(idleTimeout)
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        logger.debug("SMTP connection opened")
        perform(session.greeting(), context: context)
        context.flush()
        scheduleIdleCheck(context: context, in: idleTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        idleTimer?.cancel()
        logger.debug("SMTP connection closed")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        framer.append(unwrapInboundIn(data).readableBytesView)
        lastActivity = .now()
        processBufferedLines(context: context)
    }

    func read(context: ChannelHandlerContext) {
        if session.isAwaitingSink {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ShutDown else { return context.fireUserInboundEventTriggered(event) }
        perform(session.shutDown(), context: context)
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that hangs up or fails the TLS handshake is no news to the server's operator.
        logger.debug("SMTP connection failed", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    private func processBufferedLines(context: ChannelHandlerContext) {
        while active, !session.isAwaitingSink, !session.isClosed, let frame = framer.next() {
            perform(session.received(frame, at: Date()), context: context)
        }
        // RFC 2920 §3.2: replies to pipelined commands go out together, once the input runs dry.
        context.flush()
    }

    private func perform(_ actions: [SMTPServerSession.Action], context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .reply(let code, let text):
                lastWrite = context.write(wrapOutboundOut(ByteBuffer(string: Self.reply(code, text))))
            case .checkRecipient(let address):
                let sink = sink
                let promise = context.eventLoop.makePromise(of: RecipientDecision.self)
                promise.completeWithTask { await sink.checkRecipient(address) }
                promise.futureResult.assumeIsolated().whenSuccess { decision in
                    self.resume(self.session.recipientChecked(decision), context: context)
                }
            case .deliver(let envelope, let message):
                deliver(envelope, message: message, context: context)
            case .startTLS:
                startTLS(context: context)
            case .close:
                context.flush()
                if let lastWrite {
                    lastWrite.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                } else {
                    context.close(promise: nil)
                }
            }
        }
    }

    private func deliver(_ envelope: InboundEnvelope, message: [UInt8], context: ChannelHandlerContext) {
        let sink = sink
        let promise = context.eventLoop.makePromise(of: String.self)
        promise.completeWithTask { try await sink.deliver(envelope, message: message) }
        promise.futureResult.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let id):
                if !self.active {
                    self.logger.warning("SMTP client left before hearing that its message was stored", metadata: ["id": "\(id)"])
                }
                self.logger.info(
                    "SMTP message received",
                    metadata: [
                        "id": "\(id)", "from": "\(envelope.mailFrom)", "recipients": "\(envelope.recipients.count)",
                        "bytes": "\(message.count)",
                    ])
                self.resume(self.session.delivered(id: id), context: context)
            case .failure(let error):
                self.logger.error("SMTP message not stored; the sender will retry", metadata: ["error": "\(error)"])
                self.resume(self.session.deliveryFailed(), context: context)
            }
        }
    }

    /// The sink answered: say so, then go on with what the client sent meanwhile.
    private func resume(_ actions: [SMTPServerSession.Action], context: ChannelHandlerContext) {
        guard active else { return }
        lastActivity = .now()
        perform(actions, context: context)
        processBufferedLines(context: context)
        if readHeldBack && !session.isAwaitingSink {
            readHeldBack = false
            context.read()
        }
    }

    private func startTLS(context: ChannelHandlerContext) {
        context.flush()
        guard let tls else { return context.close(promise: nil) }
        if framer.hasBufferedBytes {
            logger.warning("SMTP client sent commands behind STARTTLS in the clear; they were dropped (CVE-2011-0411)")
        }
        framer.discardBuffered()
        // The 220 has passed the pipeline already: it goes out in the clear, everything after it encrypted.
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        } catch {
            logger.error("cannot start TLS", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    /// Checks now and then, instead of rescheduling on every read, whether the client has gone quiet.
    private func scheduleIdleCheck(context: ChannelHandlerContext, in delay: TimeAmount) {
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            guard self.active, !self.session.isClosed else { return }
            let quiet = NIODeadline.now() - self.lastActivity
            if quiet >= self.idleTimeout && !self.session.isAwaitingSink {
                self.logger.info("SMTP client timed out")
                self.perform(self.session.timedOut(), context: context)
                context.flush()
            } else {
                // A sink that takes its time is not the client's silence.
                let remaining = self.session.isAwaitingSink ? self.idleTimeout : self.idleTimeout - quiet
                self.scheduleIdleCheck(context: context, in: remaining)
            }
        }
    }

    /// `250-first\r\n250 last\r\n` (RFC 5321 §4.2.1).
    static func reply(_ code: Int, _ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { "\(code)\($0.offset == lines.count - 1 ? " " : "-")\($0.element)\r\n" }.joined()
    }
}

/// Tells a client the server cannot take it now (too many connections, stopping) and closes.
final class SMTPRefusalHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let reply: String

    init(_ reply: String) { self.reply = reply }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply + "\r\n"))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

import ParleyCore

/// The client side of one SMTP transaction as a pure state machine (RFC 5321): it is told each reply
/// and answers with what to do next; the transport carries that out on a socket. Tested alone,
/// reply by reply, with no server.
///
/// A connection may carry more than one message (RFC 5321 §4.1.4): once a message is taken the
/// session is ready, and `next(_:)` starts the next transaction where the last one ended, without a
/// new greeting, EHLO, STARTTLS or AUTH.
///
/// Beyond the base protocol it speaks STARTTLS (RFC 3207), AUTH PLAIN and LOGIN (RFC 4954),
/// PIPELINING (RFC 2920), SIZE, 8BITMIME and SMTPUTF8. A password is only ever sent once TLS is up.
struct SMTPSession {
    enum Action: Equatable {
        /// Write this command line (without CRLF).
        case send(String)
        /// Write these command lines in one go (RFC 2920); one reply to each follows, in order.
        case pipeline([String])
        /// Nothing to write: the reply answered a pipelined command and the next one is due.
        case readNextReply
        /// Put TLS under the connection, then write this command line over it.
        case startTLS(then: String)
        /// Write the message, dot-stuffed and ended by `CRLF.CRLF`.
        case sendMessage
        /// The message was taken; say `QUIT` and close, or start the next message with `next(_:)`.
        case delivered(DeliveryReceipt)
        /// The message was not taken; say `QUIT` and close.
        case failed(TransportError)
        /// Nothing more to do.
        case close
    }

    private enum State {
        case greeting, ehlo, helo, startTLS
        /// AUTH was sent; these answer the server's `334` challenges, in order.
        case authenticating(answers: [String])
        case mailFrom
        case recipient(Int)
        case data
        /// The server took DATA for an envelope it had refused; the lone dot sent ends an empty message.
        case abandoning(TransportError)
        case message
        /// A message was taken; the connection may carry another.
        case ready
        case quit, closed
    }

    private let hostname: String
    private var envelope: MailEnvelope
    private let tls: SMTPTransport.TLSMode
    private let credentials: SMTPCredentials?
    private var state = State.greeting
    private var encrypted: Bool
    private var pipelining = false
    private var refusedSender: SMTPReply?
    private var rejected: [(recipient: String, reply: SMTPReply)] = []
    /// The extensions the server announced in its last EHLO reply (`SIZE`, `8BITMIME`, `STARTTLS`…).
    private(set) var extensions: [String: String] = [:]

    init(hostname: String, envelope: MailEnvelope, tls: SMTPTransport.TLSMode = .opportunistic, credentials: SMTPCredentials? = nil) {
        self.hostname = hostname
        self.envelope = envelope
        self.tls = tls
        self.credentials = credentials
        self.encrypted = tls == .implicit
    }

    mutating func received(_ reply: SMTPReply) -> Action {
        switch state {
        case .greeting:
            guard reply.code == 220 else { return fail(reply, while: "greeting") }
            state = .ehlo
            return .send("EHLO \(hostname)")
        case .ehlo:
            guard reply.code == 250 else {
                // A server from before ESMTP: fall back to HELO.
                state = .helo
                return .send("HELO \(hostname)")
            }
            for line in reply.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1)
                if let keyword = parts.first { extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : "" }
            }
            return startTLS()
        case .helo:
            guard reply.code == 250 else { return fail(reply, while: "HELO") }
            return startTLS()
        case .startTLS:
            guard reply.code == 220 else { return tls == .opportunistic ? authenticate() : fail(reply, while: "STARTTLS") }
            encrypted = true
            // RFC 3207 §4.2: what the server announced in the clear may have been forged; ask again.
            extensions = [:]
            state = .ehlo
            return .startTLS(then: "EHLO \(hostname)")
        case .authenticating(let answers):
            switch reply.code {
            case 334 where !answers.isEmpty:
                state = .authenticating(answers: Array(answers.dropFirst()))
                return .send(answers[0])
            case 235:
                return mailFrom()
            case 535:
                return quit(.permanent("the SMTP server refused the username or password: \(reply.text)"))
            default:
                return fail(reply, while: "AUTH")
            }
        case .mailFrom:
            if reply.code != 250 {
                // Pipelined replies to RCPT and DATA are still coming; the failure is reported after them.
                guard pipelining else { return fail(reply, while: "MAIL FROM") }
                refusedSender = reply
            }
            return nextRecipient(after: -1)
        case .recipient(let index):
            if reply.code != 250 && reply.code != 251 { rejected.append((envelope.recipients[index], reply)) }
            return nextRecipient(after: index)
        case .data:
            if let failure = envelopeFailure {
                // RFC 2920 §3.1: the server may take DATA although it refused the envelope; "the client
                // SMTP should send a single dot", an empty message that delivers nothing.
                guard reply.code == 354 else { return quit(failure) }
                state = .abandoning(failure)
                return .send(".")
            }
            guard reply.code == 354 else { return fail(reply, while: "DATA") }
            state = .message
            return .sendMessage
        case .abandoning(let failure):
            return quit(failure)
        case .message:
            guard reply.code == 250 else { return fail(reply, while: "the message") }
            state = .ready
            return .delivered(DeliveryReceipt(response: reply.text, rejected: rejected.map(\.recipient)))
        case .ready, .quit, .closed:
            // After QUIT its 221; while ready, a server's unasked reply only ever says it is closing
            // (421, an idle timeout).
            state = .closed
            return .close
        }
    }

    /// Starts a transaction for `envelope` on this connection; only after `.delivered`, before `QUIT`.
    mutating func next(_ envelope: MailEnvelope) -> Action {
        guard case .ready = state else { preconditionFailure("a new message can only follow a delivered one") }
        self.envelope = envelope
        refusedSender = nil
        rejected = []
        pipelining = false
        return mailFrom()
    }

    private mutating func startTLS() -> Action {
        guard !encrypted, tls == .opportunistic || tls == .required else { return authenticate() }
        if extensions["STARTTLS"] != nil {
            state = .startTLS
            return .send("STARTTLS")
        }
        guard tls == .opportunistic else {
            let password = credentials == nil ? "" : "; the password was not sent"
            return quit(.permanent("the SMTP server does not offer STARTTLS, and TLS is required\(password)"))
        }
        return authenticate()
    }

    private mutating func authenticate() -> Action {
        guard let credentials else { return mailFrom() }
        guard encrypted else {
            let why = tls == .none ? "TLS is off (tls=none)" : "the server did not start TLS"
            return quit(.permanent("the SMTP password is never sent unencrypted, and \(why)"))
        }
        guard let offered = extensions["AUTH"] else {
            return quit(.permanent("the SMTP server does not offer AUTH, but a username and password are configured"))
        }
        guard let authentication = credentials.authentication(offered: offered) else {
            return quit(.permanent("the SMTP server offers AUTH \(offered); Parley speaks PLAIN and LOGIN"))
        }
        state = .authenticating(answers: authentication.answers)
        return .send(authentication.command)
    }

    private mutating func mailFrom() -> Action {
        if let limit = extensions["SIZE"].flatMap({ Int($0) }), limit > 0, envelope.message.count > limit {
            return quit(.permanent("the message has \(envelope.message.count) bytes; the server takes at most \(limit)"))
        }
        var command = "MAIL FROM:<\(envelope.from)>"
        if extensions["SIZE"] != nil { command += " SIZE=\(envelope.message.count)" }
        // Without 8BITMIME the message still goes as it is: it is DKIM-signed already, so recoding its
        // body (RFC 6152 §3) would break the signature, and servers that lack the keyword take 8-bit
        // bytes in practice. The composer uses quoted-printable, so this is rare.
        if envelope.hasEightBitBytes && extensions["8BITMIME"] != nil { command += " BODY=8BITMIME" }
        if envelope.hasUnicodeAddresses && extensions["SMTPUTF8"] != nil { command += " SMTPUTF8" }
        state = .mailFrom
        guard extensions["PIPELINING"] != nil else { return .send(command) }
        pipelining = true
        return .pipeline([command] + envelope.recipients.map(Self.recipientCommand) + ["DATA"])
    }

    private mutating func nextRecipient(after index: Int) -> Action {
        let next = index + 1
        if next < envelope.recipients.count {
            state = .recipient(next)
            return pipelining ? .readNextReply : .send(Self.recipientCommand(envelope.recipients[next]))
        }
        state = .data
        if pipelining { return .readNextReply }
        if let failure = envelopeFailure { return quit(failure) }
        return .send("DATA")
    }

    private static func recipientCommand(_ recipient: String) -> String { "RCPT TO:<\(recipient)>" }

    /// Why the envelope cannot carry the message: the sender or every recipient was refused.
    private var envelopeFailure: TransportError? {
        if let refusedSender { return Self.error(refusedSender, while: "MAIL FROM") }
        guard rejected.count == envelope.recipients.count else { return nil }
        let reasons = rejected.map { "\($0.recipient): \($0.reply.text)" }.joined(separator: "; ")
        // Retry only if some refusal was temporary (a greylisting 450, a full mailbox 452).
        return rejected.allSatisfy { $0.reply.isPermanentFailure } ? .permanent(reasons) : .temporary(reasons)
    }

    private mutating func fail(_ reply: SMTPReply, while step: String) -> Action { quit(Self.error(reply, while: step)) }

    private mutating func quit(_ error: TransportError) -> Action {
        state = .quit
        return .failed(error)
    }

    private static func error(_ reply: SMTPReply, while step: String) -> TransportError {
        let reason = "\(step): \(reply.text)"
        return reply.isPermanentFailure ? .permanent(reason) : .temporary(reason)
    }
}

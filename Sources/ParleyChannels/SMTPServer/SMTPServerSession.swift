import Foundation
import ParleyCore

/// The server side of one SMTP connection as a pure state machine (RFC 5321): it is told each line
/// the client sent and what the sink answered, and returns what to do; `SMTPServerHandler` carries
/// that out on a socket. Tested alone, line by line, with no socket.
///
/// Speaks ESMTP with PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8
/// (RFC 6531), ENHANCEDSTATUSCODES (RFC 2034, 3463) and STARTTLS (RFC 3207).
struct SMTPServerSession {
    enum Action: Equatable {
        /// Write this reply; an EHLO reply's lines are separated by `\n`.
        case reply(Int, String)
        /// Ask the sink about this recipient, then call `recipientChecked(_:)`; read nothing meanwhile.
        case checkRecipient(String)
        /// Store this message (trace field included), then call `delivered(id:)` or `deliveryFailed()`;
        /// read nothing meanwhile.
        case deliver(InboundEnvelope, message: [UInt8])
        /// The 220 is written: put TLS under the connection and drop whatever the client sent behind
        /// STARTTLS.
        case startTLS
        /// Close the connection once the replies before it are written.
        case close
    }

    /// What a session needs to know of the server's configuration.
    struct Settings: Equatable {
        var hostname: String
        var maxMessageSize: Int
        var maxRecipients: Int
        var tlsAvailable: Bool
        var requireTLS: Bool
        /// Refused commands after which the connection is closed with 421.
        var maxErrors: Int
    }

    enum Phase: Equatable {
        case awaitingHello, ready
        /// MAIL was accepted; RCPT and DATA may follow.
        case transaction
        case checkingRecipient(String)
        case receivingData
        case delivering
        case closed
    }

    let settings: Settings
    let remoteAddress: String?
    /// Names this connection in trace fields and logs; a message's id is this and its number.
    let connectionID: String
    // The state below is internal, not private, for the commands in SMTPServerSession+Commands.swift.
    var phase = Phase.awaitingHello
    var heloName: String?
    var extended = false
    var encrypted = false
    /// Whether the client has ended any line with CRLF; until then it is taken for a bare-LF client.
    var sawCRLF = false
    var discardingLongLine = false
    var errors = 0
    var messageCount = 0
    var shuttingDown = false
    var mailFrom = ""
    var recipients: [String] = []
    var utf8Transaction = false
    var message: [UInt8] = []
    var messageSize = 0
    var atLineStart = true

    init(settings: Settings, remoteAddress: String?, connectionID: String) {
        self.settings = settings
        self.remoteAddress = remoteAddress
        self.connectionID = connectionID
    }

    /// Waiting for the sink: the caller feeds no lines until it reports the sink's answer.
    var isAwaitingSink: Bool {
        switch phase {
        case .checkingRecipient, .delivering: true
        default: false
        }
    }

    var isClosed: Bool { phase == .closed }

    /// The 220 greeting, the first thing the server says.
    func greeting() -> [Action] { [.reply(220, "\(settings.hostname) ESMTP Parley")] }

    /// Handles what the client sent: a command line, or a line of the message after DATA.
    mutating func received(_ frame: SMTPFrame, at now: Date) -> [Action] {
        if case .line(_, .crlf) = frame { sawCRLF = true }
        switch phase {
        case .receivingData:
            return receivedData(frame, at: now)
        case .checkingRecipient, .delivering:
            assertionFailure("input while waiting for the sink")
            return []
        case .closed:
            return []
        case .awaitingHello, .ready, .transaction:
            switch frame {
            case .fragment:
                discardingLongLine = true
                return []
            case .line(let bytes, _):
                guard !discardingLongLine else {
                    discardingLongLine = false
                    return refuse(500, "5.5.6 Error: line too long")
                }
                return command(bytes)
            }
        }
    }

    /// The sink's answer to `.checkRecipient`.
    mutating func recipientChecked(_ decision: RecipientDecision) -> [Action] {
        guard case .checkingRecipient(let address) = phase else { return [] }
        phase = .transaction
        switch decision {
        case .accept:
            if !recipients.contains(address) { recipients.append(address) }
            return finish([.reply(250, "2.1.5 Ok")])
        case .reject(let reason):
            return finish(refuse(550, "5.1.1 \(Self.printable(reason))"))
        }
    }

    /// The sink stored the message as `id`.
    mutating func delivered(id: String) -> [Action] {
        guard phase == .delivering else { return [] }
        endTransaction()
        return finish([.reply(250, "2.0.0 Ok: queued as \(Self.printable(id))")])
    }

    /// The sink could not store the message: the client keeps it and tries again later.
    mutating func deliveryFailed() -> [Action] {
        guard phase == .delivering else { return [] }
        endTransaction()
        return finish([.reply(451, "4.3.0 Error: the message could not be stored; try again later")])
    }

    /// The client said nothing for too long.
    mutating func timedOut() -> [Action] {
        guard phase != .closed else { return [] }
        phase = .closed
        return [.reply(421, "4.4.2 \(settings.hostname) Error: timeout exceeded"), .close]
    }

    /// The server is stopping: close now, or once the sink has answered and the client has heard.
    mutating func shutDown() -> [Action] {
        shuttingDown = true
        guard !isAwaitingSink else { return [] }
        return finish([])
    }

    // MARK: - The message

    private mutating func receivedData(_ frame: SMTPFrame, at now: Date) -> [Action] {
        var bytes: [UInt8]
        let endsLine: Bool
        switch frame {
        case .fragment(let piece):
            (bytes, endsLine) = (piece, false)
        case .line(let line, .crlf):
            (bytes, endsLine) = (line, true)
        case .line(let line, .lf):
            // A client that speaks CRLF is a mail server: its bare LF is part of a line, so that
            // `<LF>.<CRLF>` cannot end the message early and smuggle a second one in behind it
            // (SMTP smuggling, CVE-2023-51766). Only a client that has used bare LF throughout
            // ends lines with it.
            (bytes, endsLine) = sawCRLF ? (line + [UInt8(ascii: "\n")], false) : (line, true)
        }
        if atLineStart {
            if endsLine && bytes == [UInt8(ascii: ".")] { return endOfData(at: now) }
            // RFC 5321 §4.5.2: a line the client started with a dot had a dot added to it.
            if bytes.first == UInt8(ascii: ".") { bytes.removeFirst() }
        }
        if endsLine { bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")] }
        messageSize += bytes.count
        // Over the limit the rest is read and dropped, so that the reply comes after the client's dot.
        if messageSize <= settings.maxMessageSize {
            message += bytes
        } else {
            message = []
        }
        atLineStart = endsLine
        return []
    }

    private mutating func endOfData(at now: Date) -> [Action] {
        guard messageSize <= settings.maxMessageSize else {
            endTransaction()
            return refuse(552, Self.tooBig(settings.maxMessageSize))
        }
        // Nothing to keep, and the same answer as the API's for an empty body; permanent, so the
        // sender does not retry it for days.
        guard message.contains(where: { !Self.blank.contains($0) }) else {
            endTransaction()
            return refuse(554, "5.6.0 Error: the message is empty")
        }
        messageCount += 1
        let envelope = InboundEnvelope(mailFrom: mailFrom, recipients: recipients, heloName: heloName, remoteAddress: remoteAddress)
        let trace = ReceivedHeader(
            heloName: heloName, remoteAddress: remoteAddress, hostname: settings.hostname, protocolName: protocolName,
            id: "\(connectionID).\(messageCount)", recipients: recipients, date: now)
        let bytes = trace.bytes + message
        message = []
        phase = .delivering
        return [.deliver(envelope, message: bytes)]
    }

    /// RFC 3848 and RFC 6531 §3.7.3: how the message came, for the trace field.
    private var protocolName: String {
        let name = utf8Transaction ? "UTF8SMTP" : extended ? "ESMTP" : "SMTP"
        return encrypted ? (name == "SMTP" ? "ESMTPS" : name + "S") : name
    }

    /// Bytes that alone make no message (`smtplib` sends an empty message as one CRLF).
    static let blank: Set<UInt8> = [0x0D, 0x0A, 0x20, 0x09]

    static func tooBig(_ limit: Int) -> String { "5.3.4 Message exceeds fixed maximum message size of \(limit) bytes" }

    // MARK: - Bookkeeping shared with the commands

    /// A refusal, which counts towards the connection's error limit.
    mutating func refuse(_ code: Int, _ text: String) -> [Action] {
        errors += 1
        guard errors >= settings.maxErrors else { return [.reply(code, text)] }
        phase = .closed
        return [.reply(code, text), .reply(421, "4.7.0 \(settings.hostname) Error: too many errors"), .close]
    }

    /// `actions`, then 421 and close if the server is stopping and nothing else keeps the session.
    private mutating func finish(_ actions: [Action]) -> [Action] {
        guard shuttingDown, phase != .closed else { return actions }
        phase = .closed
        return actions + [.reply(421, "4.3.2 \(settings.hostname) Service shutting down"), .close]
    }

    /// Forgets the sender, recipients and message (RSET, EHLO, the end of DATA).
    mutating func endTransaction() {
        if phase != .awaitingHello { phase = .ready }
        mailFrom = ""
        recipients = []
        utf8Transaction = false
        message = []
        messageSize = 0
        atLineStart = true
    }

    /// Text from the sink made safe for one reply line.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}

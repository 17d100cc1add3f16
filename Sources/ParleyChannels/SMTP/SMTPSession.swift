import ParleyCore

/// The client side of one SMTP transaction as a pure state machine (RFC 5321): it is told each reply
/// and answers with what to do next; the transport carries that out on a socket. Tested alone,
/// reply by reply, with no server.
struct SMTPSession {
    enum Action: Equatable {
        /// Write this command line (without CRLF).
        case send(String)
        /// Write the message, dot-stuffed and ended by `CRLF.CRLF`.
        case sendMessage
        /// The message was taken; say `QUIT` and close.
        case delivered(DeliveryReceipt)
        /// The message was not taken; say `QUIT` and close.
        case failed(TransportError)
        /// Nothing more to do.
        case close
    }

    private enum State {
        case greeting, ehlo, helo, mailFrom
        case recipient(Int)
        case data, message, quit, closed
    }

    private let hostname: String
    private let envelope: MailEnvelope
    private var state = State.greeting
    private var rejected: [(recipient: String, reply: SMTPReply)] = []
    /// The extensions the server announced in its EHLO reply (`SIZE`, `8BITMIME`, `STARTTLS`…).
    private(set) var extensions: [String: String] = [:]

    init(hostname: String, envelope: MailEnvelope) {
        self.hostname = hostname
        self.envelope = envelope
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
            return mailFrom()
        case .helo:
            guard reply.code == 250 else { return fail(reply, while: "HELO") }
            return mailFrom()
        case .mailFrom:
            guard reply.code == 250 else { return fail(reply, while: "MAIL FROM") }
            return nextRecipient(after: -1)
        case .recipient(let index):
            if reply.code != 250 && reply.code != 251 { rejected.append((envelope.recipients[index], reply)) }
            return nextRecipient(after: index)
        case .data:
            guard reply.code == 354 else { return fail(reply, while: "DATA") }
            state = .message
            return .sendMessage
        case .message:
            guard reply.code == 250 else { return fail(reply, while: "the message") }
            state = .quit
            return .delivered(DeliveryReceipt(response: reply.text, rejected: rejected.map(\.recipient)))
        case .quit, .closed:
            state = .closed
            return .close
        }
    }

    private mutating func mailFrom() -> Action {
        if let limit = extensions["SIZE"].flatMap({ Int($0) }), limit > 0, envelope.message.count > limit {
            state = .quit
            return .failed(.permanent("the message has \(envelope.message.count) bytes; the server takes at most \(limit)"))
        }
        state = .mailFrom
        let size = extensions["SIZE"] != nil ? " SIZE=\(envelope.message.count)" : ""
        let utf8 = extensions["SMTPUTF8"] != nil && !envelope.from.allSatisfy(\.isASCII) ? " SMTPUTF8" : ""
        return .send("MAIL FROM:<\(envelope.from)>\(size)\(utf8)")
    }

    private mutating func nextRecipient(after index: Int) -> Action {
        let next = index + 1
        if next < envelope.recipients.count {
            state = .recipient(next)
            return .send("RCPT TO:<\(envelope.recipients[next])>")
        }
        guard rejected.count < envelope.recipients.count else {
            state = .quit
            let reasons = rejected.map { "\($0.recipient): \($0.reply.text)" }.joined(separator: "; ")
            // Retry only if some refusal was temporary (a greylisting 450, a full mailbox 452).
            return .failed(rejected.allSatisfy { $0.reply.isPermanentFailure } ? .permanent(reasons) : .temporary(reasons))
        }
        state = .data
        return .send("DATA")
    }

    private mutating func fail(_ reply: SMTPReply, while step: String) -> Action {
        state = .quit
        let reason = "\(step): \(reply.text)"
        return .failed(reply.isPermanentFailure ? .permanent(reason) : .temporary(reason))
    }
}

extension MailEnvelope {
    /// The message as DATA sends it: lines starting with `.` get another (RFC 5321 §4.5.2), CRLF line
    /// ends throughout, and the closing `CRLF.CRLF`.
    var dataBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { output.append(UInt8(ascii: "\r")) }
            if atLineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if !atLineStart { output += Array("\r\n".utf8) }
        return output + Array(".\r\n".utf8)
    }
}

import ParleyCore

extension SMTPServerSession {
    /// One command line, without its ending.
    mutating func command(_ bytes: [UInt8]) -> [Action] {
        guard let line = String(validating: bytes, as: UTF8.self) else { return refuse(500, "5.5.2 Error: command not recognized") }
        let word = line.prefix { $0 != " " }
        let verb = word.uppercased()
        let argument = String(line[word.endIndex...]).trimmingSpaces
        switch verb {
        case "EHLO", "HELO": return hello(argument, extended: verb == "EHLO")
        case "MAIL": return mail(argument)
        case "RCPT": return recipient(argument)
        case "DATA": return data(argument)
        case "STARTTLS": return startTLS(argument)
        case "RSET":
            guard argument.isEmpty else { return refuse(501, "5.5.4 Syntax: RSET") }
            endTransaction()
            return [.reply(250, "2.0.0 Ok")]
        case "NOOP": return [.reply(250, "2.0.0 Ok")]
        case "QUIT":
            phase = .closed
            return [.reply(221, "2.0.0 Bye"), .close]
        case "VRFY":
            guard !argument.isEmpty else { return refuse(501, "5.5.4 Syntax: VRFY address") }
            return [.reply(252, "2.0.0 Cannot VRFY user, but will accept message and attempt delivery")]
        case "HELP": return [.reply(214, "2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY STARTTLS; see RFC 5321")]
        case "EXPN", "TURN", "ETRN", "ATRN", "BDAT", "AUTH": return refuse(502, "5.5.1 Error: command not implemented")
        case "GET", "POST", "HEAD", "PUT", "CONNECT":
            // A browser or proxy tricked into talking to the SMTP port: end it before its headers
            // are read as commands.
            phase = .closed
            return [.reply(221, "2.7.0 Error: this is an SMTP server"), .close]
        default: return refuse(500, "5.5.2 Error: command not recognized")
        }
    }

    private mutating func hello(_ argument: String, extended: Bool) -> [Action] {
        guard let name = argument.split(separator: " ").first else {
            return refuse(501, "5.5.4 Syntax: \(extended ? "EHLO" : "HELO") hostname")
        }
        // RFC 5321 §4.1.4: a second EHLO in a transaction resets it, as RSET would.
        phase = .ready
        endTransaction()
        heloName = String(name)
        self.extended = extended
        guard extended else { return [.reply(250, settings.hostname)] }
        var lines = [settings.hostname, "PIPELINING", "SIZE \(settings.maxMessageSize)", "8BITMIME"]
        if settings.tlsAvailable && !encrypted { lines.append("STARTTLS") }
        lines += ["ENHANCEDSTATUSCODES", "SMTPUTF8"]
        return [.reply(250, lines.joined(separator: "\n"))]
    }

    private mutating func mail(_ argument: String) -> [Action] {
        switch phase {
        case .awaitingHello: return refuse(503, "5.5.1 Error: send HELO/EHLO first")
        case .ready: break
        default: return refuse(503, "5.5.1 Error: nested MAIL command")
        }
        guard encrypted || !settings.requireTLS else { return refuse(530, "5.7.0 Must issue a STARTTLS command first") }
        guard argument.uppercased().hasPrefix("FROM:") else { return refuse(501, "5.5.4 Syntax: MAIL FROM:<address>") }
        guard let path = SMTPPathArgument(parsing: argument, prefix: "FROM:") else { return refuse(501, "5.1.7 Bad sender address syntax") }
        var utf8 = false
        for parameter in path.parameters {
            switch (parameter.keyword, parameter.value?.uppercased()) {
            case ("SIZE", let value?) where !value.isEmpty && value.allSatisfy({ ("0"..."9").contains($0) }):
                // RFC 1870 §6.3: refuse a message announced as too big before it is sent.
                guard let size = Int(value), size <= settings.maxMessageSize else {
                    return refuse(552, Self.tooBig(settings.maxMessageSize))
                }
            case ("BODY", "7BIT"), ("BODY", "8BITMIME"):
                break
            case ("SMTPUTF8", nil):
                utf8 = true
            case ("SIZE", _), ("BODY", _), ("SMTPUTF8", _):
                return refuse(501, "5.5.4 Bad \(parameter.keyword) parameter")
            default:
                return refuse(555, "5.5.4 Unsupported option: \(parameter.keyword.prefix(40))")
            }
        }
        guard utf8 || !path.isInternationalized else { return refuse(553, "5.6.7 Error: SMTPUTF8 is required for a non-ASCII address") }
        mailFrom = path.address
        recipients = []
        utf8Transaction = utf8
        phase = .transaction
        return [.reply(250, "2.1.0 Ok")]
    }

    private mutating func recipient(_ argument: String) -> [Action] {
        switch phase {
        case .awaitingHello: return refuse(503, "5.5.1 Error: send HELO/EHLO first")
        case .transaction: break
        default: return refuse(503, "5.5.1 Error: need MAIL command")
        }
        guard argument.uppercased().hasPrefix("TO:") else { return refuse(501, "5.5.4 Syntax: RCPT TO:<address>") }
        guard let path = SMTPPathArgument(parsing: argument, prefix: "TO:"), !path.address.isEmpty else {
            return refuse(501, "5.1.3 Bad recipient address syntax")
        }
        if let parameter = path.parameters.first { return refuse(555, "5.5.4 Unsupported option: \(parameter.keyword.prefix(40))") }
        guard utf8Transaction || !path.isInternationalized else {
            return refuse(553, "5.6.7 Error: SMTPUTF8 is required for a non-ASCII address")
        }
        // Not an error towards the limit: RFC 5321 §4.5.3.1.10 has the client send the rest later.
        guard recipients.count < settings.maxRecipients else { return [.reply(452, "4.5.3 Error: too many recipients")] }
        phase = .checkingRecipient(path.address)
        return [.checkRecipient(path.address)]
    }

    private mutating func data(_ argument: String) -> [Action] {
        switch phase {
        case .awaitingHello: return refuse(503, "5.5.1 Error: send HELO/EHLO first")
        case .transaction: break
        default: return refuse(503, "5.5.1 Error: need MAIL command")
        }
        guard argument.isEmpty else { return refuse(501, "5.5.4 Syntax: DATA") }
        // RFC 2920 §3.1: with every recipient refused, DATA is refused too, and whatever the client
        // pipelined behind it is read as commands (and refused), never as a message.
        guard !recipients.isEmpty else { return refuse(554, "5.5.1 Error: no valid recipients") }
        phase = .receivingData
        message = []
        messageSize = 0
        atLineStart = true
        return [.reply(354, "End data with <CR><LF>.<CR><LF>")]
    }

    private mutating func startTLS(_ argument: String) -> [Action] {
        guard settings.tlsAvailable else { return refuse(502, "5.5.1 Error: command not implemented") }
        guard !encrypted else { return refuse(503, "5.5.1 Error: TLS already active") }
        guard argument.isEmpty else { return refuse(501, "5.5.4 Syntax: STARTTLS") }
        guard phase == .awaitingHello || phase == .ready else { return refuse(503, "5.5.1 Error: MAIL transaction in progress") }
        // RFC 3207 §4.2: forget everything the client said in the clear; it says EHLO again.
        encrypted = true
        heloName = nil
        extended = false
        phase = .awaitingHello
        return [.reply(220, "2.0.0 Ready to start TLS"), .startTLS]
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

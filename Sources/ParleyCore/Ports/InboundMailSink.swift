/// Who sent a message to Parley's SMTP listener and for whom, as the SMTP conversation said.
public struct InboundEnvelope: Sendable, Equatable {
    /// The reverse-path without `< >`; `""` for the null sender (bounces, RFC 5321 §4.5.5).
    public var mailFrom: String
    /// The accepted forward-paths without `< >`, in the order the client gave them.
    public var recipients: [String]
    /// The name the client gave in EHLO or HELO, unchecked.
    public var heloName: String?
    /// The client's IP address (`203.0.113.5`).
    public var remoteAddress: String?

    /// An envelope as the SMTP conversation gave it.
    public init(mailFrom: String, recipients: [String], heloName: String?, remoteAddress: String?) {
        self.mailFrom = mailFrom
        self.recipients = recipients
        self.heloName = heloName
        self.remoteAddress = remoteAddress
    }
}

/// Whether Parley takes mail for a recipient address.
public enum RecipientDecision: Sendable, Equatable {
    case accept
    /// Refused for good; the text becomes the reply `550 5.1.1 <text>`.
    case reject(String)
}

/// Where received mail goes. `deliver` must store the message durably before it returns: the
/// listener says 250 only after it returns.
public protocol InboundMailSink: Sendable {
    /// Asked once per `RCPT TO`, before the message is sent.
    func checkRecipient(_ address: String) async -> RecipientDecision
    /// Returns an id for the stored message, quoted in the 250 reply. Throwing makes the listener
    /// answer 451 4.3.0 (the sender retries later).
    func deliver(_ envelope: InboundEnvelope, message: [UInt8]) async throws -> String
}

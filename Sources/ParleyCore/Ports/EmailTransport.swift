/// A message ready for the wire: the SMTP envelope and the composed RFC 5322 bytes.
public struct MailEnvelope: Sendable, Equatable {
    /// The return path (`MAIL FROM`), where bounces go.
    public var from: String
    public var recipients: [String]
    public var message: [UInt8]

    public init(from: String, recipients: [String], message: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

/// What the receiving server said when it took a message.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The server's reply, often with its queue id (`250 2.0.0 Ok: queued as 4Kx2`).
    public var response: String
    /// Recipients the server refused while taking the message for the others.
    public var rejected: [String]

    public init(response: String, rejected: [String] = []) {
        self.response = response
        self.rejected = rejected
    }
}

/// Why a message was not taken: worth retrying (`temporary`: a 4xx reply, a lost connection) or not
/// (`permanent`: a 5xx reply such as an unknown mailbox), or not until the shop fixes a setting
/// (`configuration`: no mail server, a sender that does not parse, a DKIM key that cannot sign).
public enum TransportError: Error, Equatable, Sendable {
    case temporary(String)
    case permanent(String)
    /// The message waits, shown to the shop, and is sent again once `setting` changes.
    case configuration(setting: String, String)
}

/// Sends email. Implementations live in ParleyChannels; the composition root picks one.
public protocol EmailTransport: Sendable {
    func send(_ envelope: MailEnvelope) async throws -> DeliveryReceipt
}

/// A text message ready for a provider.
public struct OutgoingSMS: Sendable, Equatable {
    /// The recipient in E.164 (`+48601234567`).
    public var to: String
    /// The sender: a number or an alphanumeric sender id; the provider's default when nil.
    public var from: String?
    public var body: String
    /// Parley's id for the message, handed to the provider so that delivery reports can name it.
    public var reference: String

    public init(to: String, from: String?, body: String, reference: String) {
        self.to = to
        self.from = from
        self.body = body
        self.reference = reference
    }
}

/// What the provider said when it took a message.
public struct SMSReceipt: Sendable, Equatable {
    /// The provider's id for the message (Twilio's `SM…` sid), when it gives one.
    public var providerMessageID: String?
    public var response: String

    public init(providerMessageID: String?, response: String) {
        self.providerMessageID = providerMessageID
        self.response = response
    }
}

/// Sends text messages through a provider's HTTP API. Implementations live in ParleyChannels.
/// Failures are `TransportError`: temporary (5xx, 429, no connection) or permanent (a refused number).
public protocol SMSTransport: Sendable {
    func send(_ sms: OutgoingSMS) async throws -> SMSReceipt
}

/// What a provider later reports about a message it took.
public struct SMSDeliveryReport: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Handed on towards the handset; not final.
        case sent
        case delivered
        /// Not delivered, with the provider's reason.
        case failed(String)
    }

    /// Parley's reference, when the provider echoes it back (Kannel, the generic webhook).
    public var reference: String?
    /// The provider's id (Twilio), when the reference is not echoed.
    public var providerMessageID: String?
    public var outcome: Outcome

    public init(reference: String?, providerMessageID: String?, outcome: Outcome) {
        self.reference = reference
        self.providerMessageID = providerMessageID
        self.outcome = outcome
    }
}

/// A text message a customer sent to the shop's number.
public struct InboundSMS: Sendable, Equatable {
    public var from: String
    public var to: String
    public var body: String
    public var providerMessageID: String?

    public init(from: String, to: String, body: String, providerMessageID: String?) {
        self.from = from
        self.to = to
        self.body = body
        self.providerMessageID = providerMessageID
    }
}

/// A provider's callback on `/hooks/sms/{provider}/{shop}`, once verified and read.
public enum SMSCallback: Sendable, Equatable {
    case delivery(SMSDeliveryReport)
    case inbound(InboundSMS)
}

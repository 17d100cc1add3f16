import ParleyCore

/// Finds the transports for a shop's messages from its settings; the composition root knows the
/// implementations (SMTP, Twilio, Kannel…), the services only the ports.
public protocol MessageTransports: Sendable {
    /// The shop's mail server; throws `TransportError` when none is configured.
    func email(settings: [String: String], shop: Shop) throws -> any EmailTransport
    /// The shop's SMS provider; throws `TransportError` when none is configured.
    func sms(settings: [String: String], shop: Shop) throws -> any SMSTransport
}

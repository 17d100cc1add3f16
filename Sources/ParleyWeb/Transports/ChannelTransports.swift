import ParleyChannels
import ParleyCore
import ParleyServices

/// The transports of this installation: the shop's own mail server (`email.smtp_url`) or the
/// installation's (`PARLEY_SMTP_URL`), and the shop's SMS provider; in the demo, without them,
/// the outbox that keeps what would have been sent.
struct ChannelTransports: MessageTransports {
    let smtpURL: String?
    /// Without a trailing slash.
    let publicURL: String
    var outbox: DemoOutbox?
    /// Connections kept open between messages, shared by every shop sending through the same server.
    var smtpConnections = SMTPConnectionPool()

    func email(settings: [String: String], shop: Shop) throws -> any EmailTransport {
        guard let url = settings[.emailSMTPURL] ?? smtpURL else {
            if let outbox { return outbox.email(shop: shop.id) }
            throw TransportError.configuration(
                setting: "email.smtp_url", "no mail server is configured: set PARLEY_SMTP_URL or the shop setting email.smtp_url")
        }
        do {
            var transport = try SMTPTransport(url: url)
            transport.pool = smtpConnections
            return transport
        } catch {
            let setting = settings[.emailSMTPURL] == nil ? "PARLEY_SMTP_URL" : "email.smtp_url"
            switch error {
            case .temporary(let why), .permanent(let why), .configuration(_, let why):
                throw TransportError.configuration(setting: "email.smtp_url", "\(setting) cannot be used: \(why)")
            }
        }
    }

    func sms(settings: [String: String], shop: Shop) throws -> any SMSTransport {
        guard let sms = SMSSettings(shopSettings: settings) else {
            if let outbox { return outbox.sms(shop: shop.id) }
            throw TransportError.configuration(setting: "sms.provider", "no SMS provider is configured: set the shop setting sms.provider")
        }
        return try SMSProviders.transport(settings: sms, callbackURL: "\(publicURL)/hooks/sms/\(sms.provider)/\(shop.slug)")
    }
}

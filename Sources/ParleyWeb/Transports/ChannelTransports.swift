import ParleyChannels
import ParleyCore
import ParleyServices

/// The transports of this installation: the shop's own mail server (`email.smtp_url`) or the
/// installation's (`PARLEY_SMTP_URL`), and the shop's SMS provider.
struct ChannelTransports: MessageTransports {
    let smtpURL: String?
    /// Without a trailing slash.
    let publicURL: String

    func email(settings: [String: String]) throws -> any EmailTransport {
        guard let url = settings["email.smtp_url"] ?? smtpURL else {
            throw TransportError.configuration(
                setting: "email.smtp_url", "no mail server is configured: set PARLEY_SMTP_URL or the shop setting email.smtp_url")
        }
        do {
            return try SMTPTransport(url: url)
        } catch {
            let setting = settings["email.smtp_url"] == nil ? "PARLEY_SMTP_URL" : "email.smtp_url"
            switch error {
            case .temporary(let why), .permanent(let why), .configuration(_, let why):
                throw TransportError.configuration(setting: "email.smtp_url", "\(setting) cannot be used: \(why)")
            }
        }
    }

    func sms(settings: [String: String], shopSlug: String) throws -> any SMSTransport {
        guard let sms = SMSSettings(shopSettings: settings) else {
            throw TransportError.configuration(setting: "sms.provider", "no SMS provider is configured: set the shop setting sms.provider")
        }
        return try SMSProviders.transport(settings: sms, callbackURL: "\(publicURL)/hooks/sms/\(sms.provider)/\(shopSlug)")
    }
}

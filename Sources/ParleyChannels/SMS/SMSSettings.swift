import ParleyCore

/// A shop's SMS provider, as its `sms.*` settings describe it.
///
/// ```swift
/// let settings = SMSSettings(shopSettings: ["sms.provider": "kannel", "sms.url": "http://127.0.0.1:13013/cgi-bin/sendsms", …])
/// ```
public struct SMSSettings: Sendable, Equatable {
    /// `twilio`, `kannel` or `webhook` (`sms.provider`).
    public var provider: String
    /// The sender number or alphanumeric id (`sms.from`).
    public var from: String?
    /// Twilio's API base URL (`https://api.twilio.com` when unset), Kannel's sendsms URL, or the webhook URL (`sms.url`).
    public var url: String?
    /// The Twilio account SID or the Kannel username (`sms.username`).
    public var username: String?
    /// The Twilio auth token, the Kannel password or the webhook's signing secret (`sms.secret`).
    public var secret: String?

    public init(provider: String, from: String? = nil, url: String? = nil, username: String? = nil, secret: String? = nil) {
        self.provider = provider
        self.from = from
        self.url = url
        self.username = username
        self.secret = secret
    }

    /// The settings from a shop's setting map; nil when `sms.provider` is unset.
    public init?(shopSettings: [String: String]) {
        guard let provider = shopSettings[.smsProvider] else { return nil }
        self.init(
            provider: provider, from: shopSettings[.smsFrom], url: shopSettings[.smsURL], username: shopSettings[.smsUsername],
            secret: shopSettings[.smsSecret])
    }

    /// A value, nil when unset or set to nothing.
    func given(_ field: KeyPath<SMSSettings, String?>) -> String? {
        self[keyPath: field].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The values a provider cannot work without, in the order asked for.
    ///
    /// Missing values are the shop's configuration: the messages wait, and go out once the shop sets them.
    func required(_ fields: KeyPath<SMSSettings, String?>...) throws(TransportError) -> [String] {
        let keys: [KeyPath<SMSSettings, String?>: String] = [
            \.from: "sms.from", \.url: "sms.url", \.username: "sms.username", \.secret: "sms.secret",
        ]
        let values = fields.compactMap(given)
        guard values.count == fields.count else {
            let missing = fields.filter { given($0) == nil }.compactMap { keys[$0] }
            throw .configuration(
                setting: missing.first ?? "sms.provider",
                "the \(provider) SMS provider needs the shop settings \(missing.joined(separator: ", "))")
        }
        return values
    }
}

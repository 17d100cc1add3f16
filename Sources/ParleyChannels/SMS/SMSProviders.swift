import AsyncHTTPClient
import ParleyCore

/// Picks a shop's SMS provider.
///
/// ```swift
/// let transport = try SMSProviders.transport(
///     settings: SMSSettings(provider: "twilio", from: "+48221234567", username: "AC…", secret: "…"),
///     callbackURL: "https://parley.example/hooks/sms/twilio/kubki")
/// let receipt = try await transport.send(OutgoingSMS(to: "+48601234567", from: nil, body: "Paczka w drodze", reference: "msg_1"))
/// ```
public enum SMSProviders {
    /// The names `sms.provider` may take.
    public static let names = ["twilio", "kannel", "webhook"]

    /// The transport for `settings`.
    ///
    /// - Parameters:
    ///   - callbackURL: where this shop's provider reports deliveries, `{public URL}/hooks/sms/{provider}/{shop slug}`.
    ///   - timeout: how long one request to the provider may take, connecting included.
    /// - Throws: `TransportError.configuration` naming the shop settings still to set, or an unknown provider.
    public static func transport(
        settings: SMSSettings, callbackURL: String, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(30)
    ) throws(TransportError) -> any SMSTransport {
        switch settings.provider {
        case "twilio":
            try TwilioSMS(
                settings: settings, callbackURL: callbackURL, http: ProviderHTTP(name: "Twilio", client: httpClient, timeout: timeout))
        case "kannel":
            try KannelSMS(
                settings: settings, callbackURL: callbackURL, http: ProviderHTTP(name: "Kannel", client: httpClient, timeout: timeout))
        case "webhook":
            try WebhookSMS(
                settings: settings, callbackURL: callbackURL,
                http: ProviderHTTP(name: "the SMS webhook", client: httpClient, timeout: timeout))
        default:
            throw .configuration(
                setting: "sms.provider",
                "unknown SMS provider \(settings.provider): set the shop setting sms.provider to \(names.joined(separator: ", "))")
        }
    }
}

import Foundation
import ParleyCore

/// A provider's request to `/hooks/sms/{provider}/{shop}`, as the web layer received it.
public struct SMSCallbackRequest: Sendable {
    public var method: String
    /// The full public URL the provider called, query included: Twilio signs it as it called it.
    public var url: String
    /// Header values by lowercased name.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [String: String], body: [UInt8]) {
        self.method = method.uppercased()
        self.url = url
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The query's fields in order, values still as bytes.
    var queryBytes: [(name: String, value: [UInt8])] {
        FormEncoding.decodeBytes(Array((URLComponents(string: url)?.percentEncodedQuery ?? "").utf8))
    }

    /// The query's fields in order.
    var query: [(name: String, value: String)] {
        queryBytes.map { ($0.name, String(decoding: $0.value, as: UTF8.self)) }
    }
}

/// Why a provider's callback is not acted on. The route answers 401 when it is `unverified` (no
/// valid signature or token: perhaps not from the provider at all) and 400 when it is `unreadable`.
public struct SMSCallbackRejected: Error, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unverified
        case unreadable
    }

    public var reason: Reason
    public var description: String

    public init(reason: Reason, description: String) {
        self.reason = reason
        self.description = description
    }

    static func unverified(_ description: String) -> SMSCallbackRejected {
        SMSCallbackRejected(reason: .unverified, description: description)
    }

    static func unreadable(_ description: String) -> SMSCallbackRejected {
        SMSCallbackRejected(reason: .unreadable, description: description)
    }
}

/// Verifies and reads delivery reports and incoming texts from the shop's SMS provider.
///
/// ```swift
/// let request = SMSCallbackRequest(method: "POST", url: publicURL, headers: headers, body: body)
/// switch try SMSCallbacks.read(provider: "twilio", settings: settings, request: request) {
/// case .delivery(let report): …
/// case .inbound(let sms): …
/// }
/// ```
public enum SMSCallbacks {
    /// The callback in `request`, once it is shown to come from the shop's provider.
    ///
    /// - Parameter provider: the provider named in the callback's path; it must be the shop's.
    /// - Throws: `SMSCallbackRejected`.
    public static func read(provider: String, settings: SMSSettings, request: SMSCallbackRequest) throws(SMSCallbackRejected) -> SMSCallback
    {
        // Without the shop's secret nothing can be verified, and an unverified callback must change nothing.
        guard provider == settings.provider, let secret = settings.secret, !secret.isEmpty else {
            throw .unverified("the shop takes no \(provider) SMS callbacks: sms.provider or sms.secret is not set for it")
        }
        switch provider {
        case "twilio": return try TwilioSMS.read(request, authToken: secret)
        case "kannel": return try KannelSMS.read(request, password: secret)
        case "webhook": return try WebhookSMS.read(request, secret: secret)
        default: throw .unverified("unknown SMS provider \(provider)")
        }
    }
}

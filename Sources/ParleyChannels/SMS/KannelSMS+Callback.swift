import ParleyCore

/// Kannel's delivery reports (the `dlr-url` of each message) and incoming texts, both `GET`
/// requests that carry the shop's callback token in place of a signature.
extension KannelSMS {
    static func read(_ request: SMSCallbackRequest, password: String) throws(SMSCallbackRejected) -> SMSCallback {
        let fields = Dictionary(request.queryBytes, uniquingKeysWith: { first, _ in first })
        let text = { (name: String) in fields[name].map { String(decoding: $0, as: UTF8.self) } }
        guard let token = text("token") else { throw .unverified("the Kannel callback has no token") }
        if let status = text("status") {
            // A report's token is bound to its message, so the texts' token cannot forge one.
            guard let reference = text("ref"),
                SMSSignature.isValidHexSHA256(token, secret: password, Array("dlr:\(reference)".utf8))
            else { throw .unverified("the Kannel delivery report's token does not belong to its ref") }
            let answer = text("answer").flatMap { $0.isEmpty ? nil : $0 }
            let outcome: SMSDeliveryReport.Outcome
            switch Int(status) {
            case 1: outcome = .delivered
            case 2: outcome = .failed(["not delivered", answer].compactMap(\.self).joined(separator: ": "))
            case 4, 8: outcome = .sent
            case 16: outcome = .failed(["refused by the SMSC", answer].compactMap(\.self).joined(separator: ": "))
            default: throw .unreadable("unknown Kannel delivery report type \(status)")
            }
            return .delivery(SMSDeliveryReport(reference: text("ref"), providerMessageID: nil, outcome: outcome))
        }
        guard SMSSignature.isValidHexSHA256(token, secret: password, tokenMessage) else {
            throw .unverified("the Kannel callback's token is wrong")
        }
        guard let from = text("from"), let to = text("to"), let body = fields["text"] else {
            throw .unreadable("the Kannel callback is neither a delivery report (status) nor a text (from, to, text)")
        }
        return .inbound(InboundSMS(from: from, to: to, body: decode(body, charset: text("charset")), providerMessageID: nil))
    }

    /// What HMAC-SHA256 with the password signs to make the callback token.
    static let tokenMessage = Array("parley-kannel-callback".utf8)

    /// A text in the charset Kannel names with `%C`: a UCS-2 text arrives as UTF-16BE bytes unless
    /// Kannel could recode it to Latin-1; anything else is taken as UTF-8.
    private static func decode(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.uppercased() {
        case "UTF-16BE", "UTF16-BE", "UCS-2":
            let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        case "ISO-8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension SMSCallbacks {
    /// The `get-url` of the Kannel `sms-service` that hands the shop's incoming texts to Parley.
    ///
    /// ```
    /// group = sms-service
    /// keyword = default
    /// catch-all = true
    /// get-url = "https://parley.example/hooks/sms/kannel/kubki?token=…&from=%p&to=%P&text=%b&charset=%C"
    /// max-messages = 0
    /// ```
    ///
    /// `%b` is the text as it came, spaces and all (`%a` squeezes them); `%C` names its charset.
    /// `max-messages = 0` keeps Kannel from texting Parley's answer back to the customer.
    public static func kannelServiceURL(callbackURL: String, secret: String) -> String {
        FormEncoding.appending([("token", KannelSMS.callbackToken(secret: secret))], to: callbackURL)
            + "&from=%p&to=%P&text=%b&charset=%C"
    }
}

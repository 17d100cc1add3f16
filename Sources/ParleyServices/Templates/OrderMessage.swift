import Foundation
import Mustache
import ParleyCore

/// An order update rendered for one customer: the email (subject, HTML, plain text) and the SMS.
public struct OrderMessage: Sendable, Equatable {
    /// The catalog the text came from, after the fallback chain (`pl` for a `pl-PL` customer).
    public let locale: String
    public let subject: String
    public let html: String
    public let text: String
    public let sms: String
    public let smsSegments: SMSSegments
}

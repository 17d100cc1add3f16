/// A shop's own words for one order update in one language: Mustache templates with the order's
/// placeholders (`"Order {{number}} is on its way"`), nil where Parley's default applies.
public struct OrderMessageTexts: Sendable, Equatable, Hashable {
    /// The parts of an order update a shop can write.
    public enum Field: String, Sendable, CaseIterable {
        case subject, headline, body, sms

        /// The most a shop may write: an email subject shown whole in a mail program, a body a
        /// customer reads on a phone, an SMS of at most ten parts.
        public var limit: Int {
            switch self {
            case .subject, .headline: 200
            case .body: 5_000
            case .sms: 640
            }
        }

        /// Subjects and headlines are shown on one line.
        public var isMultiline: Bool { self == .body || self == .sms }
    }

    /// The email's subject line.
    public var subject: String?
    /// The email's heading, above the greeting.
    public var headline: String?
    /// The email's paragraph after the greeting.
    public var body: String?
    /// The whole SMS.
    public var sms: String?

    public init(subject: String? = nil, headline: String? = nil, body: String? = nil, sms: String? = nil) {
        self.subject = subject
        self.headline = headline
        self.body = body
        self.sms = sms
    }

    /// The text of `field`, for code that treats the four alike.
    public subscript(field: Field) -> String? {
        get {
            switch field {
            case .subject: subject
            case .headline: headline
            case .body: body
            case .sms: sms
            }
        }
        set {
            switch field {
            case .subject: subject = newValue
            case .headline: headline = newValue
            case .body: body = newValue
            case .sms: sms = newValue
            }
        }
    }

    /// No field of the shop's own: Parley's default throughout.
    public var isEmpty: Bool { Field.allCases.allSatisfy { self[$0] == nil } }
}

/// What a customer posts with a shop's contact form, as typed; every field may be missing.
public struct ContactFormSubmission: Sendable, Equatable {
    public var name: String
    public var email: String
    /// The order the message is about, as the customer knows it (`#1043`).
    public var order: String
    public var message: String
    /// The honeypot: hidden from people, so whatever fills it is a program.
    public var website: String
    /// The signed time the form was drawn at (`SubmitContactForm.token(shop:)`).
    public var token: String
    /// The language the form was shown in, kept for a customer met for the first time.
    public var locale: String?

    public init(
        name: String = "", email: String = "", order: String = "", message: String = "", website: String = "", token: String = "",
        locale: String? = nil
    ) {
        self.name = name
        self.email = email
        self.order = order
        self.message = message
        self.website = website
        self.token = token
        self.locale = locale
    }
}

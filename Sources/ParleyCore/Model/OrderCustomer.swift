import Foundation

/// Who placed the order, as the platform knows them.
public struct OrderCustomer: Sendable, Equatable {
    public var email: String?
    public var phone: String?
    /// The platform's customer id, `platform:id`.
    public var externalID: String?
    public var name: String?
    public var locale: String?
    public var acceptsEmailMarketing: Bool?
    public var acceptsSMSMarketing: Bool?

    public init(
        email: String? = nil, phone: String? = nil, externalID: String? = nil, name: String? = nil, locale: String? = nil,
        acceptsEmailMarketing: Bool? = nil, acceptsSMSMarketing: Bool? = nil
    ) {
        self.email = email
        self.phone = phone
        self.externalID = externalID
        self.name = name
        self.locale = locale
        self.acceptsEmailMarketing = acceptsEmailMarketing
        self.acceptsSMSMarketing = acceptsSMSMarketing
    }
}

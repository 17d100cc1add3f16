import ParleyCore

/// What shows that an order is the customer's: what they offer (the email address or postcode), or
/// who Parley already knows them to be.
public struct OrderProof: Sendable, Equatable {
    /// The order number as the customer knows it, with or without `#`.
    public var number: String?
    public var email: String?
    public var postcode: String?
    /// The customer the writer has proved to be by other means: a visitor the shop signed in, or the
    /// sender of an email or text from an address or phone that customer owns. Never taken from
    /// what the writer types.
    public var customerID: Int64?

    public init(number: String? = nil, email: String? = nil, postcode: String? = nil, customerID: Int64? = nil) {
        self.number = number
        self.email = email
        self.postcode = postcode
        self.customerID = customerID
    }
}

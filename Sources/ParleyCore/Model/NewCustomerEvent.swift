import Foundation

/// What a visitor did, as the widget reported it: what is stored, and what a stored
/// `CustomerEvent` holds as `recorded`.
public struct NewCustomerEvent: Sendable, Equatable {
    public var kind: CustomerEvent.Kind
    public var url: String?
    /// The page's title, or the product's name.
    public var title: String?
    /// The shop's own id of the product (its SKU).
    public var productID: String?
    public var details: CustomerEvent.Details
    public var occurredAt: Date

    public init(
        kind: CustomerEvent.Kind, url: String?, title: String?, productID: String?, details: CustomerEvent.Details = .init(),
        occurredAt: Date
    ) {
        self.kind = kind
        self.url = url
        self.title = title
        self.productID = productID
        self.details = details
        self.occurredAt = occurredAt
    }
}

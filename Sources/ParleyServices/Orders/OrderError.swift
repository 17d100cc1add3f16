/// Why a use case about an order (reading it, its tracking page, its messages) was refused.
public enum OrderError: UseCaseError, Equatable {
    case orderNotFound(String)
    /// A wrong shop, order or signature alike, so the answer tells a guesser nothing.
    case trackingPageNotFound
    /// A test message was refused by the queue.
    case testMessageNotQueued

    public var refusal: Refusal {
        switch self {
        case .orderNotFound, .trackingPageNotFound: .notFound
        case .testMessageNotQueued: .conflict
        }
    }

    public var description: String {
        switch self {
        case .orderNotFound(let id): "no order \(id) in this shop"
        case .trackingPageNotFound: "no such tracking page"
        case .testMessageNotQueued: "the test message could not be queued"
        }
    }
}

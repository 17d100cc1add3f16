/// Why a use case about a message the shop sent (reading, retrying, the suppression list, the demo
/// outbox) was refused.
public enum MessageError: UseCaseError, Equatable {
    case messageNotFound(String)
    /// Only a failed message is sent again.
    case notFailed(String, status: String)
    case addressNotSuppressed(String)
    case outboxMessageNotFound(String)

    public var refusal: Refusal {
        switch self {
        case .messageNotFound, .addressNotSuppressed, .outboxMessageNotFound: .notFound
        case .notFailed: .conflict
        }
    }

    public var description: String {
        switch self {
        case .messageNotFound(let id): "no message \(id) in this shop"
        case .notFailed(let id, let status): "message \(id) is \(status), not failed"
        case .addressNotSuppressed(let address): "no suppressed address \(address) in this shop"
        case .outboxMessageNotFound(let id): "no outbox message \(id) in this shop"
        }
    }
}

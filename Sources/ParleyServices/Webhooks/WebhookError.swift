/// Why a webhook could not be changed or read; a field that cannot be taken is an `InvalidInput` naming it.
public enum WebhookError: UseCaseError, Equatable {
    case webhookNotFound(String)
    case deliveryNotFound(String)
    /// A shop has at most `ManageWebhooks.limit` webhooks.
    case tooMany(Int)

    public var refusal: Refusal {
        switch self {
        case .webhookNotFound, .deliveryNotFound: .notFound
        case .tooMany: .conflict
        }
    }

    public var description: String {
        switch self {
        case .webhookNotFound(let id): "no webhook \(id) in this shop"
        case .deliveryNotFound(let id): "no webhook delivery \(id) in this shop"
        case .tooMany(let limit): "a shop has at most \(limit) webhooks; delete one first"
        }
    }
}

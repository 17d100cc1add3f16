/// Why an API channel could not be changed or used; a field that cannot be taken is an `InvalidInput` naming it.
public enum ApiChannelError: UseCaseError, Equatable {
    case channelNotFound(String)
    case messageNotFound(String)
    /// The bridge reported a status for a message that is no reply of this channel.
    case notAReply(String)

    public var refusal: Refusal {
        switch self {
        case .channelNotFound, .messageNotFound, .notAReply: .notFound
        }
    }

    public var description: String {
        switch self {
        case .channelNotFound(let id): "no API channel \(id) in this shop"
        case .messageNotFound(let id): "no message \(id) on this channel"
        case .notAReply(let id): "message \(id) is not a reply sent on this channel"
        }
    }
}

/// What became of a contact form that was not refused.
public enum ContactFormOutcome: Sendable, Equatable {
    /// Why a post was set aside unseen; the sender is thanked all the same, so a program learns nothing.
    public enum Discard: String, Sendable {
        case honeypot, tooFast, forged
    }

    /// In the inbox as the conversation `publicID`.
    case received(conversation: String)
    case discarded(Discard)
}

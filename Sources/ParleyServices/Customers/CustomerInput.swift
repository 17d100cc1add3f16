import ParleyCore

/// What a caller says about a customer: any identities, any fields, any consent decisions.
/// A nil field leaves the stored value as it is.
public struct CustomerInput: Sendable {
    public struct IdentityInput: Sendable {
        public var kind: Identity.Kind
        public var value: String
        public init(kind: Identity.Kind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public struct ConsentInput: Sendable {
        public var channel: Channel
        public var purpose: Consent.Purpose
        public var status: Consent.Status
        public var source: String
        public init(channel: Channel, purpose: Consent.Purpose = .marketing, status: Consent.Status, source: String) {
            self.channel = channel
            self.purpose = purpose
            self.status = status
            self.source = source
        }
    }

    public var identities: [IdentityInput]
    public var name: String?
    public var locale: String?
    public var timeZone: String?
    public var preferredChannel: PreferredChannel?
    public var consents: [ConsentInput]

    public init(
        identities: [IdentityInput], name: String? = nil, locale: String? = nil, timeZone: String? = nil,
        preferredChannel: PreferredChannel? = nil, consents: [ConsentInput] = []
    ) {
        self.identities = identities
        self.name = name
        self.locale = locale
        self.timeZone = timeZone
        self.preferredChannel = preferredChannel
        self.consents = consents
    }
}

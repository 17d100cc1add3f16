import Foundation

/// Who did something the audit log keeps, and from where.
public struct AuditActor: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A person signed in to the app; `name` is their email address.
        case agent
        /// An integration; `name` is the key's prefix and name (`prl_3kTq9aZx (shopify sync)`).
        case apiKey = "api_key"
        /// Someone with the installation's command line.
        case cli
        /// A platform or provider calling a webhook; `name` is the platform.
        case webhook
        /// Someone who opened a signed link Parley mailed (an address confirmation).
        case link
        /// Parley itself (a job, a sweep).
        case system
    }

    public var kind: Kind
    public var name: String
    /// The client's IP address, when the action came over the network.
    public var address: String?

    public init(_ kind: Kind, name: String, address: String? = nil) {
        self.kind = kind
        self.name = name
        self.address = address
    }

    /// The installation's command line, run by whoever may run it.
    public static let cli = AuditActor(.cli, name: "parley")
    public static let system = AuditActor(.system, name: "parley")
}

/// One entry of a shop's audit log: who changed a setting, a key, a role, a template or a consent,
/// who exported or erased a customer, and which signed deliveries were refused. Entries are never
/// changed or removed, and name customers by public id only, so erasing a customer leaves none of
/// their personal data here.
public struct AuditEvent: Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let actor: AuditActor
    /// Dotted, past tense: `setting.changed`, `api_key.revoked`, `webhook.refused`.
    public let action: String
    /// What it was done to: a setting's key, a key's prefix, a customer's public id.
    public let target: String?
    /// The particulars, as text; never a secret's value.
    public let detail: [String: String]

    public init(id: Int64, at: Date, actor: AuditActor, action: String, target: String?, detail: [String: String]) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}

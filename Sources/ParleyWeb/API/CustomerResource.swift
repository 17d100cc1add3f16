import Foundation
import ParleyCore
import ParleyServices

/// A customer as the API shows it.
struct CustomerResource: Encodable {
    struct IdentityResource: Encodable {
        let kind: String
        let value: String
    }
    struct ConsentResource: Encodable {
        let channel: String
        let purpose: String
        let status: String
        let source: String
        let recordedAt: Date
    }

    let id: String
    let name: String?
    let locale: String?
    let timeZone: String?
    let preferredChannel: String?
    let identities: [IdentityResource]
    let consents: [ConsentResource]
    let createdAt: Date
    let updatedAt: Date
    /// Set once the customer's personal data was erased.
    let erasedAt: Date?

    init(_ customer: Customer) {
        id = customer.publicID
        name = customer.name
        locale = customer.locale
        timeZone = customer.timeZone
        preferredChannel = customer.preferredChannel?.rawValue
        identities = customer.identities.map { IdentityResource(kind: $0.kind.rawValue, value: $0.value) }
        consents = customer.consents.map {
            ConsentResource(
                channel: $0.channel.rawValue, purpose: $0.purpose.rawValue, status: $0.status.rawValue, source: $0.source,
                recordedAt: $0.recordedAt)
        }
        createdAt = customer.createdAt
        updatedAt = customer.updatedAt
        erasedAt = customer.erasedAt
    }
}

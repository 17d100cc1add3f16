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
            ConsentResource(channel: $0.channel.rawValue, status: $0.status.rawValue, source: $0.source, recordedAt: $0.recordedAt)
        }
        createdAt = customer.createdAt
        updatedAt = customer.updatedAt
        erasedAt = customer.erasedAt
    }
}

/// A timeline event as the API shows it.
struct TimelineEventResource: Encodable {
    let id: String
    let kind: String
    let occurredAt: Date
    let summary: String
    let data: [String: String]

    init(_ event: TimelineEvent) {
        id = Cursor.encode(event.id)
        kind = event.kind.rawValue
        occurredAt = event.occurredAt
        summary = event.summary
        data = event.data
    }
}

/// The body of `POST /api/v1/customers`. Enumerations arrive as strings so an unknown value gets a
/// message listing the allowed ones.
struct CustomerRequest: Decodable {
    struct IdentityBody: Decodable {
        let kind: String
        let value: String
    }
    struct ConsentBody: Decodable {
        let channel: String
        let status: String
        let source: String
    }

    let identities: [IdentityBody]
    let name: String?
    let locale: String?
    let timeZone: String?
    let preferredChannel: String?
    let consents: [ConsentBody]?

    func input() throws -> CustomerInput {
        CustomerInput(
            identities: try identities.enumerated().map { index, identity in
                .init(kind: try APIJSON.parse(Identity.Kind.self, identity.kind, field: "identities[\(index)].kind"), value: identity.value)
            },
            name: name, locale: locale, timeZone: timeZone,
            preferredChannel: try preferredChannel.map { try APIJSON.parse(PreferredChannel.self, $0, field: "preferred_channel") },
            consents: try (consents ?? []).enumerated().map { index, consent in
                .init(
                    channel: try APIJSON.parse(Channel.self, consent.channel, field: "consents[\(index)].channel"),
                    status: try APIJSON.parse(Consent.Status.self, consent.status, field: "consents[\(index)].status"),
                    source: consent.source)
            })
    }
}

/// The body of `POST /api/v1/customers/{id}/consents`.
struct ConsentRequest: Decodable {
    let channel: String
    let status: String
    let source: String
}

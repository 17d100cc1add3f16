import Foundation
import ParleyCore
import ParleyServices

/// The body of `POST /api/v1/customers`. Enumerations arrive as strings so an unknown value gets a
/// message listing the allowed ones. `email`, `phone` and `external_id` are the shorthand most
/// peers take, each one identity more beside `identities`.
struct CustomerRequest: Decodable {
    struct IdentityBody: Decodable {
        let kind: String
        let value: String
    }
    let identities: [IdentityBody]?
    let email: String?
    let phone: String?
    let externalID: String?
    let name: String?
    let locale: String?
    let timeZone: String?
    let preferredChannel: String?
    let consents: [ConsentRequest]?

    func input() throws -> CustomerInput {
        var given = try (identities ?? []).enumerated().map { index, identity in
            CustomerInput.IdentityInput(
                kind: try APIJSON.parse(Identity.Kind.self, identity.kind, field: "identities[\(index)].kind"), value: identity.value)
        }
        for (kind, value) in [(Identity.Kind.email, email), (.phone, phone), (.external, externalID)] {
            if let value { given.append(.init(kind: kind, value: value)) }
        }
        return CustomerInput(
            identities: given,
            name: name, locale: locale, timeZone: timeZone,
            preferredChannel: try preferredChannel.map { try APIJSON.parse(PreferredChannel.self, $0, field: "preferred_channel") },
            consents: try (consents ?? []).enumerated().map { index, consent in
                .init(
                    channel: try APIJSON.parse(Channel.self, consent.channel, field: "consents[\(index)].channel"),
                    purpose: try consent.purpose.map { try APIJSON.parse(Consent.Purpose.self, $0, field: "consents[\(index)].purpose") }
                        ?? .marketing,
                    status: try APIJSON.parse(Consent.Status.self, consent.status, field: "consents[\(index)].status"),
                    source: consent.source)
            })
    }
}

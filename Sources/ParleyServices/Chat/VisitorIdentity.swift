import Foundation
import JWTKit
import ParleyCore

/// Who a signed-in shop customer is, as the shop vouches for them: a JWT (HS256) the shop's own
/// server signs with its `widget.identity_secret` and puts on the page beside the widget.
///
/// Only the shop's server knows the secret, so a value copied from a page cannot be turned into
/// another customer; and it expires, so a copied one soon stops working.
public struct VisitorIdentity: Sendable, Equatable {
    /// The shop's own id of the customer (`sub`).
    public let customerID: String
    public let email: String?
    public let name: String?
    public let expires: Date

    /// The longest a token may live: a page is re-rendered far more often, and a leaked token should
    /// not outlive a day.
    public static let longestLife: TimeInterval = 24 * 3600

    public init(customerID: String, email: String?, name: String?, expires: Date) {
        self.customerID = customerID
        self.email = email
        self.name = name
        self.expires = expires
    }

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var email: String?
        var name: String?

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    /// Checks `token` against the shop's `secret` at `now`; `InvalidInput` says what is wrong with it
    /// (for the shop's developer, in the browser's console).
    public static func verify(_ token: String, secret: String, now: Date) async throws -> VisitorIdentity {
        let keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch {
            throw InvalidInput(field: "identity", reason: "is not a JWT signed with the shop's widget identity secret (HS256)")
        }
        let expires = claims.exp.value
        guard expires > now else { throw InvalidInput(field: "identity", reason: "has expired; sign a new one for each page") }
        guard expires.timeIntervalSince(now) <= longestLife else {
            throw InvalidInput(field: "identity", reason: "lives too long; let it expire within 24 hours")
        }
        let subject = claims.sub.value.trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty, subject.count <= 200 else {
            throw InvalidInput(field: "identity", reason: "needs sub, the shop's id of the customer")
        }
        return VisitorIdentity(
            customerID: subject, email: claims.email?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
            name: claims.name?.trimmingCharacters(in: .whitespaces).nilIfEmpty, expires: expires)
    }

    /// The customer identity the shop's id becomes: `platform:id` as given, else `shop:id`.
    public var identity: Identity {
        Identity(kind: .external, value: customerID.contains(":") ? customerID : "shop:\(customerID)")
    }
}

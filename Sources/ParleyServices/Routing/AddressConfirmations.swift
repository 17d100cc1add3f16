import Foundation
import ParleyCore
import ParleyStore

/// Proves that a shop's support address is the shop's: a mail with a signed link goes to the
/// address, and only someone who reads it can open the link, whose page confirms the address.
///
/// The link is `/confirm/{shop}/{claim}/{signature}`: an HMAC under the shop's link key of the claim
/// and the address, so it cannot be made for another claim, and a changed address needs a new mail.
/// Opening it shows a button; only the button (a POST) confirms, so mail scanners that follow
/// links confirm nothing.
public struct AddressConfirmations: Sendable {
    private let links: SignedLinks

    public init(database: ParleyDatabase, clock: any WallClock, publicURL: String) {
        links = SignedLinks(database: database, clock: clock, publicURL: publicURL)
    }

    /// Queues the confirmation mail of a new pending claim, in the caller's transaction.
    static func enqueue(_ claim: RoutingIdentifier, on sql: DatabaseSession, now: Date) async throws {
        try await JobQueue.enqueue(
            NewJob(
                shop: claim.shop, kind: SendAddressConfirmation.kind, payload: String(claim.id), runAt: now,
                idempotencyKey: "claim:\(claim.id)"),
            on: sql, now: now)
    }

    /// The link in the confirmation mail of `claim`.
    func link(shop: Shop, claim: RoutingIdentifier, on sql: DatabaseSession) async throws -> String {
        try await links.link("confirm/\(shop.slug)/\(claim.id)", signing: Self.message(shop, claim), shop: shop.id, on: sql)
    }

    /// What the link names, when its signature holds.
    public func pending(shopSlug: String, claim: String, signature: String) async throws -> PendingAddress {
        try await links.database.withConnection { sql in
            let (shop, found) = try await Self.verified(shopSlug: shopSlug, claim: claim, signature: signature, on: sql)
            return PendingAddress(shop: shop, address: found.value, confirmed: found.status == .verified)
        }
    }

    /// Confirms the address the link names; from then on its mail reaches the shop. Confirming twice is fine.
    public func confirm(shopSlug: String, claim: String, signature: String, from address: String?) async throws -> PendingAddress {
        let now = links.clock.now()
        return try await links.database.transaction { sql in
            let (shop, found) = try await Self.verified(shopSlug: shopSlug, claim: claim, signature: signature, on: sql)
            guard found.status == .pending else { return PendingAddress(shop: shop, address: found.value, confirmed: true) }
            let routing = RoutingRepository(sql)
            let taken = RoutingError.confirmedByAnotherShop(found.value)
            if try await routing.holder(kind: found.kind, value: found.value) != nil { throw taken }
            do {
                _ = try await routing.verify(shop: shop.id, id: found.id, now: now)
            } catch  where isDuplicateKey(error) {
                throw taken
            }
            try await routing.removePending(kind: found.kind, value: found.value, except: shop.id)
            try await AuditLog.append(
                shop: shop.id, AuditActor(.link, name: "confirmation link", address: address), "routing.verified", target: found.value,
                detail: ["kind": found.kind.rawValue], on: sql, at: now)
            return PendingAddress(shop: shop, address: found.value, confirmed: true)
        }
    }

    private static func verified(shopSlug: String, claim: String, signature: String, on sql: DatabaseSession) async throws
        -> (Shop, RoutingIdentifier)
    {
        // Every failure is the same "no such link", so the page tells nothing about what exists.
        let missing = RoutingError.confirmationLinkNotFound
        guard let shop = try await ShopRepository(sql).find(slug: shopSlug), let id = Int64(claim),
            let found = try await RoutingRepository(sql).find(shop: shop.id, id: id),
            try await ShopLinkSigner.isValid(signature, for: message(shop, found), shop: shop.id, on: sql)
        else { throw missing }
        return (shop, found)
    }

    private static func message(_ shop: Shop, _ claim: RoutingIdentifier) -> String {
        "confirm:\(shop.slug):\(claim.id):\(claim.kind.rawValue):\(claim.value)"
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Keeps a shop's routing identifiers in line with its settings, inside the transaction that
/// changes them: an identifier another shop holds is refused, and a support address set by anyone
/// but the installation's operator waits for the proof that its owner reads mail sent there.
enum RoutingClaims {
    /// Claims what `settings` (the shop's settings after the change) name and releases what they no
    /// longer name; returns the new claims that wait for proof.
    static func update(
        shop: ShopID, settings: [String: String], by actor: AuditActor, on sql: DatabaseSession, now: Date
    ) async throws -> [RoutingIdentifier] {
        let routing = RoutingRepository(sql)
        let wanted = RoutingSettings.claims(settings)
        let existing = try await routing.claims(shop: shop)
        for claim in existing where !wanted.contains(where: { $0.kind == claim.kind && $0.value == claim.value }) {
            try await routing.remove(id: claim.id)
            try await AuditLog.append(
                shop: shop, actor, "routing.released", target: claim.value, detail: ["kind": claim.kind.rawValue], on: sql, at: now)
        }
        // The operator (command line) and Parley itself need no proof; people on the network do.
        let trusted = actor.kind == .cli || actor.kind == .system
        var waiting: [RoutingIdentifier] = []
        for want in wanted where !existing.contains(where: { $0.kind == want.kind && $0.value == want.value }) {
            let taken = RoutingError.heldByAnotherShop(setting: want.setting, value: want.value)
            if try await routing.holders(kind: want.kind, value: want.value).contains(where: { $0.shop != shop && $0.status == .verified })
            {
                throw taken
            }
            // Only mail needs proof: a number, account or domain routes only traffic signed with the shop's own secrets.
            let status: RoutingIdentifier.Status = want.kind == .email && !trusted ? .pending : .verified
            let claim: RoutingIdentifier
            do {
                claim = try await routing.insert(
                    shop: shop, kind: want.kind, value: want.value, setting: want.setting, status: status, now: now)
            } catch  where isDuplicateKey(error) {
                throw taken
            }
            if status == .verified { try await routing.removePending(kind: want.kind, value: want.value, except: shop) }
            try await AuditLog.append(
                shop: shop, actor, "routing.claimed", target: want.value, detail: ["kind": want.kind.rawValue, "status": status.rawValue],
                on: sql, at: now)
            if status == .pending { waiting.append(claim) }
        }
        return waiting
    }
}

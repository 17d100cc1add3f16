import Foundation
import ParleyCore
import ParleyStore

/// A shop's audit log: appended to by the use cases that change what it records (in their own
/// transaction, so an entry exists exactly when the change does), read and exported by owners.
public struct AuditLog: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Records something that changed nothing else (a refused webhook, an export).
    public func record(shop: ShopID, _ actor: AuditActor, _ action: String, target: String? = nil, detail: [String: String] = [:])
        async throws
    {
        let now = clock.now()
        try await database.withConnection { sql in
            try await Self.append(shop: shop, actor, action, target: target, detail: detail, on: sql, at: now)
        }
    }

    /// Records a signed delivery refused because its headers disagree with its body, with the body's
    /// SHA-256 so the shop can match it with the platform's delivery log.
    public func refused(_ refusal: WebhookRefused, shop: ShopID, by actor: AuditActor, delivery: String?, body: Data) async throws {
        try await record(
            shop: shop, actor, "webhook.refused", target: refusal.topic,
            detail: ["reason": refusal.reason, "delivery": delivery ?? "", "body_sha256": SecretDigest.hex(body)])
    }

    /// Records inside the caller's transaction.
    public static func append(
        shop: ShopID, _ actor: AuditActor, _ action: String, target: String? = nil, detail: [String: String] = [:],
        on sql: DatabaseSession, at now: Date
    ) async throws {
        try await AuditLogRepository(sql).append(shop: shop, actor: actor, action: action, target: target, detail: detail, at: now)
    }

    /// A page of entries, newest first.
    public func list(shop: ShopID, since: Date? = nil, cursor: String?, limit: Int) async throws -> Page<AuditEvent> {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { before, count in
            try await database.withConnection { sql in
                try await AuditLogRepository(sql).list(shop: shop, before: before, since: since, limit: count)
            }
        }
    }

    /// Every entry, newest first, as CSV (RFC 4180) that spreadsheet programs open as they are.
    public func csv(shop: ShopID) async throws -> String {
        var lines = ["time,actor_kind,actor,address,action,target,detail"]
        var before: Int64?
        repeat {
            let page = try await database.withConnection { sql in
                try await AuditLogRepository(sql).list(shop: shop, before: before, limit: 1000)
            }
            for event in page {
                let detail = event.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                lines.append(
                    [
                        event.at.formatted(.iso8601), event.actor.kind.rawValue, event.actor.name, event.actor.address ?? "", event.action,
                        event.target ?? "", detail,
                    ].map(CSVField.escaped).joined(separator: ","))
            }
            before = page.count == 1000 ? page.last?.id : nil
        } while before != nil
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// One CSV field as RFC 4180 writes it, defused so a spreadsheet never runs it as a formula.
enum CSVField {
    static func escaped(_ value: String) -> String {
        // A leading = + - @ makes Excel and LibreOffice evaluate the cell (CSV injection).
        let safe = value.first.map { "=+-@\t\r".contains($0) } == true ? "'" + value : value
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

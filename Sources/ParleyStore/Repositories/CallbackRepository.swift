import Foundation
import ParleyCore
import SQLKit

/// All SQL about callback requests.
public struct CallbackRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(_ request: CallbackRequest) async throws -> CallbackRequest {
        let row = try await sql.raw(
            """
            INSERT INTO callback_requests (shop_id, public_id, conversation_id, customer_id, phone, window_start, window_end, time_zone,
                note, status, attempts, created_at, updated_at)
            VALUES (\(bind: request.shopID.rawValue), \(bind: request.publicID), \(bind: request.conversationID),
                \(bind: request.customerID), \(bind: request.phone), \(bind: request.window.start), \(bind: request.window.end),
                \(bind: request.timeZone), \(bind: request.note), \(bind: request.status.rawValue), \(bind: request.attempts),
                \(bind: request.createdAt), \(bind: request.updatedAt))
            RETURNING id
            """
        ).first()
        guard let row, let stored = try await find(shop: request.shopID, id: try row.value("id")) else {
            throw StoreError.missingRow("inserted callback request")
        }
        return stored
    }

    public func update(_ request: CallbackRequest) async throws {
        try await sql.raw(
            """
            UPDATE callback_requests SET status = \(bind: request.status.rawValue), attempts = \(bind: request.attempts),
                updated_at = \(bind: request.updatedAt)
            WHERE shop_id = \(bind: request.shopID.rawValue) AND id = \(bind: request.id)
            """
        ).run()
    }

    public func find(shop: ShopID, id: Int64) async throws -> CallbackRequest? {
        try await sql.raw("SELECT * FROM callback_requests WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.request)
    }

    public func find(shop: ShopID, publicID: String) async throws -> CallbackRequest? {
        try await sql.raw("SELECT * FROM callback_requests WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.request)
    }

    /// The waiting requests of a conversation.
    public func waiting(shop: ShopID, conversationID: Int64) async throws -> [CallbackRequest] {
        try await sql.raw(
            """
            SELECT * FROM callback_requests WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)
                AND status = 'waiting' ORDER BY window_start
            """
        ).all().map(Self.request)
    }

    /// The queue: waiting requests, soonest window first.
    public func queue(shop: ShopID, limit: Int) async throws -> [QueuedCallback] {
        try await sql.raw(
            """
            SELECT r.*, c.public_id AS conversation_public_id, c.assignee_id, u.name AS customer_name
            FROM callback_requests r JOIN conversations c ON c.id = r.conversation_id
                LEFT JOIN customers u ON u.id = r.customer_id
            WHERE r.shop_id = \(bind: shop.rawValue) AND r.status = 'waiting'
            ORDER BY r.window_start, r.id LIMIT \(bind: limit)
            """
        ).all().map { row in
            QueuedCallback(
                request: try Self.request(row), conversationPublicID: try row.value("conversation_public_id"),
                customerName: try row.value("customer_name"), assigneeID: try row.value("assignee_id"))
        }
    }

    /// How many requests wait.
    public func waitingCount(shop: ShopID) async throws -> Int {
        try await sql.raw(
            "SELECT COUNT(*) AS n FROM callback_requests WHERE shop_id = \(bind: shop.rawValue) AND status = 'waiting'"
        ).first()?.value("n") ?? 0
    }

    private static func request(_ row: any SQLRow) throws -> CallbackRequest {
        guard let status = CallbackRequest.Status(rawValue: try row.value("status")) else {
            throw StoreError.undecodable(column: "status", underlying: "unknown callback status")
        }
        let start: Date = try row.value("window_start")
        let end: Date = try row.value("window_end")
        return CallbackRequest(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"),
            conversationID: try row.value("conversation_id"), customerID: try row.value("customer_id"), phone: try row.value("phone"),
            window: DateInterval(start: start, end: max(start, end)), timeZone: try row.value("time_zone"), note: try row.value("note"),
            status: status, attempts: try row.value("attempts"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }
}

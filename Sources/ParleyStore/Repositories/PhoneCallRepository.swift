import Foundation
import ParleyCore
import SQLKit

/// All SQL about logged phone calls, kept beside the conversation message that shows them.
public struct PhoneCallRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, conversationMessageID: Int64, _ call: PhoneCall) async throws {
        try await sql.raw(
            """
            INSERT INTO phone_calls (conversation_message_id, shop_id, direction, duration_seconds, outcome)
            VALUES (\(bind: conversationMessageID), \(bind: shop.rawValue), \(bind: call.direction.rawValue),
                \(bind: Int64(call.durationSeconds)), \(bind: call.outcome.rawValue))
            """
        ).run()
    }

    /// The calls logged in conversation `conversationID`, by message id.
    public func calls(shop: ShopID, conversationID: Int64) async throws -> [Int64: PhoneCall] {
        var found: [Int64: PhoneCall] = [:]
        for row in try await sql.raw(
            """
            SELECT p.* FROM phone_calls p JOIN conversation_messages m ON m.id = p.conversation_message_id
            WHERE p.shop_id = \(bind: shop.rawValue) AND m.conversation_id = \(bind: conversationID)
            """
        ).all() {
            guard let direction = PhoneCall.Direction(rawValue: try row.value("direction")),
                let outcome = PhoneCall.Outcome(rawValue: try row.value("outcome"))
            else { continue }
            found[try row.value("conversation_message_id")] = PhoneCall(
                direction: direction, durationSeconds: Int(try row.value("duration_seconds", as: Int64.self)), outcome: outcome)
        }
        return found
    }
}

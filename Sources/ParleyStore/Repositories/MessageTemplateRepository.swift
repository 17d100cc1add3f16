import Foundation
import ParleyCore
import SQLKit

/// All SQL about shops' own order-update texts: one row per shop, stage and language.
public struct MessageTemplateRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The shop's texts for `stage`, by language; languages it never changed are absent.
    public func texts(shop: ShopID, stage: OrderStage) async throws -> [String: OrderMessageTexts] {
        var texts: [String: OrderMessageTexts] = [:]
        for row in try await sql.raw(
            """
            SELECT language, subject, headline, body, sms FROM message_templates
            WHERE shop_id = \(bind: shop.rawValue) AND stage = \(bind: stage.rawValue)
            """
        ).all() {
            texts[try row.value("language")] = OrderMessageTexts(
                subject: try row.value("subject"), headline: try row.value("headline"), body: try row.value("body"),
                sms: try row.value("sms"))
        }
        return texts
    }

    /// Replaces the texts of `stage` in `language`.
    public func save(shop: ShopID, stage: OrderStage, language: String, _ texts: OrderMessageTexts, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO message_templates (shop_id, stage, language, subject, headline, body, sms, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: stage.rawValue), \(bind: language), \(bind: texts.subject), \(bind: texts.headline),
                \(bind: texts.body), \(bind: texts.sms), \(bind: now))
            ON CONFLICT (shop_id, stage, language) DO UPDATE SET subject = excluded.subject, headline = excluded.headline,
                body = excluded.body, sms = excluded.sms, updated_at = excluded.updated_at
            """
        ).run()
    }

    /// Removes the texts of `stage` in `language`, so Parley's default applies again.
    public func remove(shop: ShopID, stage: OrderStage, language: String) async throws {
        try await sql.raw(
            """
            DELETE FROM message_templates
            WHERE shop_id = \(bind: shop.rawValue) AND stage = \(bind: stage.rawValue) AND language = \(bind: language)
            """
        ).run()
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// A shop's own words for its order updates, per stage and language: read beside Parley's
/// defaults, saved after checking, reset to the default, and previewed before saving.
///
/// A field left empty, or written exactly as Parley's default, is stored as "the default", so a
/// shop that changed one SMS still receives later improvements to everything else.
public struct ShopMessageTemplates: Sendable {
    /// The texts a customer would get in one language: the shop's where it has them, else Parley's.
    public struct Effective: Sendable, Equatable {
        /// Every field filled: the shop's text or Parley's.
        public let texts: OrderMessageTexts
        /// The fields the shop wrote itself.
        public let customized: Set<OrderMessageTexts.Field>
    }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let templates: OrderMessageTemplates
    private let samples: PreviewOrderMessage

    public init(database: ParleyDatabase, clock: any WallClock, templates: OrderMessageTemplates, preview: PreviewOrderMessage) {
        self.database = database
        self.clock = clock
        self.templates = templates
        self.samples = preview
    }

    /// The languages a shop can write in: those Parley has defaults for.
    public var languages: [String] { templates.languages }

    /// The effective texts of `stage` in every language, by language.
    public func effective(shop: ShopID, stage: OrderStage) async throws -> [String: Effective] {
        let stored = try await database.withConnection { sql in try await MessageTemplateRepository(sql).texts(shop: shop, stage: stage) }
        return Dictionary(uniqueKeysWithValues: languages.map { ($0, effective(stored[$0], stage: stage, language: $0)) })
    }

    /// Stores `texts` as the shop's words for `stage` in `language`, with an audit-log entry of
    /// what changed; an empty field means the default. Nothing is stored when any field is refused.
    @discardableResult
    public func save(shop: ShopID, stage: OrderStage, language: String, _ texts: OrderMessageTexts, by actor: AuditActor) async throws
        -> Effective
    {
        let own = try checked(texts, stage: stage, language: language)
        let now = clock.now()
        let stored = try await database.transaction { sql -> OrderMessageTexts in
            let repository = MessageTemplateRepository(sql)
            let before = try await repository.texts(shop: shop, stage: stage)[language] ?? OrderMessageTexts()
            guard before != own else { return own }
            if own.isEmpty {
                try await repository.remove(shop: shop, stage: stage, language: language)
            } else {
                try await repository.save(shop: shop, stage: stage, language: language, own, now: now)
            }
            var detail: [String: String] = [:]
            for field in OrderMessageTexts.Field.allCases where before[field] != own[field] {
                detail[field.rawValue] = own[field] ?? "(default)"
            }
            try await AuditLog.append(
                shop: shop, actor, "message_template.changed", target: "\(stage.rawValue).\(language)", detail: detail, on: sql, at: now)
            return own
        }
        return effective(stored, stage: stage, language: language)
    }

    /// Removes the shop's words for `stage` in `language`: customers get Parley's default again.
    public func reset(shop: ShopID, stage: OrderStage, language: String, by actor: AuditActor) async throws {
        try checkLanguage(language)
        let now = clock.now()
        try await database.transaction { sql in
            let repository = MessageTemplateRepository(sql)
            guard try await repository.texts(shop: shop, stage: stage)[language] != nil else { return }
            try await repository.remove(shop: shop, stage: stage, language: language)
            try await AuditLog.append(
                shop: shop, actor, "message_template.reset", target: "\(stage.rawValue).\(language)", on: sql, at: now)
        }
    }

    /// The sample order's update at `stage` in `language` as it would read with `draft` saved;
    /// nothing is stored. Refused like `save` when the draft could not be saved.
    public func preview(shop: ShopID, stage: OrderStage, language: String, draft: OrderMessageTexts) async throws -> OrderMessage {
        let own = try checked(draft, stage: stage, language: language)
        return try await samples.sample(shop: shop, stage: stage, language: language, now: clock.now(), replacing: own)
    }

    /// Why `texts` would be refused, for a screen that tells it in its own language; nil when they would not.
    public func issue(in texts: OrderMessageTexts, stage: OrderStage, language: String) -> TemplateIssue? {
        TemplateIssue.first(in: normalized(texts, stage: stage, language: language))
    }

    /// `texts` as they would be stored, or an `InvalidInput` that says what to change.
    private func checked(_ texts: OrderMessageTexts, stage: OrderStage, language: String) throws -> OrderMessageTexts {
        try checkLanguage(language)
        let own = normalized(texts, stage: stage, language: language)
        if let issue = TemplateIssue.first(in: own) { throw InvalidInput(field: issue.field.rawValue, reason: issue.reason) }
        return own
    }

    /// Trimmed, and nil where empty or the same as the default.
    private func normalized(_ texts: OrderMessageTexts, stage: OrderStage, language: String) -> OrderMessageTexts {
        let defaults = templates.defaults(stage: stage, language: language)
        var own = OrderMessageTexts()
        for field in OrderMessageTexts.Field.allCases {
            guard let text = texts[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text != defaults[field]
            else { continue }
            own[field] = text
        }
        return own
    }

    private func checkLanguage(_ language: String) throws {
        guard languages.contains(language) else {
            throw InvalidInput(
                field: "locale", reason: "\"\(language)\" is none of the languages Parley writes: \(languages.joined(separator: ", "))")
        }
    }

    private func effective(_ own: OrderMessageTexts?, stage: OrderStage, language: String) -> Effective {
        var texts = templates.defaults(stage: stage, language: language)
        var customized: Set<OrderMessageTexts.Field> = []
        for field in OrderMessageTexts.Field.allCases {
            guard let text = own?[field] else { continue }
            texts[field] = text
            customized.insert(field)
        }
        return Effective(texts: texts, customized: customized)
    }
}

import Foundation
import ParleyCore
import ParleyServices

/// `/app/settings/messages` for one stage: a card per language with the shop's texts in a form
/// beside the order update they make, for a sample order.
struct MessageEditorModel {
    struct Field {
        let id: String
        let name: String
        let label: String
        let value: String
        let multiline: Bool
        let rows: Int
        let invalid: Bool
    }

    struct Language {
        let code: String
        let name: String
        let customized: Bool
        /// "Customized" or "Parley's default".
        let marker: String
        let action: String
        /// Where the script asks for the preview of what is typed.
        let previewAction: String
        let fields: [Field]
        let subject: String
        let text: String
        let sms: String
        let segments: String
        /// The stored texts' email, loaded by the frame itself.
        let htmlHref: String?
        /// A draft's email, which no address serves, written into the frame.
        let htmlDocument: String?
        let error: String?
        let notice: String?
    }

    struct Placeholder {
        let code: String
        let meaning: String
    }

    let stages: [SelectOption]
    let placeholders: [Placeholder]
    let languages: [Language]
}

extension MessageEditorModel {
    /// The page for `stage`; `notice` is shown in the card of its language (saved, reset).
    static func build(
        agent: SignedInAgent, texts: Texts, stage: OrderStage, effective: [String: ShopMessageTemplates.Effective],
        stored: [String: OrderMessage], draft: MessageDraft?, notice: (language: String, text: String)?
    ) -> MessageEditorModel {
        let key = "app.settings.messages."
        let languages = Localizer.supported.compactMap { code -> Language? in
            guard let current = effective[code], let stored = stored[code] else { return nil }
            let mine = draft?.language == code ? draft : nil
            let shown = mine?.previewed ?? stored
            let fields = OrderMessageTexts.Field.allCases.map { field in
                Field(
                    id: "\(code)-\(field.rawValue)", name: field.rawValue, label: texts[key + "fields.\(field.rawValue)"],
                    value: mine.map { $0.texts[field] ?? "" } ?? current.texts[field] ?? "", multiline: field.isMultiline,
                    rows: field == .body ? 5 : 3, invalid: mine?.error?.field == field)
            }
            let base = "/app/settings/messages/\(stage.rawValue)/\(code)"
            let previewing = mine?.previewed != nil && mine?.error == nil
            return Language(
                code: code, name: heading(code, in: agent.language),
                customized: !current.customized.isEmpty, marker: texts[key + (current.customized.isEmpty ? "default" : "customized")],
                action: base, previewAction: base + "/preview", fields: fields, subject: shown.subject, text: shown.text,
                sms: shown.sms, segments: segments(shown.smsSegments, agent: agent, texts: texts),
                htmlHref: mine?.previewed == nil ? "/app/settings/messages/preview.html?stage=\(stage.rawValue)&locale=\(code)" : nil,
                htmlDocument: mine?.previewed?.html, error: mine?.error?.text,
                notice: previewing ? texts[key + "previewing"] : (notice?.language == code ? notice?.text : nil))
        }
        return MessageEditorModel(
            stages: OrderStage.allCases.map {
                .init(value: $0.rawValue, label: texts["tracking.stages.\($0.rawValue)"], selected: $0 == stage)
            },
            placeholders: OrderMessageTemplates.placeholders.map { .init(code: "{{\($0)}}", meaning: texts[key + "meaning.\($0)"]) },
            languages: languages)
    }

    /// The language's name as a heading: Polish and Russian write language names in lower case.
    static func heading(_ code: String, in language: String) -> String {
        let locale = Locale(identifier: language)
        let name = locale.localizedString(forLanguageCode: code) ?? code
        return name.prefix(1).uppercased(with: locale) + name.dropFirst()
    }

    /// "2 SMS parts, UCS-2, 40 characters left", in the agent's language.
    static func segments(_ segments: SMSSegments, agent: SignedInAgent, texts: Texts) -> String {
        texts.format(
            "app.settings.messages.segments",
            [
                "count": agent.format.number(segments.count), "encoding": segments.encoding.rawValue,
                "left": agent.format.number(segments.remaining),
            ])
    }
}

import ParleyCore
import ParleyServices

extension TemplateIssue {
    /// What to change, in the agent's language, naming the field as the form labels it.
    func localized(_ texts: Texts, format: AgentFormat) -> String {
        let key = "app.settings.messages.problems."
        let field = texts["app.settings.messages.fields.\(self.field.rawValue)"]
        switch kind {
        case .tooLong(let limit): return texts.format(key + "tooLong", ["field": field, "limit": format.number(limit)])
        case .lineBreak: return texts.format(key + "lineBreak", ["field": field])
        case .controlCharacter: return texts.format(key + "controlCharacter", ["field": field])
        case .unclosedTag: return texts.format(key + "unclosedTag", ["field": field])
        case .unknownPlaceholder(let name, let suggestion?):
            return texts.format(key + "unknownPlaceholder", ["field": field, "found": "{{\(name)}}", "suggestion": "{{\(suggestion)}}"])
        case .unknownPlaceholder(let name, nil):
            return texts.format(key + "unknownPlaceholderList", ["field": field, "found": "{{\(name)}}"])
        case .unsupportedTag(let tag): return texts.format(key + "unsupportedTag", ["field": field, "tag": tag])
        case .unclosedSection(let name):
            return texts.format(key + "unclosedSection", ["field": field, "open": "{{#\(name)}}", "close": "{{/\(name)}}"])
        case .strayClose(let name): return texts.format(key + "strayClose", ["field": field, "close": "{{/\(name)}}"])
        case .invalid: return texts.format(key + "invalid", ["field": field])
        }
    }
}

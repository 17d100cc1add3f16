import Foundation
import ParleyCore
import ParleyServices

/// What the settings page says when a form cannot be saved, in the agent's language: for a shop
/// setting, its name and what it takes (the hint under the field); for the agents, keys and teams
/// forms, a sentence per field. A field with no sentence here shows the service's own reason.
enum SettingsProblem {
    /// `form` is `agents`, `keys` or `teams` for those forms; nil for the shop's settings.
    static func text(_ error: InvalidInput, form: String? = nil, texts: Texts) -> String {
        let name = error.field.replacingOccurrences(of: ".", with: "_")
        if form == nil, ShopSetting.named(error.field) != nil {
            return texts.format(
                "app.settings.notSaved",
                ["field": texts["app.settings.fields.\(name).label"], "hint": texts["app.settings.fields.\(name).hint"]])
        }
        let key = "app.settings.invalid.\(form ?? "settings").\(name)"
        let sentence = texts[key]
        return sentence == key ? error.reason : sentence
    }

    /// Why a role could not be changed, in the agent's language.
    static func text(_ error: AgentError, texts: Texts) -> String {
        let key =
            switch error {
            case .mayNotChangeRoles: "app.settings.invalid.roles.managersOnly"
            case .onlyOwnersChangeOwners: "app.settings.invalid.roles.ownersOnly"
            case .lastOwner: "app.settings.invalid.roles.lastOwner"
            case .agentNotFound: "app.settings.invalid.roles.notFound"
            }
        let sentence = texts[key]
        return sentence == key ? error.sentence : sentence
    }
}

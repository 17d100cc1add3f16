import ParleyCore

/// One `<option>` of a `<select>` on an app page.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool

    /// The shop's teams, after the choice of none (no team, or any team in a filter).
    static func teams(_ teams: [Team], selected: String?, none: String) -> [SelectOption] {
        [SelectOption(value: "", label: none, selected: selected == nil)]
            + teams.map { SelectOption(value: $0.name, label: $0.name, selected: selected == $0.name) }
    }
}

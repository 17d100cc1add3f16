/// One `<option>` of a `<select>` on an app page.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

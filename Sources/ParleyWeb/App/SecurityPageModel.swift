import ParleyServices

/// What the two-step sign-in page shows, typed so that nothing optional reaches the template as
/// the word "nil": every field has a value, and `values` is the one place it becomes Mustache's.
struct SecurityPageModel {
    var csrfToken: String
    var enabled: Bool
    var required: Bool
    /// The setup under way: the key to type and the link to tap.
    var setup: TwoFactorSetup?
    /// Shown once, right after two-step sign-in was turned on.
    var recoveryCodes: [String] = []
    /// The catalog key of what went wrong (`wrongCode`, `notSetUp`, `required`).
    var errorKey: String?

    func values(texts: [String: String]) -> [String: Any] {
        var values: [String: Any] = [
            "csrfToken": csrfToken, "enabled": enabled, "required": required, "showCodes": !recoveryCodes.isEmpty,
            "recoveryCodes": recoveryCodes,
        ]
        if let setup { values["setup"] = ["secret": setup.secret, "uri": setup.uri] }
        if let errorKey { values["error"] = texts[errorKey] ?? errorKey }
        return values
    }
}

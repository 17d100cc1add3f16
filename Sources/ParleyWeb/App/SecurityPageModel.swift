import ParleyServices

/// What the two-step sign-in page shows.
struct SecurityPageModel {
    var csrfToken: String
    var enabled: Bool
    var required: Bool
    /// The setup under way: the key to type and the link to tap.
    var setup: TwoFactorSetup?
    /// Shown once, right after two-step sign-in was turned on.
    var recoveryCodes: [String] = [] {
        didSet { showCodes = !recoveryCodes.isEmpty }
    }
    private(set) var showCodes = false
    /// The catalog key of what went wrong (`wrongCode`, `notSetUp`, `required`).
    var errorKey: String?
    /// What `errorKey` says in the page's language; set when the page is shown.
    var error: String?
}

/// The second step of signing in: the code from the agent's authenticator app.
struct LoginCodePage {
    let csrfToken: String
    /// What went wrong with the last code, in the page's language.
    let error: String?
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// What the sign-in page shows; nil fields are left out of the page.
struct LoginPageModel {
    let csrfToken: String
    let email: String
    /// The reason the last attempt failed, in the browser's language.
    let error: String?
    /// The app page to return to after signing in.
    let next: String?
}

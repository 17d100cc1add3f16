import Foundation

/// Cross-site request forgery protection for the agent application's forms.
///
/// Before sign-in there is no session, so the login form uses a double-submit token: a random value
/// in a cookie and in the form, which a foreign site can neither read nor set. After sign-in every
/// form carries the session's own token.
enum CSRF {
    static let cookieName = "parley_csrf"
    static let fieldName = "csrf_token"

    /// Compares in time independent of where the strings differ, so the token cannot be guessed byte by byte.
    static func matches(_ presented: String?, _ expected: String?) -> Bool {
        guard let presented, let expected, !expected.isEmpty else { return false }
        let left = Array(presented.utf8)
        let right = Array(expected.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<min(left.count, right.count) { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

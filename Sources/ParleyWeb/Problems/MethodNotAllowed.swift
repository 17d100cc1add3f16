import Hummingbird

/// A path Parley serves, asked with a method it does not take there: 405 with the methods it does.
struct MethodNotAllowed: Error {
    let allowed: [HTTPRequest.Method]
}

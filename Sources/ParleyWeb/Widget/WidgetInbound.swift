import Foundation
import ParleyCore
import ParleyStore

/// What the widget sends over its socket (docs/live-chat.md): one JSON object per text frame.
struct WidgetInbound: Decodable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case hello, send, typing, read, handover, email, transcript
    }

    var type: Kind
    /// `hello`: the token the browser keeps, the shop's signed identity, the language, and the
    /// newest message id the widget has (to resume after it).
    var token: String?
    var identity: String?
    var locale: String?
    var after: Int64?
    /// `send`: the widget's own id of the message, its text and the page it was written on.
    var clientID: String?
    var text: String?
    var page: String?
    /// `read`: the newest message id the visitor has seen.
    var upTo: Int64?
    /// `email`: where to continue when nobody answers live.
    var email: String?

}

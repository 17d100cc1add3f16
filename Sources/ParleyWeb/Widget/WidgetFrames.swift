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

/// One message as the widget shows it.
struct WidgetMessage: Encodable, Sendable {
    var id: Int64
    /// `visitor`, `agent` or `assistant`.
    var author: String
    var text: String
    var name: String?
    var clientID: String?
    /// How many files came with it (the widget marks it as a file).
    var files: Int?
    var at: String

    init(_ line: ChatLine) {
        id = line.id
        author =
            switch line.kind {
            case .incoming: "visitor"
            case .reply: "agent"
            default: "assistant"
            }
        text = line.text
        name = line.agentName
        clientID = line.clientID
        files = line.files > 0 ? line.files : nil
        // The same text as `ISO8601DateFormatter` gives, without building a formatter (and its ICU
        // calendar) for every message: that was 5% of the server's CPU in the chat benchmark.
        at = line.createdAt.formatted(.iso8601)
    }
}

/// What the server sends the widget.
struct WidgetOutbound: Encodable, Sendable {
    enum Kind: String, Encodable, Sendable {
        case welcome, ack, message, typing, read, handler, error
    }

    var type: Kind
    var token: String?
    var visitor: String?
    var conversation: String?
    var handledBy: String?
    var agentsOnline: Bool?
    var messages: [WidgetMessage]?
    var message: WidgetMessage?
    var clientID: String?
    var name: String?
    var upTo: Int64?
    var detail: String?

    init(type: Kind) { self.type = type }

}

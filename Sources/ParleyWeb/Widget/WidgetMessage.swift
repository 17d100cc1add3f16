import Foundation
import ParleyCore
import ParleyStore

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

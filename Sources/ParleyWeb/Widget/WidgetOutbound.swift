import Foundation
import ParleyCore
import ParleyStore

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

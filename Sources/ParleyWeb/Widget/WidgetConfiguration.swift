import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import ParleyCore
import ParleyServices
import ParleyStore

/// What the widget needs before its first message: the shop's brand, greeting and texts in the
/// visitor's language, and whether a person is there.
struct WidgetConfiguration: Encodable {
    var shop: String
    var color: String
    var logo: String?
    var greeting: String
    var language: String
    var agentsOnline: Bool
    /// Whether the widget asks for an email address before the first message.
    var prechat: Bool
    var socket: String
    var texts: [String: String]

}

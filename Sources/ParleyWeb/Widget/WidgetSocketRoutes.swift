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

/// `/widget/v1/{shop}/socket`: the widget's live connection (docs/live-chat.md).
struct WidgetSocketRoutes {
    let chat: LiveChat
    let events: ChatEvents
    let findShop: FindShop
    let assistant: WidgetConnection.AssistantTurn?
    /// Frames one socket may send: a person types far slower; a script flooding the inbox does not.
    static let frames = RateLimiter.Limit(burst: 30, rate: 2)

    func register(on router: Router<ParleyRequestContext>) {
        router.ws("widget/v1/:shop/socket") { _, context in
            // An unknown shop gets no socket at all.
            _ = try await findShop(slug: try context.parameters.require("shop"))
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let shop = try await findShop(slug: try context.requestContext.parameters.require("shop"))
            let connection = WidgetConnection(
                chat: chat, events: events, shop: shop, outbound: outbound, assistant: assistant, logger: context.logger)
            let limiter = RateLimiter()
            do {
                for try await message in inbound.messages(maxSize: 64 * 1024) {
                    guard case .text(let text) = message else { continue }
                    guard limiter.allow("socket", limit: Self.frames, now: .now) else {
                        try await outbound.close(.policyViolation, reason: "too many frames; slow down")
                        break
                    }
                    await connection.receive(text)
                }
            } catch {
                context.logger.debug("widget socket ended", metadata: ["error": "\(error)"])
            }
            await connection.close()
        }
    }
}

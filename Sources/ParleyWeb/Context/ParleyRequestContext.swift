import Hummingbird
import HummingbirdWebSocket
import NIOCore
import ParleyCore

/// What a request carries through Parley's middleware: who is calling, for which shop.
public struct ParleyRequestContext: RequestContext, RemoteAddressRequestContext, WebSocketRequestContext {
    /// The largest request body Parley reads, unless a route asks for more.
    public static let defaultBodyLimit = 1 << 20

    public var coreContext: CoreRequestContextStorage
    /// The shop of the API key that authenticated the request, set by `APIKeyMiddleware`; routes
    /// behind the key read it from their `ShopRequestContext`.
    public var shop: ShopID?
    /// Who is calling, for the audit log: the API key.
    public var actor: AuditActor?
    public let remoteAddress: SocketAddress?
    /// Set by the widget's socket route when the request upgrades.
    public let webSocket = WebSocketHandlerReference<Self>()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { Self.defaultBodyLimit }
}

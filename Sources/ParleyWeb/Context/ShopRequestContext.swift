import Hummingbird
import NIOCore
import ParleyCore

/// The context of a route behind an API key: the key's shop and who it names in the audit log are
/// known, so a handler reads them as values instead of checking for them.
///
/// Made from `ParleyRequestContext` once `APIKeyMiddleware` has authenticated the request; a request
/// without a key never gets here (the middleware answers 401 first).
public struct ShopRequestContext: ChildRequestContext, RemoteAddressRequestContext {
    public typealias ParentContext = ParleyRequestContext

    public var coreContext: CoreRequestContextStorage
    /// The shop of the API key that authenticated the request.
    public let shop: ShopID
    /// Who the audit log names for what this request changes.
    public let actor: AuditActor
    public let remoteAddress: SocketAddress?

    public init(context: ParleyRequestContext) throws {
        guard let shop = context.shop, let actor = context.actor else {
            throw HTTPError(.unauthorized, message: "this route needs an API key")
        }
        coreContext = context.coreContext
        self.shop = shop
        self.actor = actor
        remoteAddress = context.remoteAddress
    }

    public var maxUploadSize: Int { ParleyRequestContext.defaultBodyLimit }
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParleyChannels
import ParleyCore
import ParleyServices

/// `/hooks/sms/{provider}/{shop}`: delivery reports and customers' texts from the shop's SMS provider,
/// verified (Twilio's signature, Kannel's token, the webhook's HMAC) before anything is acted on.
/// Kannel calls with GET, the others with POST.
struct SMSHookRoutes {
    static let bodyLimit = 64 << 10
    let findShop: FindShop
    let settings: ShopSettings
    let record: RecordSMSCallback
    /// Twilio signs the URL it called, so the route rebuilds it from the public URL (no trailing slash).
    let publicURL: String

    func register(on router: Router<ParleyRequestContext>) {
        router.get("hooks/sms/:provider/:shop") { request, context in try await handle(request, context: context) }
        router.post("hooks/sms/:provider/:shop") { request, context in try await handle(request, context: context) }
    }

    private func handle(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var request = request
        let provider = try context.parameters.require("provider")
        let slug = try context.parameters.require("shop")
        // An unknown shop, a shop with another provider and a wrong signature answer alike, so the
        // answers do not tell which shops exist; the log says which it was.
        let refused = HTTPError(
            .unauthorized, message: "the callback is not verified for this shop's SMS provider (its sms.provider and sms.secret)")
        let found: Shop?
        do { found = try await findShop(slug: slug) } catch ShopError.shopNotFound { found = nil }
        guard let shop = found, let configured = SMSSettings(shopSettings: try await settings.values(shop: shop.id)),
            configured.provider == provider
        else {
            context.logger.warning(
                "refused an SMS callback: unknown shop or another provider",
                metadata: ["provider": "\(provider)", "shop": "\(slug)", "remote": "\(context.remoteAddress?.ipAddress ?? "")"])
            throw refused
        }
        let body = Array(buffer: try await request.collectBody(limit: Self.bodyLimit))
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let callback: SMSCallback
        do {
            callback = try SMSCallbacks.read(
                provider: provider, settings: configured,
                request: SMSCallbackRequest(
                    method: request.method.rawValue, url: publicURL + request.uri.description, headers: headers, body: body))
        } catch {
            switch error.reason {
            case .unverified:
                context.logger.warning(
                    "refused an SMS callback that is not verified",
                    metadata: [
                        "provider": "\(provider)", "shop": "\(slug)", "remote": "\(context.remoteAddress?.ipAddress ?? "")",
                        "reason": "\(error.description)",
                    ])
                throw refused
            case .unreadable:
                throw HTTPError(.badRequest, message: error.description)
            }
        }
        try await record(shop: shop.id, callback)
        // Twilio reads the answer to a text as TwiML: an empty response sends no automatic reply.
        return Response(
            status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>")))
    }
}

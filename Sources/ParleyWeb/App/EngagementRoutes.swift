import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/e/o/…` (a marketing email's pixel) and `/e/c/…?u=` (one of its links): each notes an open or a
/// click, by a person or a machine, and answers at once. The pixel is the same transparent GIF
/// whatever the link, so it tells nothing about who exists; a click whose signature does not cover
/// its target is refused with a page, never redirected.
struct EngagementRoutes {
    let tracking: EngagementTracking
    let views: Views

    /// A 1×1 transparent GIF.
    static let pixel = ByteBuffer(bytes: Data(base64Encoded: "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7") ?? Data())

    func register(on router: Router<ParleyRequestContext>) {
        for head in [false, true] {
            let on = { (path: RouterPath, handler: @escaping @Sendable (Request, ParleyRequestContext) async throws -> Response) in
                _ = head ? router.head(path, use: handler) : router.get(path, use: handler)
            }
            on("e/o/:shop/:message/:signature") { request, context in
                try? await tracking.open(
                    shopSlug: try context.parameters.require("shop"), message: try context.parameters.require("message"),
                    signature: try context.parameters.require("signature"), userAgent: request.headers[.userAgent], head: head)
                return Response(
                    status: .ok,
                    headers: [.contentType: "image/gif", .cacheControl: "no-store, private", .init("Referrer-Policy")!: "no-referrer"],
                    body: .init(byteBuffer: Self.pixel))
            }
            on("e/c/:shop/:message/:signature") { request, context in
                do {
                    let target = try await tracking.click(
                        shopSlug: try context.parameters.require("shop"), message: try context.parameters.require("message"),
                        signature: try context.parameters.require("signature"),
                        target: request.uri.queryParameters["u"].map(String.init) ?? "", userAgent: request.headers[.userAgent], head: head)
                    return Response(
                        status: .found,
                        headers: [.location: target, .cacheControl: "no-store, private", .init("Referrer-Policy")!: "no-referrer"])
                } catch EngagementError.linkNotFound {
                    let language = views.localizer.language(for: nil, acceptLanguage: request.headers[.acceptLanguage])
                    let texts = views.localizer.texts(language)
                    var response = views.page(
                        .linkProblem, language: language,
                        model: LinkProblemPage(title: texts["preferences.invalidTitle"], text: texts["preferences.invalid"]),
                        status: .notFound)
                    response.headers[.init("X-Robots-Tag")!] = "noindex"
                    return response
                }
            }
        }
    }
}

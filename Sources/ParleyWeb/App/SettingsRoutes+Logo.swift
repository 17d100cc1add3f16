import Foundation
import Hummingbird
import NIOCore
import ParleyCore
import ParleyServices
import ParleyStore

/// The settings screen's logo: uploaded as a file (a multipart form, so it works without
/// JavaScript), removed, and served to everyone at `/brand/{shop}/logo` for emails and public pages.
extension SettingsRoutes {
    struct RemoveLogoForm: Decodable, CSRFProtected {
        let csrfToken: String?
    }

    func registerLogo(on router: Router<ParleyRequestContext>) {
        router.post("app/settings/logo") { request, _ in
            let form = try await MultipartForm.read(request, limit: ShopLogos.largest + 64 * 1024, what: "the logo")
            return try await gate.page(request, need: Self.managers) { agent in
                guard CSRF.matches(form.text("csrf_token"), agent.csrfToken) else {
                    return gate.problemPage(agent, key: "expired", status: .forbidden)
                }
                do {
                    _ = try await logos.upload(
                        shop: agent.shop, bytes: form.fields["logo"]?.data ?? [], publicURL: publicURL,
                        by: AuditActor(.agent, name: agent.agent.email))
                } catch let error as InvalidInput {
                    return try await page(
                        agent, logoError: SettingsProblem.text(error, form: "logo", texts: texts(agent)), status: .unprocessableContent)
                }
                return Response.redirect(to: "/app/settings?saved=logo#logo", type: .normal)
            }
        }
        router.post("app/settings/logo/remove") { request, context in
            try await gate.form(request, context: context, RemoveLogoForm.self, need: Self.managers) { agent, _ in
                try await logos.remove(shop: agent.shop, by: AuditActor(.agent, name: agent.agent.email))
                return Response.redirect(to: "/app/settings#logo", type: .normal)
            }
        }
        router.get("brand/:shop/logo") { _, context in
            let slug = try context.parameters.require("shop")
            guard let shop = try? await gate.findShop(slug: slug), let logo = try await logos.find(shop: shop.id) else {
                throw HTTPError(.notFound, message: "no logo for this shop")
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: logo.contentType, .xContentTypeOptions: "nosniff", .cacheControl: "public, max-age=86400",
                    .contentSecurityPolicy: "default-src 'none'; sandbox",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: logo.data)))
        }
    }
}

import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Renders the agent application's pages from the embedded Mustache templates.
struct Views: Sendable {
    private let library: MustacheLibrary
    let localizer: Localizer
    let assets: AppAssets

    init(resources: URL) async throws {
        assets = try AppAssets(resources: resources)
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        localizer = try Localizer(directory: resources.appendingPathComponent("locales"))
        let missing = PageTemplate.allCases.filter { library.getTemplate(named: $0.rawValue) == nil }
        guard missing.isEmpty else { throw MissingTemplates(names: missing.map(\.rawValue)) }
    }

    /// An agent-application page: `template` rendered with `model` as `page`, the frame as `chrome`.
    func app<Model>(
        _ template: PageTemplate, agent: SignedInAgent, chrome: AppChrome, model: Model, status: HTTPResponse.Status = .ok
    ) -> Response {
        let screen = AppScreen(
            t: localizer.catalog(agent.language), locale: agent.language, version: assets.version, chrome: chrome, page: model)
        return html(render(template, screen), status: status)
    }

    /// A page outside the app's frame (sign-in, public pages): `template` rendered with `model` as `page`.
    func page<Model>(_ template: PageTemplate, language: String, model: Model, status: HTTPResponse.Status = .ok) -> Response {
        let screen = PublicScreen(t: localizer.catalog(language), locale: language, page: model)
        return html(render(template, screen), status: status)
    }

    /// The HTML of `template` for `screen`. Every template was found at start, so the library always
    /// has it.
    func render(_ template: PageTemplate, _ screen: Any) -> String {
        library.render(ReflectedModel.wrap(screen), withTemplate: template.rawValue) ?? ""
    }

    private func html(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'",
                .xContentTypeOptions: "nosniff",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

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
    }

    /// An agent-application page: `template` rendered with `model` as `page`, the frame as `chrome`.
    func app<Model>(
        _ template: String, agent: SignedInAgent, chrome: AppChrome, model: Model, status: HTTPResponse.Status = .ok
    ) -> Response {
        let screen = AppScreen(
            t: localizer.catalog(agent.language), locale: agent.language, version: assets.version, chrome: chrome, page: model)
        return html(library.render(ReflectedModel.wrap(screen), withTemplate: template) ?? "", status: status)
    }

    /// A page outside the app's frame (sign-in): `template` rendered with `model` as `page`.
    func page<Model>(_ template: String, language: String, model: Model, status: HTTPResponse.Status = .ok) -> Response {
        let screen = PublicScreen(t: localizer.catalog(language), locale: language, page: model)
        return html(library.render(ReflectedModel.wrap(screen), withTemplate: template) ?? "", status: status)
    }

    /// An HTML response of `template` with `values`, the UI strings of `language` available as `t`.
    func page(_ template: String, language: String, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var object = values
        object["t"] = localizer.catalog(language)
        object["locale"] = language
        return html(library.render(object, withTemplate: template) ?? "", status: status)
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

/// What a page outside the app's frame receives: the strings and the page's own model.
struct PublicScreen<Model> {
    let t: [String: any Sendable]
    let locale: String
    let page: Model
}

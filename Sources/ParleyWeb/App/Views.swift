import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Renders the agent application's pages from the embedded Mustache templates.
struct Views: Sendable {
    private let library: MustacheLibrary
    let localizer: Localizer

    init(resources: URL) async throws {
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        localizer = try Localizer(directory: resources.appendingPathComponent("locales"))
    }

    /// An HTML response of `template` with `values`, the UI strings of `language` available as `t`.
    func page(_ template: String, language: String, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var object = values
        object["t"] = localizer.catalog(language)
        object["locale"] = language
        let html = library.render(object, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
                .xContentTypeOptions: "nosniff",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/settings/messages`: every order update as customers receive it, a stage at a time, in
/// each language side by side — the email's subject, text and HTML, and the SMS with its parts.
struct MessagePreviewRoutes {
    let gate: AppGate
    let preview: PreviewOrderMessage
    let views: Views
    let clock: any WallClock

    struct PageModel {
        typealias Option = SelectOption

        struct Language {
            let code: String
            let name: String
            let subject: String
            let text: String
            let sms: String
            let segments: String
            let htmlHref: String
        }

        let stages: [Option]
        let languages: [Language]
    }

    private static let managers: @Sendable (SignedInAgent) -> Bool = { $0.managesSettings }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/settings/messages") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                let texts = views.localizer.texts(agent.language)
                let stage = request.uri.queryParameters["stage"].flatMap { OrderStage(rawValue: String($0)) } ?? .shipped
                var languages: [PageModel.Language] = []
                for code in Localizer.supported {
                    let message = try await preview.sample(shop: agent.shop.id, stage: stage, language: code, now: clock.now())
                    let segments = message.smsSegments
                    languages.append(
                        .init(
                            code: code, name: Locale(identifier: agent.language).localizedString(forLanguageCode: code) ?? code,
                            subject: message.subject, text: message.text, sms: message.sms,
                            segments: texts.format(
                                "app.settings.messages.segments",
                                [
                                    "count": agent.format.number(segments.count), "encoding": segments.encoding.rawValue,
                                    "left": agent.format.number(segments.remaining),
                                ]),
                            htmlHref: "/app/settings/messages/preview.html?stage=\(stage.rawValue)&locale=\(code)"))
                }
                let model = PageModel(
                    stages: OrderStage.allCases.map {
                        .init(value: $0.rawValue, label: texts["tracking.stages.\($0.rawValue)"], selected: $0 == stage)
                    }, languages: languages)
                return views.app(
                    "message-previews", agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "settings"), model: model)
            }
        }
        router.get("app/settings/messages/preview.html") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                let stage = request.uri.queryParameters["stage"].flatMap { OrderStage(rawValue: String($0)) } ?? .shipped
                let language = request.uri.queryParameters["locale"].map(String.init) ?? agent.language
                guard Localizer.supported.contains(language) else { throw NotFound("language \(language)") }
                let message = try await preview.sample(shop: agent.shop.id, stage: stage, language: language, now: clock.now())
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
                        .contentSecurityPolicy:
                            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
                    ],
                    body: .init(byteBuffer: .init(string: message.html)))
            }
        }
    }
}

import Foundation
import Mustache
import ParleyCore

/// The default order-update templates: a strings catalog per language (`Resources/messages`) and
/// shared layouts with the shop's brand as partials (`Resources/templates`).
///
/// Strings are Mustache themselves (`"Order {{number}} is on its way"`), rendered without escaping;
/// the HTML layout escapes each finished string once.
public struct OrderMessageTemplates: Sendable {
    private let library: MustacheLibrary
    private let catalogs: MessageCatalogs

    public init(catalogs: MessageCatalogs) async throws {
        library = try await MustacheLibrary(directory: catalogs.resources.appendingPathComponent("templates").path)
        self.catalogs = catalogs
    }

    /// The templates over the catalogs shipped with Parley.
    public init() async throws {
        try await self.init(catalogs: MessageCatalogs())
    }

    /// The languages with a catalog.
    public var languages: [String] { catalogs.languages }

    /// What a shop's texts may name: the order's details that `render` fills in.
    public static let placeholders = ["shop", "number", "name", "carrier", "trackingNumber", "trackingPage"]

    /// Parley's own texts of `stage` in `language`, before rendering: what a shop starts from.
    public func defaults(stage: OrderStage, language: String) -> OrderMessageTexts {
        catalogs.defaults(stage: stage, language: language)
    }

    public func render(_ input: OrderMessageInput) throws -> OrderMessage {
        let (language, shipped) = try catalogs.catalog(for: input.customerLocale, shopDefault: input.shop.defaultLocale)
        let stage = "stages.\(input.stage.rawValue)."
        var catalog = shipped
        for field in OrderMessageTexts.Field.allCases {
            if let own = input.custom[language]?[field] { catalog[stage + field.rawValue] = own }
        }
        let money = { (minor: Int64) in Currency.formatted(minor, code: input.order.currency, locale: language) }
        var values: [String: Any] = MessageCatalogs.present([
            "shop": input.shop.name, "number": input.order.number, "name": input.customerName,
            "carrier": input.order.shipment?.carrier, "trackingNumber": input.order.shipment?.trackingNumber,
            "trackingPage": input.trackingPage,
        ])
        let words = { (key: String) throws -> String in try MessageCatalogs.words(key, in: catalog, values: values) }
        let subject = try words(stage + "subject")
        values["subject"] = subject
        values["headline"] = try words(stage + "headline")
        let body = try words(stage + "body")
        values["body"] = body
        // A shop's own text may run to several lines; each is a paragraph of the HTML email.
        values["paragraphs"] = body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        values["greeting"] = try words(input.customerName?.isEmpty == false ? "greeting" : "greetingAnonymous")
        values["automatedNotice"] = try words("automatedNotice")
        values["t"] = catalogs.common[language] ?? [:]
        values["locale"] = language
        values["brand"] = MessageCatalogs.brand(input.settings)
        values["support"] = MessageCatalogs.present(["email": input.settings[.supportEmail], "phone": input.settings[.supportPhone]])
        if let shipment = input.order.shipment {
            values["shipment"] = MessageCatalogs.present([
                "carrier": shipment.carrier, "trackingNumber": shipment.trackingNumber, "trackingURL": shipment.trackingURL,
            ])
        }
        values["hasItems"] = !input.items.isEmpty
        values["items"] = input.items.map {
            ["name": $0.name, "quantity": $0.quantity, "price": money($0.unitPriceMinor * Int64($0.quantity))] as [String: Any]
        }
        values["total"] = money(input.order.totalMinor)
        let sms = try words(stage + "sms")
        return OrderMessage(
            locale: language, subject: subject, html: library.render(values, withTemplate: "order-email-html") ?? "",
            text: library.render(values, withTemplate: "order-email-text") ?? "", sms: sms, smsSegments: SMSSegments(sms))
    }
}

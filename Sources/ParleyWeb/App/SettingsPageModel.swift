import Foundation
import ParleyCore
import ParleyServices

/// The shop's settings as the settings screen shows them: sections of fields, each with the input
/// its kind needs; secrets are never sent back to the browser, only whether they are set.
struct SettingsPageModel {
    struct Field {
        let key: String
        /// The form field's name: the key with `_` for `.`.
        let name: String
        let id: String
        let label: String
        let hint: String
        let value: String
        /// `text`, `paragraph`, `secret`, `choice`, `color`, `url`, `email`.
        let isParagraph: Bool
        let isSecret: Bool
        let isChoice: Bool
        let inputType: String
        let isSet: Bool
        let options: [Option]
        let placeholder: String
        /// The field the last save was refused for.
        let invalid: Bool
        /// Business hours, as a week of days; closed days, as dates.
        let isWeek: Bool
        let isClosedDays: Bool
        let isPlain: Bool
        let week: BusinessHoursForm?
    }

    typealias Option = SelectOption

    struct Section {
        let id: String
        let title: String
        let fields: [Field]
        let saved: Bool
        let error: String?
        /// What to paste into the shop's pages, for the chat section.
        var snippet: String? = nil
        var tryHref: String? = nil
    }

    struct Routing {
        let value: String
        let status: String
        let pending: Bool
    }

    struct Warning {
        let setting: String
        let detail: String
    }

    /// The settings screen's sections, in order, with their keys.
    static let sections: [(id: String, keys: [String])] = [
        ("shop", ["name", "default_locale", "time_zone", "shop.url", "brand.logo_url", "brand.color", "brand.signature", "support.phone"]),
        (
            "inbox",
            [
                "inbox.acknowledge", "sla.first_response", "sla.next_response", "sla.resolution", "inbox.business_hours", "inbox.holidays",
                "inbox.sender_hourly_limit",
            ]
        ),
        (
            "mail",
            [
                "support.email", "email.from", "email.bounce_address", "email.smtp_url", "dkim.domain", "dkim.selector",
                "dkim.private_key",
            ]
        ),
        ("sms", ["sms.provider", "sms.from", "sms.url", "sms.username", "sms.secret"]),
        ("updates", ["notify.email_stages", "notify.sms_stages"]),
        (
            "pressure",
            [
                "pressure.email_caps", "pressure.sms_caps", "pressure.minimum_gap", "pressure.after_order_update", "pressure.quiet_hours",
                "pressure.hold_during_support", "marketing.tracking", "marketing.double_opt_in",
            ]
        ),
        (
            "chat",
            [
                "widget.greeting", "widget.prechat", "widget.identity_secret", "assistant.model_url", "assistant.model",
                "assistant.model_key",
            ]
        ),
        ("platforms", ["shopify.shop_domain", "shopify.webhook_secret", "woocommerce.site_url", "woocommerce.webhook_secret"]),
        ("security", ["security.require_two_factor", "events.retention"]),
    ]

    let sections: [Section]
    let dkimName: String?
    let dkimValue: String?
    let routing: [Routing]
    let warnings: [Warning]
    let hooks: [Routing]

    /// `submitted` is the form that could not be saved, shown again as typed so that nothing is lost.
    init(
        profile: ShopProfile, publicURL: String, texts: Texts, savedSection: String?, error: (section: String, text: String)?,
        submitted: [String: String] = [:], invalid: String? = nil
    ) {
        let shop = profile.shop
        func value(_ key: String) -> String {
            switch key {
            case "name": shop.name
            case "default_locale": shop.defaultLocale
            case "time_zone": shop.timeZone
            default: profile.settings[key] ?? ""
            }
        }
        let week = BusinessHoursForm(
            hours: error?.section == "inbox"
                ? submitted["inbox_business_hours"] ?? value("inbox.business_hours") : value("inbox.business_hours"),
            holidays: error?.section == "inbox" ? submitted["inbox_holidays"] ?? value("inbox.holidays") : value("inbox.holidays"),
            language: texts.language)
        sections = Self.sections.map { section in
            Section(
                id: section.id, title: texts["app.settings.sections.\(section.id)"],
                fields: section.keys.compactMap { key in
                    guard let setting = ShopSetting.named(key) else { return nil }
                    let label = key.replacingOccurrences(of: ".", with: "_")
                    let stored = value(key)
                    let current = error?.section == section.id ? submitted[label] ?? stored : stored
                    var options: [Option] = []
                    if case .choice(let words) = setting.kind {
                        options =
                            [Option(value: "", label: texts["app.settings.unset"], selected: current.isEmpty)]
                            + words.map { Option(value: $0, label: texts["app.settings.choices.\($0)"], selected: current == $0) }
                    }
                    let inputType =
                        switch setting.kind {
                        case .url: "url"
                        case .emailAddress: "email"
                        case .secret, .smtpURL: "password"
                        default: "text"
                        }
                    return Field(
                        key: key, name: label, id: "s-" + label, label: texts["app.settings.fields.\(label).label"],
                        hint: texts["app.settings.fields.\(label).hint"], value: setting.isSecret ? "" : current,
                        isParagraph: setting.kind == .paragraph || setting.kind == .privateKey, isSecret: setting.isSecret,
                        isChoice: !options.isEmpty, inputType: inputType, isSet: !stored.isEmpty, options: options,
                        placeholder: setting.isSecret && !stored.isEmpty ? texts["app.settings.keepSecret"] : "",
                        invalid: invalid == key, isWeek: setting.kind == .weeklyHours, isClosedDays: setting.kind == .dates,
                        isPlain: setting.kind != .weeklyHours && setting.kind != .dates,
                        week: setting.kind == .weeklyHours || setting.kind == .dates ? week : nil)
                },
                saved: savedSection == section.id, error: error?.section == section.id ? error?.text : nil,
                snippet: section.id == "chat" ? Self.widgetTag(publicURL: publicURL, shop: shop.slug) : nil,
                tryHref: section.id == "chat" ? "/widget-demo/\(shop.slug)" : nil)
        }
        dkimName = profile.dkimRecord?.name
        dkimValue = profile.dkimRecord?.value
        routing = profile.routing.map {
            Routing(value: $0.value, status: texts["app.settings.routing.\($0.status.rawValue)"], pending: $0.status.rawValue == "pending")
        }
        warnings = profile.warnings.map { Warning(setting: $0.setting, detail: $0.detail) }
        hooks = [
            Routing(value: "\(publicURL)/hooks/shopify/\(shop.slug)", status: "Shopify", pending: false),
            Routing(value: "\(publicURL)/hooks/woocommerce/\(shop.slug)", status: "WooCommerce", pending: false),
        ]
    }

    /// The one tag that puts the chat on a page of the shop.
    static func widgetTag(publicURL: String, shop: String) -> String {
        "<script src=\"\(publicURL)/widget.js\" data-shop=\"\(shop)\" async></script>"
    }
}

import Foundation
import ParleyCore
import ParleyServices

/// What the preference centre and the unsubscribe page show, in the customer's language.
struct PreferencePageModel {
    struct ChannelRow {
        let id: String
        let name: String
        let label: String
        let address: String
        let checked: Bool
        let closed: Bool
        let closedNote: String?
    }

    struct FrequencyOption {
        let value: String
        let label: String
        let checked: Bool
    }

    let brand: ShopBrand
    let title: String
    let action: String
    let unsubscribeAction: String
    let manageHref: String
    let channels: [ChannelRow]
    let frequencies: [FrequencyOption]
    /// The kinds of marketing, ticked when wanted.
    let topics: [FrequencyOption]
    let paused: Bool
    let pausedUntil: String?
    let notice: String?
    /// Which page: the whole form, or one question and its button.
    enum Mode {
        case form
        /// `…/unsubscribe`: leave marketing email.
        case unsubscribe
        /// `…/subscribe`: confirm marketing email (double opt-in).
        case subscribe
    }

    /// The one question of `…/unsubscribe`, instead of the whole form.
    let confirming: Bool
    /// The one question of `…/subscribe`.
    let subscribing: Bool
    let subscribed: Bool
    let subscribeAction: String
    let subscribeQuestion: String
    let subscribedText: String
    let unsubscribed: Bool
    let unsubscribeQuestion: String
    let unsubscribedText: String
    let intro: String
    let language: String

    init(
        _ page: PreferencePage, texts: Texts, settings: [String: String], publicURL: String, base: String, now: Date,
        notice: String? = nil, mode: Mode = .form
    ) {
        let language = texts.language
        self.language = language
        let shop = page.shop.name
        brand = ShopBrand(shop: page.shop, settings: settings, publicURL: publicURL, home: base + "?lang=\(language)")
        title = texts.format("preferences.title", ["shop": shop])
        intro = texts.format("preferences.intro", ["shop": shop])
        action = base
        unsubscribeAction = base + "/unsubscribe"
        manageHref = base + "?lang=\(language)"
        channels = page.channels.map { state in
            ChannelRow(
                id: "pref-\(state.channel.rawValue)", name: state.channel.rawValue,
                label: texts["preferences.channels.\(state.channel.rawValue)"], address: state.maskedAddress,
                checked: state.marketing && !state.closed, closed: state.closed,
                closedNote: state.closed ? texts["preferences.closed.\(state.channel.rawValue)"] : nil)
        }
        frequencies = ContactPreferences.Frequency.allCases.map { frequency in
            FrequencyOption(
                value: frequency.rawValue, label: texts.format("preferences.frequencies.\(frequency.rawValue)", ["shop": shop]),
                checked: page.preferences.frequency == frequency)
        }
        topics = ContactPreferences.Topic.allCases.map { topic in
            FrequencyOption(
                value: topic.rawValue, label: texts.format("preferences.topics.\(topic.rawValue)", ["shop": shop]),
                checked: !page.preferences.topicsOff.contains(topic))
        }
        let zone = page.customerTimeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: page.shop.timeZone) ?? .gmt
        let until = page.preferences.pausedUntil.flatMap { $0 > now ? $0 : nil }
        paused = until != nil
        pausedUntil = until.map {
            texts.format(
                "preferences.pausedUntil",
                ["date": $0.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language), timeZone: zone))])
        }
        self.notice = notice
        confirming = mode == .unsubscribe
        subscribing = mode == .subscribe
        subscribed = page.channels.first { $0.channel == .email }?.marketing == true
        subscribeAction = base + "/subscribe"
        subscribeQuestion = texts.format("preferences.subscribeQuestion", ["shop": shop])
        subscribedText = texts.format("preferences.subscribed", ["shop": shop])
        unsubscribed = page.channels.first { $0.channel == .email }.map { !$0.marketing } ?? true
        unsubscribeQuestion = texts.format("preferences.unsubscribeQuestion", ["shop": shop])
        unsubscribedText = texts.format("preferences.unsubscribed", ["shop": shop])
    }
}

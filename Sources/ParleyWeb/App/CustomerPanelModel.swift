import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The customer beside a conversation: who they are, how to reach them, what they bought and asked before.
struct CustomerPanelModel {
    struct Line {
        let label: String
        let value: String
    }

    struct OrderLine {
        let number: String
        let stage: String
        let total: String
        let placed: String
        let carrier: String?
        let trackingNumber: String?
        let carrierHref: String?
        let trackingPage: String?
    }

    struct ConversationLine {
        let href: String
        let subject: String
        let status: String
        let age: String
    }

    struct TimelineLine {
        let summary: String
        let age: String
        let exactTime: String
    }

    typealias Option = SelectOption

    let publicID: String
    let name: String
    let initials: String
    let erased: Bool
    /// The edit form: the fields as stored, empty where unknown.
    let editName: String
    let editLocale: String
    let editTimeZone: String
    let preferredOptions: [Option]
    let calls: PhoneCallForm.Options
    /// Where the panel's forms return.
    let back: String
    let identities: [Line]
    let facts: [Line]
    let consents: [Line]
    /// Messages held back by the marketing budget: what, until when, and why.
    let held: [Line]
    let orders: [OrderLine]
    let conversations: [ConversationLine]
    let timeline: [TimelineLine]
    let viewed: RecentlyViewedModel?

    init(_ panel: CustomerPanel, trackingPages: [String: String], agent: SignedInAgent, texts: Texts, back: String) {
        let customer = panel.customer
        publicID = customer.publicID
        editName = customer.name ?? ""
        editLocale = customer.locale ?? ""
        editTimeZone = customer.timeZone ?? ""
        preferredOptions =
            [Option(value: "", label: texts["app.customer.notSaid"], selected: customer.preferredChannel == nil)]
            + PreferredChannel.allCases.map {
                Option(
                    value: $0.rawValue, label: texts["app.customer.preferredChannels.\($0.rawValue)"],
                    selected: customer.preferredChannel == $0)
            }
        calls = PhoneCallForm.Options(texts: texts)
        self.back = back
        // A chat visitor's token or a customer id means nothing to an agent; an address or number does.
        name =
            customer.name ?? customer.identities.first { $0.kind != .visitor }?.value
            ?? texts["app.conversation.unknownCustomer"]
        initials = AppChrome.initials(name)
        erased = customer.erasedAt != nil
        identities = customer.identities.filter { $0.kind != .visitor }.map { identity in
            // A messenger sender, known through an API channel as `chn_…:id`, is shown by their id there.
            if identity.kind == .external, identity.value.hasPrefix("chn_"), let colon = identity.value.firstIndex(of: ":") {
                let prefix = String(identity.value[...colon])
                return Line(
                    label: panel.channelNames[prefix] ?? texts["app.channels.api"],
                    value: String(identity.value[identity.value.index(after: colon)...]))
            }
            return Line(label: texts["app.customer.identities.\(identity.kind.rawValue)"], value: identity.value)
        }
        var facts: [Line] = []
        if let locale = customer.locale {
            let languageName = Locale(identifier: agent.language).localizedString(forIdentifier: locale) ?? locale
            facts.append(Line(label: texts["app.customer.language"], value: languageName))
        }
        if let zoneName = customer.timeZone, let zone = TimeZone(identifier: zoneName) {
            facts.append(Line(label: texts["app.customer.localTime"], value: "\(agent.format.clock(in: zone)) (\(zoneName))"))
        }
        if let preferred = customer.preferredChannel {
            facts.append(Line(label: texts["app.customer.preferred"], value: texts["app.customer.preferredChannels.\(preferred.rawValue)"]))
        }
        self.facts = facts
        consents = customer.consents.map {
            Line(
                label: texts.format(
                    "app.customer.consentPurpose.\($0.purpose.rawValue)", ["channel": texts["app.channels.\($0.channel.rawValue)"]]),
                value: texts.format(
                    "app.customer.consent.\($0.status.rawValue)", ["source": $0.source, "date": agent.format.exact($0.recordedAt)]))
        }
        held = panel.held.map { message in
            Line(
                label: message.subject ?? texts["app.channels.\(message.channel?.rawValue ?? "email")"],
                value: texts.format(
                    "app.customer.heldUntil",
                    [
                        "time": message.heldUntil.map(agent.format.exact) ?? "",
                        "reasons": message.heldBecause.map { Self.reason($0, texts: texts) }.joined(separator: "; "),
                    ]))
        }
        orders = panel.orders.sorted { $0.placedAt > $1.placedAt }.map { order in
            OrderLine(
                number: order.number, stage: texts["tracking.stages.\(order.stage.rawValue)"],
                total: agent.format.money(minor: order.totalMinor, currency: order.currency), placed: agent.format.relative(order.placedAt),
                carrier: order.shipment?.carrier, trackingNumber: order.shipment?.trackingNumber,
                carrierHref: WebLink.http(order.shipment?.trackingURL),
                trackingPage: trackingPages[order.publicID])
        }
        conversations = panel.conversations.map {
            ConversationLine(
                href: "/app/conversations/\($0.conversation.publicID)",
                subject: $0.conversation.subject.isEmpty ? texts["app.conversation.noSubject"] : $0.conversation.subject,
                status: texts["app.status.\($0.conversation.status.rawValue)"], age: agent.format.relative($0.conversation.lastMessageAt))
        }
        viewed = RecentlyViewedModel(panel.browsing, agent: agent)
        timeline = panel.timeline.map {
            TimelineLine(
                summary: TimelineSentence.text($0, texts: texts), age: agent.format.relative($0.occurredAt),
                exactTime: agent.format.exact($0.occurredAt))
        }
    }

    /// Why the budget holds a message, in the agent's words.
    static func reason(_ reason: ContactPressure.Reason, texts: Texts) -> String {
        switch reason {
        case .cap(let cap), .chosenFrequency(let cap):
            let key = if case .cap = reason { "app.customer.holds.cap" } else { "app.customer.holds.chosenFrequency" }
            return texts.format(key, ["limit": String(cap.limit), "period": texts["app.customer.holds.periods.\(cap.period.rawValue)"]])
        default:
            let key = reason.code.split(separator: ":").first.map(String.init) ?? reason.code
            return texts["app.customer.holds.\(key)"]
        }
    }
}

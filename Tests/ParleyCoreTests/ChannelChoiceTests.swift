import Foundation
import ParleyCore
import Testing

@Suite("Channel choice")
struct ChannelChoiceTests {
    static func customer(
        email: Bool = true, phone: Bool = true, prefers: PreferredChannel? = nil, consents: [Channel: Consent.Status] = [:],
        closed: Set<Channel> = []
    ) -> Customer {
        var identities: [Identity] = []
        if email { identities.append(Identity(kind: .email, value: "ola@example.pl")) }
        if phone { identities.append(Identity(kind: .phone, value: "+48601234567")) }
        return Customer(
            id: 1, shopID: ShopID(1), publicID: "cus_1", name: nil, locale: "pl", timeZone: nil, preferredChannel: prefers,
            identities: identities,
            consents: consents.map {
                Consent(channel: $0.key, purpose: .marketing, status: $0.value, source: "test", recordedAt: Date(timeIntervalSince1970: 0))
            }
                + closed.map {
                    Consent(
                        channel: $0, purpose: .transactional, status: .revoked, source: "STOP", recordedAt: Date(timeIntervalSince1970: 0))
                },
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    let both: Set<Channel> = [.email, .sms]

    @Test("the preference decides among the allowed channels; email comes first without one")
    func preference() {
        #expect(ChannelChoice.channels(for: Self.customer(), purpose: .transactional, enabled: both) == .send([.email]))
        #expect(ChannelChoice.channels(for: Self.customer(prefers: .sms), purpose: .transactional, enabled: both) == .send([.sms]))
        #expect(
            ChannelChoice.channels(for: Self.customer(prefers: .both), purpose: .transactional, enabled: both) == .send([.email, .sms]))
        #expect(ChannelChoice.channels(for: Self.customer(prefers: .both), purpose: .transactional, enabled: [.sms]) == .send([.sms]))
    }

    @Test("a preferred channel that cannot be used falls back to one that can")
    func fallback() {
        #expect(
            ChannelChoice.channels(for: Self.customer(phone: false, prefers: .sms), purpose: .transactional, enabled: both)
                == .send([.email]))
        #expect(
            ChannelChoice.channels(for: Self.customer(prefers: .sms, closed: [.sms]), purpose: .transactional, enabled: both)
                == .send([.email]))
        #expect(ChannelChoice.channels(for: Self.customer(email: false), purpose: .transactional, enabled: both) == .send([.sms]))
    }

    @Test("order updates need no marketing consent; marketing needs it granted")
    func purposes() {
        #expect(
            ChannelChoice.channels(for: Self.customer(), purpose: .marketing, enabled: both)
                == .unreachable("the customer has not consented to marketing on email or sms"))
        #expect(ChannelChoice.channels(for: Self.customer(consents: [.sms: .granted]), purpose: .marketing, enabled: both) == .send([.sms]))
    }

    @Test("leaving marketing keeps order updates coming on that channel; a closed channel ends marketing too")
    func purposesApart() {
        let unsubscribed = Self.customer(consents: [.email: .revoked])
        #expect(ChannelChoice.channels(for: unsubscribed, purpose: .transactional, enabled: both) == .send([.email]))
        #expect(
            ChannelChoice.channels(for: unsubscribed, purpose: .marketing, enabled: both)
                == .unreachable("the customer has not consented to marketing on email or sms"))
        let stopped = Self.customer(consents: [.sms: .granted], closed: [.sms])
        #expect(!stopped.allowsMarketing(on: .sms))
        #expect(
            ChannelChoice.channels(for: stopped, purpose: .marketing, enabled: [.sms])
                == .unreachable("the customer has not consented to marketing on sms"))
    }

    @Test("a customer who cannot be reached is reported with the reason")
    func unreachable() {
        #expect(
            ChannelChoice.channels(for: Self.customer(email: false, phone: false), purpose: .transactional, enabled: both)
                == .unreachable("the customer has no email address or phone number"))
        #expect(
            ChannelChoice.channels(for: Self.customer(email: false, closed: [.sms]), purpose: .transactional, enabled: both)
                == .unreachable("the customer closed sms"))
        #expect(
            ChannelChoice.channels(for: Self.customer(), purpose: .transactional, enabled: [])
                == .unreachable("the shop sends this message on no channel"))
    }

    @Test("an email address that bounced is skipped: a second address or the phone takes over, else the bounce is the reason")
    func bounced() {
        let gone: Set<String> = ["ola@example.pl"]
        let twoAddresses = Customer(
            id: 1, shopID: ShopID(1), publicID: "cus_1", name: nil, locale: "pl", timeZone: nil, preferredChannel: nil,
            identities: [Identity(kind: .email, value: "Ola@example.pl"), Identity(kind: .email, value: "ola@praca.example")],
            consents: [], createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        #expect(twoAddresses.address(for: .email, avoiding: gone) == "ola@praca.example")
        #expect(ChannelChoice.channels(for: twoAddresses, purpose: .transactional, enabled: both, suppressed: gone) == .send([.email]))
        #expect(ChannelChoice.channels(for: Self.customer(), purpose: .transactional, enabled: both, suppressed: gone) == .send([.sms]))
        #expect(
            ChannelChoice.channels(for: Self.customer(), purpose: .transactional, enabled: [.email], suppressed: gone)
                == .unreachable("the customer's email address bounced"))
        #expect(
            ChannelChoice.channels(for: Self.customer(phone: false), purpose: .transactional, enabled: both, suppressed: gone)
                == .unreachable("the customer's email address bounced and there is no phone number"))
    }
}
